import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/demo/free-port.ts';
import { type RunningService, startService } from '../scripts/demo/start-service.ts';
import { waitForUrl } from '../scripts/demo/wait-for-url.ts';
import { connectBrowser } from './support/run-resources.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const screenshots = join(root, 'e2e', 'screenshots');
const services: RunningService[] = [];
const output: string[] = [];
let browser: Browser | undefined;
let dataDir: string;
let pageUrl: string;

beforeAll(async () => {
  const [emulatorPort, prototypePort] = [await freePort(), await freePort()];
  dataDir = await mkdtemp(join(tmpdir(), 'finsync-prototype-e2e-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test' };
  const log = (line: string) => output.push(line);
  services.push(
    startService({
      name: 'emulator',
      args: ['emulator/src/main.ts'],
      cwd: root,
      env: { ...env, EMULATOR_PORT: String(emulatorPort) },
      log,
    }),
  );
  services.push(
    startService({
      name: 'prototype',
      args: [join(root, 'prototype/node_modules/vite/bin/vite.js')],
      cwd: join(root, 'prototype'),
      env: {
        ...env,
        PLAID_EMULATOR_URL: `http://127.0.0.1:${emulatorPort}`,
        PROTOTYPE_PORT: String(prototypePort),
        PROTOTYPE_DATA_DIR: dataDir,
        PROTOTYPE_TIMEZONE: 'UTC',
      },
      log,
    }),
  );
  pageUrl = `http://127.0.0.1:${prototypePort}/`;
  await waitForUrl(`http://127.0.0.1:${emulatorPort}/emulator/health`, { timeoutMs: 60_000 });
  await waitForUrl(`${pageUrl}proto-api/dashboard`, { timeoutMs: 90_000, accept: (r) => r.ok });
  browser = await connectBrowser();
  await mkdir(screenshots, { recursive: true });
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(services.map((s) => s.stop()));
  await rm(dataDir, { recursive: true, force: true });
});

describe('prototype page in Chromium', () => {
  it('links a sandbox bank and draws this week, the categories and the trend', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 1100 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pageUrl);
    await page.getByText('No bank linked yet').waitFor();
    await page.screenshot({ path: join(screenshots, 'prototype-empty.png') });

    await page.getByRole('button', { name: 'Link a sandbox bank' }).click();
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
    const figures = (await (await fetch(`${pageUrl}proto-api/dashboard`)).json()) as {
      thisWeek: { spentMinor: number };
      byCategory: unknown[];
      transactionCount: number;
    };
    expect(figures.transactionCount).toBeGreaterThan(0);
    // The page shows the backend's exact minor units as dollars and cents.
    const cents = String(figures.thisWeek.spentMinor).padStart(3, '0');
    const dollars = Number(cents.slice(0, -2)).toLocaleString('en-US');
    await expect.poll(() => page.locator('#week-spent').textContent()).toBe(`$${dollars}.${cents.slice(-2)}`);
    expect(await page.locator('#category-table tbody tr').count()).toBe(figures.byCategory.length);
    expect(await page.locator('#recent-table tbody tr').count()).toBeGreaterThan(0);
    const barsDrawn = await page.locator('#trend-chart').evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
      return inked;
    });
    expect(barsDrawn).toBeGreaterThan(1000);
    await page.screenshot({ path: join(screenshots, 'prototype-dashboard.png'), fullPage: true });

    await page.locator('#trend-range').selectOption('months');
    await page.locator('#trend-chart').screenshot({ path: join(screenshots, 'prototype-trend-months.png') });

    // The bank's state in words, not Plaid's webhook code; and on a phone nothing scrolls sideways.
    await expect(page.locator('#banks').textContent()).resolves.not.toMatch(/[A-Z]+_[A-Z_]+/);
    await expect(page.locator('#banks').textContent()).resolves.toMatch(/history synced/i);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.scrollingElement!.scrollWidth,
      clientWidth: document.scrollingElement!.clientWidth,
    }));
    await page.screenshot({ path: join(screenshots, 'prototype-phone.png'), fullPage: true });
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(errors).toEqual([]);
  });
});
