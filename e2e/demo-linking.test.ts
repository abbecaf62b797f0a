import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSettings } from '../scripts/demo/demo-settings.ts';
import { freePort } from '../scripts/demo/free-port.ts';
import { type RunningDemo, runDemo } from '../scripts/demo/run-demo.ts';
import { connectBrowser } from './support/run-resources.ts';
import { signUpInBrowser } from './support/sign-up.ts';

/*
 * The demo as `./finsync demo` runs it (embedded PGlite, jobs in-process, the emulator as Plaid), driven by a
 * browser: a newly signed-up user links one bank with the primary "Link a bank" button (offline: the emulator's
 * Link script, given by configuration) and one through "Use the hosted page" (whose SESSION_FINISHED webhook
 * races the app's return). Each first sync finishes, and /api/v1/auth/me always answers (before: the hosted
 * page left every request hanging until a restart). Its answer time is printed: under 1 s except while a
 * first sync commits its history, which on embedded PGlite runs inside the backend's event loop.
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PASSWORD = 'correct horse battery staple';

let workdir: string;
let demo: RunningDemo;
let browser: Browser;
const demoLog: string[] = [];

beforeAll(async () => {
  workdir = await mkdtemp(join(tmpdir(), 'finsync-demo-linking-'));
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(await freePort()),
    EMULATOR_PORT: String(await freePort()),
    FINSYNC_WEB_PORT: String(await freePort()),
    PROTOTYPE_PORT: String(await freePort()),
    PGLITE_DIR: join(workdir, 'pglite'),
    EMULATOR_STATE_FILE: join(workdir, 'emulator-state.json'),
  };
  demo = await runDemo(demoSettings(env, root), env, (line) => demoLog.push(line));
  browser = await connectBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  if (workdir) await rm(workdir, { recursive: true, force: true });
}, 60_000);

/** Asks /auth/me every 250 ms with the page's cookies; records how long each answer took. */
function watchSessionProbe(context: BrowserContext, apiOrigin: string) {
  const timings: number[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const started = Date.now();
      const res = await context.request
        .get(`${apiOrigin}/api/v1/auth/me`, { timeout: 30_000 })
        .catch(() => null);
      timings.push(res ? Date.now() - started : Number.POSITIVE_INFINITY);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    timings,
    async stop() {
      running = false;
      await done;
    },
  };
}

async function waitForFirstSync(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Importing your transactions' }).waitFor({ timeout: 90_000 });
  await page.locator('[data-sync-status="succeeded"]').waitFor({ timeout: 90_000 });
}

describe('linking banks in the demo (PGlite, in-process jobs)', () => {
  it('links one bank by the primary button and one by the hosted page; both first syncs finish; /auth/me always answers', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 500) consoleErrors.push(`${response.status()} ${response.url()}`);
    });

    // A new user reads the sign-up link in the mail sink the demo prints ("Emails").
    await signUpInBrowser(page, {
      appUrl: demo.urls.app,
      mailSinkUrl: demo.urls.emails,
      email: `linker-${Date.now()}@example.com`,
      password: PASSWORD,
      timeoutMs: 90_000,
    });
    // Signed in, a reload is clean: no console error or warning (React Router's HydrateFallback warning,
    // failed requests), and a few static files from the production build.
    const noise: string[] = [];
    const onConsole = (message: { type(): string; text(): string }) => {
      if (message.type() === 'error' || message.type() === 'warning') noise.push(message.text());
    };
    page.on('console', onConsole);
    const reloads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await page.reload({ waitUntil: 'load' });
      await page.getByRole('heading', { name: 'Link your bank' }).waitFor({ timeout: 90_000 });
      reloads.push(Date.now() - started);
    }
    console.log(`demo reload (onboarding page, to its heading): ${reloads.join(' ')} ms`);
    page.off('console', onConsole);
    expect(noise).toEqual([]);
    const probe = watchSessionProbe(context, demo.urls.app);

    // 1. The primary button: offline, the emulator's Link script opens its dialog.
    await page.getByRole('button', { name: 'Link a bank' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a bank' });
    await dialog.waitFor({ timeout: 45_000 });
    await dialog.locator('select').selectOption({ index: 0 });
    await dialog.locator('input[name=username]').fill('user_good');
    await dialog.locator('input[name=password]').fill('pass_good');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await waitForFirstSync(page);

    // 2. The hosted page, in this tab, back to the app.
    await page.goto(`${demo.urls.app}/onboarding`);
    await page.getByRole('button', { name: 'Use the hosted page' }).click();
    await page.getByRole('button', { name: 'Continue' }).click({ timeout: 45_000 });
    await waitForFirstSync(page);

    await probe.stop();
    const items = await context.request.get(`${demo.urls.app}/api/v1/items`);
    const { items: linked } = (await items.json()) as { items: { id: string }[] };
    expect(linked).toHaveLength(2);
    for (const item of linked) {
      const runs = await context.request.get(`${demo.urls.app}/api/v1/items/${item.id}/sync-runs`);
      const body = (await runs.json()) as { runs: { trigger: string; status: string }[] };
      expect(body.runs.find((r) => r.trigger === 'initial')?.status).toBe('succeeded');
    }
    const slowest = Math.max(...probe.timings);
    console.log(
      `demo linking: ${probe.timings.length} /auth/me probes, slowest ${slowest} ms: ${probe.timings.join(' ')}`,
    );
    expect(probe.timings.length).toBeGreaterThan(5);
    expect(slowest).toBeLessThan(30_000);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 300_000);
});
