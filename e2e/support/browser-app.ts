import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildApp } from '@finsync/api';
import { type RunningEmulator, startEmulator } from '@finsync/emulator';
import {
  createJobProducer,
  createRedis,
  type JobProducer,
  loadApiConfig,
  loadWorkerConfig,
} from '@finsync/shared';
import { createTestDatabase, type TestDatabase, testEnvironment } from '@finsync/test-support';
import { type RunningWorker, startWorker } from '@finsync/worker';
import type { Browser, Page } from 'playwright-core';
import { builtWeb, connectBrowser } from './run-resources.ts';
import { type ServedSpa, serveSpa } from './serve-spa.ts';

export const viewports = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 390, height: 844 },
} as const;

/** The real stack for a browser test: built SPA, API with its job queue, PostgreSQL, Redis, emulator, Chromium. */
export interface BrowserApp {
  t: TestDatabase;
  emu: RunningEmulator;
  spa: ServedSpa;
  browser: Browser;
  /** Failed worker jobs (only with `{ worker: true }`); a test expects none. */
  workerErrors: string[];
  /** Errors the page or a 5xx answer reported; a test expects none. */
  consoleErrors: string[];
  /** Fails with the page's text and the errors seen so far when the locator does not show up. */
  expectVisible(page: Page, locator: ReturnType<Page['locator']>, timeout?: number): Promise<void>;
  /** Screenshots at desktop and phone width; returns the widths at which the page scrolls sideways. */
  screenshotBothWidths(page: Page, name: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startBrowserApp(
  root: string,
  redisPrefix: string,
  inject: (key: 'pgTemplate') => string,
  options: { worker?: boolean } = {},
): Promise<BrowserApp> {
  const screenshots = join(root, 'e2e', 'screenshots');
  const dist = await builtWeb();
  const t = await createTestDatabase(inject('pgTemplate'));
  const emu = await startEmulator(
    options.worker ? { port: 0, initialDelayMs: 0, historicalDelayMs: 0 } : { port: 0 },
  );
  let apiUrl = '';
  const spa = await serveSpa(dist, () => apiUrl);
  const { redisUrl } = testEnvironment(process.env);
  const env = {
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    DATABASE_URL: t.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `${redisPrefix}-${randomBytes(6).toString('hex')}`,
    JWT_SECRET: `e2e-${randomBytes(24).toString('hex')}`,
    COOKIE_SECURE: 'false',
    PLAID_ENV: 'emulator',
    PLAID_EMULATOR_URL: emu.url,
    SENDGRID_BASE_URL: emu.url,
    APP_URL: spa.url,
  };
  const config = loadApiConfig(env);
  const workerErrors: string[] = [];
  // A worker runs the sync, categorization and report jobs when the test needs them done.
  const worker: RunningWorker | undefined = options.worker
    ? await startWorker(loadWorkerConfig(env), {
        log: (event, details) => {
          if (event === 'job_failed') workerErrors.push(JSON.stringify(details));
        },
      })
    : undefined;
  const jobs: JobProducer = createJobProducer(config);
  const redis = createRedis(redisUrl);
  const api = await buildApp({ config, db: t.db, redis, queue: jobs.queue, ledgerChanges: { url: t.url } });
  apiUrl = await api.listen({ port: 0, host: '127.0.0.1' });
  const browser = await connectBrowser();
  await mkdir(screenshots, { recursive: true });
  const consoleErrors: string[] = [];
  return {
    t,
    emu,
    spa,
    browser,
    consoleErrors,
    workerErrors,
    async expectVisible(page, locator, timeout = 15_000) {
      await locator.waitFor({ timeout }).catch(async (error: unknown) => {
        throw new Error(
          `${String(error)}\npage: ${await page.locator('main, body').first().textContent()}\nconsole: ${consoleErrors.join('\n')}`,
        );
      });
    },
    async screenshotBothWidths(page, name) {
      const overflowing: string[] = [];
      for (const [label, size] of Object.entries(viewports)) {
        await page.setViewportSize(size);
        await page.waitForTimeout(100);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > size.width) overflowing.push(`${name}-${label}: ${width}px`);
        await page.screenshot({ path: join(screenshots, `${name}-${label}.png`), fullPage: true });
      }
      await page.setViewportSize(viewports.desktop);
      return overflowing;
    },
    async close() {
      await browser.close();
      await api.close();
      await jobs.close();
      await worker?.close();
      await redis.quit();
      await spa.close();
      await emu.close();
      await t.drop();
    },
  };
}
