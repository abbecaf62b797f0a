// Web load: initial JS (gzipped) of the production build, and — against a running finsync with demo data —
// the time from navigation until the dashboard's three charts are drawn.
//   pnpm bench web-load                                     → build size only
//   pnpm bench web-load <web-url> <email> <password>        → also chart time (e.g. the URL `./finsync demo` prints)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const DASHBOARD_CHARTS = ['category-donut', 'spending-trend', 'cash-flow'];
const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const build = spawnSync(
  process.execPath,
  [join(web, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
  {
    cwd: web,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

// Initial JS = the entry script plus every chunk index.html preloads; page chunks load on demand.
const dist = join(web, 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [
  ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g),
].map((m) => m[1]!);
let raw = 0;
let gz = 0;
for (const file of initial) {
  const bytes = readFileSync(join(dist, file));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
console.log(
  `initial JS: ${initial.length} file(s), ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzipped`,
);

const [url, email, password] = process.argv.slice(2);
if (!url || !email || !password) {
  console.log('chart time: skipped (pass <web-url> <email> <password> of a running finsync with demo data)');
  process.exit(0);
}
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
await page.goto(new URL('/sign-in', url).href);
await page.getByLabel('Email').fill(email);
await page.getByLabel('Password').fill(password);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL((u) => u.pathname === '/');
const runs: number[] = [];
for (let i = 0; i < 5; i++) {
  await page.goto(new URL('/', url).href);
  // The three charts of the dashboard's own figures; the latest report's net-worth chart may join them.
  await page.waitForFunction(
    (names) => names.every((n) => document.querySelector(`figure[data-chart="${n}"][data-drawn="true"]`)),
    DASHBOARD_CHARTS,
  );
  runs.push(
    await page.evaluate(
      (names) =>
        Math.max(
          ...performance
            .getEntriesByType('mark')
            .filter((m) => names.some((n) => m.name === `finsync:chart-drawn:${n}`))
            .map((m) => m.startTime),
        ),
      DASHBOARD_CHARTS,
    ),
  );
}
runs.sort((a, b) => a - b);
console.log(
  `dashboard charts drawn: median ${runs[2]!.toFixed(0)} ms after navigation start (5 loads: ${runs.map((r) => r.toFixed(0)).join(', ')})`,
);
await browser.close();
