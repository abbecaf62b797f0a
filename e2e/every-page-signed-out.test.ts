import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserApp, startBrowserApp } from './support/browser-app.ts';
import { sweepPage, sweepSizes } from './support/page-sweep.ts';

/*
 * The acceptance sweep of issue 17, the pages a signed-out visitor sees (every-page.test.ts sweeps the signed-in
 * ones): at a 390×844 phone and a 1440×900 desktop, in light and dark, nothing scrolls sideways and axe-core finds
 * no serious or critical violation; a screenshot of each is kept under e2e/screenshots/pages (git-ignored).
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const shots = join(root, 'e2e', 'screenshots', 'pages');

let app: BrowserApp;
let page: Page;

beforeAll(async () => {
  app = await startBrowserApp(root, 'e2e-every-page-signed-out', inject);
  await mkdir(shots, { recursive: true });
  page = await (await app.browser.newContext({ viewport: sweepSizes.desktop })).newPage();
  app.watch(page);
}, 150_000);

afterAll(async () => {
  await app?.close();
});

describe('every signed-out page, phone and desktop, light and dark: no sideways scrolling, no serious axe violation', () => {
  it.for([
    ['/sign-in', 'Sign in to finsync'],
    ['/forgot-password', null],
    ['/reset-password', null],
    ['/unsubscribe', null],
    ['/sign-up', 'Create your finsync account'],
  ] as const)('signed out: %s', { timeout: 120_000 }, async ([path, ready]) => {
    await page.goto(`${app.spa.url}${path}`);
    if (ready) await app.expectVisible(page, page.getByRole('heading', { name: ready }));
    await page.waitForLoadState('networkidle');
    const findings = await sweepPage(page, path.slice(1), shots);
    expect(findings.map((f) => `${f.page}: ${f.problem}`)).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
