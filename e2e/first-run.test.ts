import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserApp, startBrowserApp } from './support/browser-app.ts';
import { linkBankInBrowser } from './support/link-in-browser.ts';
import { expectSwept, sweepSizes } from './support/page-sweep.ts';
import { signUpInBrowser } from './support/sign-up.ts';

/*
 * The guided first run after sign-up (issue 17), on the real stack (worker sync through the emulator): link a
 * bank, review the suggested categories, accept rules, choose the report schedule, and land on the dashboard.
 * Each step is swept at 390×844 and 1440×900, light and dark (screenshots in e2e/screenshots/first-run); once
 * finished it is not shown again.
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const shots = join(root, 'e2e', 'screenshots', 'first-run');
const EMAIL = 'noor@example.com';

let app: BrowserApp;
let page: Page;

beforeAll(async () => {
  app = await startBrowserApp(root, 'e2e-first-run', inject, { worker: true });
  await mkdir(shots, { recursive: true });
  page = await (await app.browser.newContext({ viewport: sweepSizes.desktop })).newPage();
  app.watch(page);
  await app.routeLinkScript(page);
}, 150_000);

afterAll(async () => {
  await app?.close();
});

const expectClean = (name: string) => expectSwept(page, name, shots, app.consoleErrors);

describe('the guided first run', () => {
  it('links, reviews categories, offers rules, sets the report schedule, and is shown once', {
    timeout: 300_000,
  }, async () => {
    await signUpInBrowser(page, {
      appUrl: app.spa.url,
      mailSinkUrl: app.emu.url,
      email: EMAIL,
      password: 'correct horse battery staple',
    });
    await app.expectVisible(page, page.getByRole('heading', { name: 'Link your bank' }));
    await page.setViewportSize(sweepSizes.desktop);
    await linkBankInBrowser(app, page);

    // Review the suggested categories: one tap changes one, no dialog.
    const firstRun = page.locator('[data-first-run="categories"]');
    await app.expectVisible(page, firstRun);
    await expect.poll(() => firstRun.locator('[data-first-run-transaction]').count()).toBeGreaterThan(2);
    await expectClean('review-categories');
    const picker = firstRun.locator('[data-category-picker]').first();
    const before = await picker.getAttribute('data-value');
    await picker.click();
    await expect(page.locator('dialog[open]').count()).resolves.toBe(0);
    await page.getByRole('combobox', { name: 'Search categories' }).fill('e');
    await page.getByRole('listbox').locator('[role=option]:not([aria-selected="true"])').first().click();
    await expect.poll(() => picker.getAttribute('data-value')).not.toBe(before);
    await firstRun.getByRole('button', { name: 'Next' }).click();

    // Rules: proposed from corrections (one correction proposes none yet, which the step says).
    const rules = page.locator('[data-first-run="rules"]');
    await app.expectVisible(page, rules);
    await expectClean('accept-rules');
    await rules.getByRole('button', { name: 'Next' }).click();

    // The report schedule, then the dashboard.
    const schedule = page.locator('[data-first-run="schedule"]');
    await app.expectVisible(page, schedule);
    await schedule.getByRole('checkbox', { name: 'A weekly report' }).uncheck();
    await expectClean('report-schedule');
    await schedule.getByRole('button', { name: 'Finish' }).click();
    await app.expectVisible(page, page.getByRole('heading', { name: 'Dashboard' }));
    const user = await app.t.db
      .selectFrom('users')
      .select(['first_run_done_at', 'report_schedule'])
      .where('email', '=', EMAIL)
      .executeTakeFirstOrThrow();
    expect(user.first_run_done_at).not.toBeNull();
    expect(user.report_schedule).toEqual({ weekly: false, monthly: true });

    // Shown once: linking another bank later ends at the dashboard link, without the first run.
    await page.goto(`${app.spa.url}/onboarding`);
    await linkBankInBrowser(app, page, { institution: 1 });
    await app.expectVisible(page, page.getByRole('link', { name: 'Go to your dashboard' }));
    expect(await page.locator('[data-first-run]').count()).toBe(0);
  });
});
