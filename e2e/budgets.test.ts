import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { customPeriod, lastDayOfMonth, type ReportSummary, saveReport } from '@finsync/shared/reports';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserApp, startBrowserApp, viewports } from './support/browser-app.ts';
import { signUpInBrowser } from './support/sign-up.ts';

/*
 * A person links a bank, sets a monthly budget in the browser and watches it: the Budgets page shows the spending
 * counted so far against the limit with the pace, and after the bank posts a new restaurant bill (the emulator
 * sends SYNC_UPDATES_AVAILABLE, the API queues a sync, the worker runs it) the progress bar and its words move;
 * the dashboard's card and the month's report show the same figure — on a desktop and on a 390 px phone screen
 * (no sideways scrolling). Real API, BullMQ worker, PostgreSQL, Redis, the emulator as Plaid, and Chromium.
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PLAID_CDN_SCRIPT = 'https://cdn.plaid.com/link/v2/stable/link-initialize.js';
let app: BrowserApp;
let t: BrowserApp['t'];
let spa: BrowserApp['spa'];
let browser: BrowserApp['browser'];
let consoleErrors: string[];
const expectVisible: BrowserApp['expectVisible'] = (...args) => app.expectVisible(...args);
const screenshotBothWidths: BrowserApp['screenshotBothWidths'] = (...args) =>
  app.screenshotBothWidths(...args);

beforeAll(async () => {
  app = await startBrowserApp(root, 'e2e-budgets', inject, { worker: true, webhooks: true });
  ({ t, spa, browser, consoleErrors } = app);
}, 150_000);

afterAll(async () => {
  await app?.close();
});

/** The element's text once the page is loaded again (what a person sees after pressing reload). */
async function textAfterReload(locator: ReturnType<Page['locator']>): Promise<string | null> {
  await locator.page().reload();
  await locator.waitFor();
  return locator.textContent();
}

/** '$1,234.56' → 123456. */
const minorOf = (text: string) => Math.round(Number(text.replace(/[$,]/g, '')) * 100);
const dollars = (minor: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);

