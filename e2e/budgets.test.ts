import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { customPeriod, lastDayOfMonth, type ReportSummary, saveReport } from '@finsync/shared/reports';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserApp, startBrowserApp, viewports } from './support/browser-app.ts';

/*
 * A person sets a monthly budget in the browser and watches it: the Budgets page shows the spending counted so
 * far against the limit with the pace, the dashboard's card shows it too, and after new transactions arrive (as a
 * sync writes them) the progress moves — on a desktop and on a 390 px phone screen (no sideways scrolling).
 * Real API, PostgreSQL, Redis and Chromium.
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
let app: BrowserApp;
let t: BrowserApp['t'];
let spa: BrowserApp['spa'];
let browser: BrowserApp['browser'];
let consoleErrors: string[];
const expectVisible: BrowserApp['expectVisible'] = (...args) => app.expectVisible(...args);
const screenshotBothWidths: BrowserApp['screenshotBothWidths'] = (...args) =>
  app.screenshotBothWidths(...args);

beforeAll(async () => {
  app = await startBrowserApp(root, 'e2e-budgets', inject);
  ({ t, spa, browser, consoleErrors } = app);
}, 150_000);

afterAll(async () => {
  await app?.close();
});

describe('budgets in the browser', () => {
  it('creates a budget, sees its progress and pace, and sees it move when new spending arrives', async () => {
    const context = await browser.newContext({ viewport: viewports.desktop });
    const page = await context.newPage();
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('response', async (r) => {
      if (r.status() >= 500) consoleErrors.push(`${r.status()} ${r.url()}: ${await r.text()}`);
    });

    const email = `ada-${randomBytes(3).toString('hex')}@example.com`;
    await page.goto(`${spa.url}/sign-up`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectVisible(page, page.getByRole('heading', { name: 'Link your bank' }));

    // The bank's rows, written as the sync writes them: this month, in one spending category.
    const user = await t.db
      .selectFrom('users')
      .select(['id', 'timezone'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const category = await t.db
      .selectFrom('categories')
      .select(['id', 'name'])
      .where('user_id', '=', user.id)
      .where('kind', '=', 'expense')
      .where('is_group', '=', false)
      .orderBy('sort_order')
      .executeTakeFirstOrThrow();
    const item = await t.db
      .insertInto('plaid_items')
      .values({
        user_id: user.id,
        plaid_item_id: `item-${user.id}`,
        access_token_encrypted: 'dev1:x:y:z',
        institution_name: 'Test Bank',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const account = await t.db
      .insertInto('accounts')
      .values({
        user_id: user.id,
        item_id: item.id,
        plaid_account_id: `acc-${user.id}`,
        name: 'Checking',
        type: 'depository',
        currency: 'USD',
        current_minor: 1000_00,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: user.timezone,
      year: 'numeric',
      month: '2-digit',
    }).format(new Date());
    let n = 0;
    const arrive = (amountMinor: number, extra: { is_transfer?: boolean } = {}) =>
      t.db
        .insertInto('transactions')
        .values({
          user_id: user.id,
          item_id: item.id,
          account_id: account.id,
          plaid_transaction_id: `tx-${user.id}-${n++}`,
          amount_minor: amountMinor,
          currency: 'USD',
          date: `${month}-01`,
          raw_name: `SHOP ${n}`,
          category_id: category.id,
          ...extra,
        })
        .execute();
    await arrive(60_00);
    await arrive(500_00, { is_transfer: true }); // a transfer between own accounts never counts

    await page.getByRole('link', { name: 'Budgets' }).click();
    await expectVisible(page, page.getByRole('heading', { name: 'Budgets', exact: true }));
    await expectVisible(page, page.getByText('No budgets this month'));
    await page.getByLabel('Category or group').selectOption(category.id);
    await page.getByLabel('Monthly limit').fill('200');
    await page.getByRole('button', { name: 'Add budget' }).click();
    const words = page.locator('.budget-words').first();
    await expectVisible(page, words);
    await expect
      .poll(() => words.textContent(), { timeout: 15_000 })
      .toContain('$60.00 spent of $200.00 (30%)');
    await expect(words.textContent()).resolves.toMatch(/\d+ days? left|0 days left/);
    const pageOverflow = await screenshotBothWidths(page, 'budgets-page');

    // New spending arrives (a sync); the page shows it after a reload.
    await arrive(110_00);
    await page.reload();
    await expect
      .poll(() => page.locator('.budget-words').first().textContent(), { timeout: 15_000 })
      .toContain('$170.00 spent of $200.00 (85%)');

    // The dashboard's card shows the budget too.
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const card = page.getByRole('region', { name: /^Budgets for / });
    await expectVisible(page, card);
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('$170.00 spent of $200.00');
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
    await expectVisible(page, section);
    await expect(section.textContent()).resolves.toContain(`Budgets for ${month}`);
    await expect(section.textContent()).resolves.toContain('$170.00 spent of $200.00 (85%)');
    const reportOverflow = await screenshotBothWidths(page, 'budgets-report');

    // The recurring-and-bills page lists a series and the next 30 days.
    await t.db
      .insertInto('recurring_series')
      .values({
        user_id: user.id,
        series_key: 'streaming',
        payee: 'Streaming Service',
        cadence: 'monthly',
        direction: 'outflow',
        typical_amount_minor: 17_99,
        last_amount_minor: 17_99,
        currency: 'USD',
        last_date: `${month}-01`,
        next_expected_date: lastDayOfMonth(`${month}-01`),
      })
      .execute();
    await page.getByRole('link', { name: 'Bills', exact: true }).click();
    const next30 = page.getByRole('region', { name: 'Next 30 days' });
    await expectVisible(page, next30);
    await expect(next30.textContent()).resolves.toContain('Streaming Service');
    await expect(next30.textContent()).resolves.toContain('Expected out: $17.99');
    const billsOverflow = await screenshotBothWidths(page, 'recurring-page');

    expect([...pageOverflow, ...dashboardOverflow, ...reportOverflow, ...billsOverflow]).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
