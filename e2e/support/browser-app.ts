import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type AppStack, type AppStackOptions, startAppStack } from './app-stack.ts';
import { builtWeb, connectBrowser } from './run-resources.ts';
import { type ServedSpa, serveSpa } from './serve-spa.ts';

export const viewports = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 390, height: 844 },
} as const;

/**
 * Waits until the page has drawn two frames: after a viewport or colour-scheme change, React's resize and
 * media-query handlers have then rendered and the layout is the new one (instead of sleeping a fixed time).
 */
export const framesDrawn = (page: Page): Promise<void> =>
  page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );

/**
 * Waits for the layout at a new viewport width: two frames drawn, then up to 3 s for the page to fit the width,
 * because charts resize on their own ResizeObserver, which can run after those frames. Answers the page's width
 * then; a page that really overflows is still wider (the caller reports it).
 */
export async function settledWidth(page: Page, width: number): Promise<number> {
  await framesDrawn(page);
  await page
    .waitForFunction((w) => document.documentElement.scrollWidth <= w, width, {
      timeout: 3_000,
      polling: 'raf',
    })
    .catch(() => {});
  return page.evaluate(() => document.documentElement.scrollWidth);
}

const PLAID_CDN_SCRIPT = 'https://cdn.plaid.com/link/v2/stable/link-initialize.js';

/** The real stack for a browser test: built SPA, API with its job queue, PostgreSQL, Redis, emulator, Chromium. */
export interface BrowserApp extends AppStack {
  spa: ServedSpa;
  browser: Browser;
  /** Errors the page or a 5xx answer reported (see `watch`); a test expects none. */
  consoleErrors: string[];
  /** Records the page's uncaught errors and 5xx answers, and with `{ console: true }` its console errors. */
  watch(page: Page, options?: { console?: boolean }): void;
  /** react-plaid-link loads Plaid's script from its CDN; offline, the emulator's stand-in answers instead. */
  routeLinkScript(page: Page): Promise<void>;
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
  options: Omit<AppStackOptions, 'appUrl'> & {
    /** Linked items get the API's webhook URL (through the SPA's /api proxy): the emulator's SYNC_UPDATES_AVAILABLE reach it. */
    webhooks?: boolean;
  } = {},
): Promise<BrowserApp> {
  const screenshots = join(root, 'e2e', 'screenshots');
  let apiUrl = '';
  // The API's APP_URL (link redirects, email links) is the SPA's origin, so the SPA server starts first.
  const spa = await serveSpa(await builtWeb(), () => apiUrl);
  const { webhooks, ...stackOptions } = options;
  const env = webhooks
    ? { ...stackOptions.env, PLAID_WEBHOOK_URL: `${spa.url}/api/v1/webhooks/plaid` }
    : stackOptions.env;
  const stack = await startAppStack(redisPrefix, inject, {
    ...stackOptions,
    appUrl: spa.url,
    ...(env ? { env } : {}),
  });
  apiUrl = await stack.api.listen({ port: 0, host: '127.0.0.1' });
  const browser = await connectBrowser();
  await mkdir(screenshots, { recursive: true });
  const consoleErrors: string[] = [];
  return {
    ...stack,
    spa,
    browser,
    consoleErrors,
    watch(page, { console = false } = {}) {
      if (console)
        page.on('console', (message) => {
          if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
        });
      page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
      page.on('response', async (r) => {
        if (r.status() >= 500) consoleErrors.push(`${r.status()} ${r.url()}: ${await r.text()}`);
      });
    },
    async routeLinkScript(page) {
      const script = await (await fetch(`${stack.emu.url}/link/v2/stable/link-initialize.js`)).text();
      await page.route(PLAID_CDN_SCRIPT, (route) =>
        route.fulfill({ status: 200, contentType: 'text/javascript', body: script }),
      );
    },
    async expectVisible(page, locator, timeout = 15_000) {
      await locator.waitFor({ timeout }).catch(async (error: unknown) => {
        throw new Error(
          `${String(error)}\npage: ${await page.locator('main, body').first().textContent()}\nconsole: ${consoleErrors.join('\n')}\nworker: ${stack.workerErrors.join('\n')}`,
        );
      });
    },
    async screenshotBothWidths(page, name) {
      const overflowing: string[] = [];
      for (const [label, size] of Object.entries(viewports)) {
        await page.setViewportSize(size);
        const width = await settledWidth(page, size.width);
        if (width > size.width) overflowing.push(`${name}-${label}: ${width}px`);
        await page.screenshot({ path: join(screenshots, `${name}-${label}.png`), fullPage: true });
      }
      await page.setViewportSize(viewports.desktop);
      return overflowing;
    },
    async close() {
      await browser.close();
      await stack.close();
      await spa.close();
    },
  };
}