describe('budgets in the browser', () => {
  it('creates a budget, sees its progress and pace, and sees it move after a sync brings new spending', async () => {
    const context = await browser.newContext({ viewport: viewports.desktop });
    const page = await context.newPage();
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('response', async (r) => {
      if (r.status() >= 500) consoleErrors.push(`${r.status()} ${r.url()}: ${await r.text()}`);
    });
    const linkScript = await (await fetch(`${app.emu.url}/link/v2/stable/link-initialize.js`)).text();
    await page.route(PLAID_CDN_SCRIPT, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: linkScript }),
    );

    const email = `ada-${randomBytes(3).toString('hex')}@example.com`;
    await signUpInBrowser(page, {
      appUrl: spa.url,
      mailSinkUrl: app.emu.url,
      email,
      password: 'correct horse battery staple',
    });
    await expectVisible(page, page.getByRole('heading', { name: 'Link your bank' }));
    await page.getByRole('button', { name: 'Link a bank' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a bank' });
    await expectVisible(page, dialog);
    await dialog.locator('select').selectOption({ index: 0 });
    await dialog.locator('input[name=username]').fill('user_good');
    await dialog.locator('input[name=password]').fill('pass_good');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expectVisible(page, page.locator('[data-sync-status="succeeded"]'), 60_000);

    // Read-only look-ups: which category the bank's restaurant bills land in, and the linked item's Plaid id.
    const user = await t.db
      .selectFrom('users')
      .select(['id', 'timezone'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const restaurants = await t.db
      .selectFrom('categories')
      .select(['id', 'name'])
      .where('user_id', '=', user.id)
      .where('pfc_detailed', '=', 'FOOD_AND_DRINK_RESTAURANT')
      .executeTakeFirstOrThrow();
    const item = await t.db
      .selectFrom('plaid_items')
      .select(['id', 'plaid_item_id'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: user.timezone,
      year: 'numeric',
      month: '2-digit',
    }).format(new Date());

    await page.getByRole('link', { name: 'Budgets' }).click();
    await expectVisible(page, page.getByRole('heading', { name: 'Budgets', exact: true }));
    await expectVisible(page, page.getByText('No budgets this month'));
    await page.getByLabel('Category or group').selectOption(restaurants.id);
    await page.getByLabel('Monthly limit').fill('2000');
    await page.getByRole('button', { name: 'Add budget' }).click();
    const budget = page.locator('.budget-progress').filter({ hasText: restaurants.name }).first();
    const words = budget.locator('.budget-words');
    const fill = budget.locator('.budget-fill');
    await expectVisible(page, words);
    await expect.poll(() => words.textContent(), { timeout: 15_000 }).toContain('spent of $2,000.00');
    const wordsBefore = (await words.textContent()) ?? '';
    const spentBefore = minorOf(/^(\$[\d,]+\.\d{2}) spent/.exec(wordsBefore)?.[1] ?? 'NaN');
    expect(spentBefore).toBeLessThan(1_600_00);
    expect(wordsBefore).toMatch(/\d+ days? left/);
    const widthBefore = await fill.evaluate((el) => el.getBoundingClientRect().width);
    const pageOverflow = await screenshotBothWidths(page, 'budgets-page');

    // The bank posts a restaurant bill today; the emulator tells the API (SYNC_UPDATES_AVAILABLE), the worker
    // syncs, and the page shows it.
    const before = await syncProgress(item.id);
    const utcToday = new Date().toISOString().slice(0, 10);
    const userToday = new Intl.DateTimeFormat('en-CA', { timeZone: user.timezone }).format(new Date());
    const posted = await fetch(`${app.emu.url}/emulator/items/${item.plaid_item_id}/transactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        amount: 234.56,
        name: 'TST* CORNER BISTRO',
        merchant_name: 'Corner Bistro',
        category: 'FOOD_AND_DRINK_RESTAURANT',
        date: [userToday, utcToday].sort()[0],
      }),
    });
    expect(posted.status).toBe(200);
    await expect
      .poll(async () => (await syncProgress(item.id)).notices, { timeout: 30_000 })
      .toBeGreaterThan(before.notices);
    await expect
      .poll(async () => (await syncProgress(item.id)).runs, { timeout: 30_000 })
      .toBeGreaterThan(before.runs);
    const spentAfter = dollars(spentBefore + 234_56);
    await expect
      .poll(() => textAfterReload(words), { timeout: 60_000, interval: 1000 })
      .toContain(`${spentAfter} spent of $2,000.00`);
    expect(await fill.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(widthBefore);
    const movedOverflow = await screenshotBothWidths(page, 'budgets-page-after-sync');

    // The dashboard's card shows the budget too.
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const card = page.getByRole('region', { name: /^Budgets for / });
    await expectVisible(page, card);
    await expect
      .poll(() => card.textContent(), { timeout: 15_000 })
      .toContain(`${spentAfter} spent of $2,000.00`);
    const dashboardOverflow = await screenshotBothWidths(page, 'budgets-dashboard');

    // A monthly report of this month shows the same budget in its budget section.
    const saved = await saveReport(t.db, {
      userId: user.id,
      kind: 'monthly',
      period: customPeriod(`${month}-01`, lastDayOfMonth(`${month}-01`), user.timezone),
      currency: 'USD',
      summary: {} as ReportSummary,
      pdf: Buffer.from('%PDF-1.7'),
      generatedAt: new Date(),
    });
    await page.goto(`${spa.url}/reports/${saved.id}`);
    const section = page.getByRole('region', { name: 'Budgets' });
    await expectVisible(page, section, 45_000); // the stored report is recomputed on first view
    await expect(section.textContent()).resolves.toContain(`Budgets for ${month}`);
    await expect(section.textContent()).resolves.toContain(`${spentAfter} spent of $2,000.00`);
    const reportOverflow = await screenshotBothWidths(page, 'budgets-report');

    expect([...pageOverflow, ...movedOverflow, ...dashboardOverflow, ...reportOverflow]).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(app.workerErrors).toEqual([]);
    await context.close();
  });
});

/** How many SYNC_UPDATES_AVAILABLE notices the API took for the item, and how many syncs of it succeeded. */
const syncProgress = async (itemId: string) => {
  const row = await t.db
    .selectFrom('plaid_items as i')
    .select((eb) => [
      eb
        .selectFrom('webhook_events as w')
        .select((w) => w.fn.countAll<string>().as('n'))
        .whereRef('w.item_id', '=', 'i.id')
        .where('w.webhook_code', '=', 'SYNC_UPDATES_AVAILABLE')
        .as('notices'),
      eb
        .selectFrom('sync_runs as r')
        .select((r) => r.fn.countAll<string>().as('n'))
        .whereRef('r.item_id', '=', 'i.id')
        .where('r.status', '=', 'succeeded')
        .as('runs'),
    ])
    .where('i.id', '=', itemId)
    .executeTakeFirstOrThrow();
  return { notices: Number(row.notices), runs: Number(row.runs) };
};
