import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserApp, startBrowserApp } from './support/browser-app.ts';
import { signUpInBrowser } from './support/sign-up.ts';

/*
 * Issue #12's browser acceptance: for the same month, the dashboard, the report page and the report's PDF
 * (read with pdftotext) show the same spent, income and net; moving one purchase to a transfer category on
 * the Transactions page, then marking another as a transfer in its details, changes all three by exactly
 * its amount each time. The real stack: API, BullMQ worker on Redis,
 * PostgreSQL, and the emulator as Plaid.
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const artifacts = join(root, 'test-artifacts', 'e2e-figures');
const EMAIL = 'figures@example.com';
const PASSWORD = 'correct horse battery staple';

let app: BrowserApp;

beforeAll(async () => {
  app = await startBrowserApp(root, 'e2e-figures', inject, { worker: true });
  await mkdir(artifacts, { recursive: true });
}, 150_000);

afterAll(async () => {
  await app?.close();
});

interface Figures {
  spent: string;
  income: string;
  net: string;
}

async function text(page: Page, selector: string): Promise<string> {
  const locator = page.locator(selector).first();
  await locator.waitFor({ timeout: 20_000 });
  return ((await locator.textContent()) ?? '').trim();
}

/** The dashboard's previous month (one step back from this month): the same calendar month as the monthly report. */
async function dashboardFigures(page: Page): Promise<Figures> {
  await page.goto(`${app.spa.url}/`);
  await page.getByRole('button', { name: 'This month' }).click();
  const budgets = page.locator('[data-budget-month]');
  const thisMonth = await budgets.getAttribute('data-budget-month');
  await page.getByRole('button', { name: 'Previous month' }).click();
  await page.waitForLoadState('networkidle');
  // Every card follows the one period, the budgets card too: it now shows the month before.
  const [y, m] = thisMonth!.split('-').map(Number) as [number, number];
  const before = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  await expect
    .poll(() => budgets.getAttribute('data-budget-month', { timeout: 1_000 }), { timeout: 15_000 })
    .toBe(before);
  const value = (field: string) => text(page, `[data-stat="${field}"] .figure-value`);
  await value('spentMinor');
  await page.screenshot({ path: join(artifacts, `dashboard-${Date.now()}.png`) });
  return {
    spent: await value('spentMinor'),
    income: await value('incomeMinor'),
    net: await value('netMinor'),
  };
}

async function reportPageFigures(page: Page, reportUrl: string): Promise<Figures> {
  await page.goto(reportUrl);
  const value = (figure: string) => text(page, `[data-report-figure="${figure}"] .figure-value`);
  await value('spent');
  await page.screenshot({ path: join(artifacts, `report-${Date.now()}.png`) });
  return { spent: await value('spent'), income: await value('income'), net: await value('net') };
}

/** Downloads the report's PDF from its page and reads the cover's three figures with pdftotext. */
async function pdfFigures(page: Page, name: string): Promise<Figures> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: 'Download PDF' }).click(),
  ]);
  const path = join(artifacts, `${name}.pdf`);
  // The browser is the run's (connected, not launched here): the file comes over the connection.
  await download.saveAs(path);
  const cover = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', path, '-']).toString();
  const lines = cover.split('\n');
  const labels = lines.findIndex((l) => /SPENT\s+INCOME\s+NET CASH FLOW/.test(l));
  const values = lines
    .slice(labels + 1)
    .find((l) => l.trim())!
    .trim()
    .split(/\s{2,}/);
  expect(values, cover).toHaveLength(3);
  return { spent: values[0]!, income: values[1]!, net: values[2]! };
}

describe('one set of numbers on every surface', () => {
  it('dashboard, report page and PDF agree for last month, and a purchase moved to a transfer category, or marked as a transfer, changes all three', async () => {
    const context = await app.browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await app.routeLinkScript(page);

    // Sign up and link the emulator's bank through Link, as a person does.
    await signUpInBrowser(page, {
      appUrl: app.spa.url,
      mailSinkUrl: app.emu.url,
      email: EMAIL,
      password: PASSWORD,
    });
    await page.getByRole('button', { name: 'Link a bank' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a bank' });
    await dialog.locator('select').selectOption({ index: 0 });
    await dialog.locator('input[name=username]').fill('user_good');
    await dialog.locator('input[name=password]').fill('pass_good');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await page.locator('[data-sync-status="succeeded"]').waitFor({ timeout: 90_000 });

    // Last month's report, generated from the Reports page.
    await page.goto(`${app.spa.url}/reports`);
    await page.getByLabel('Period', { exact: true }).selectOption('monthly');
    await page.getByRole('button', { name: 'Generate report' }).click();
    const reportLink = page.locator('[data-report] a').first();
    await reportLink.waitFor({ timeout: 60_000 });
    const reportUrl = new URL((await reportLink.getAttribute('href'))!, app.spa.url).toString();

    const before = {
      dashboard: await dashboardFigures(page),
      report: await reportPageFigures(page, reportUrl),
      pdf: await pdfFigures(page, 'before'),
    };
    expect(before.report).toEqual(before.dashboard);
    expect(before.pdf).toEqual(before.dashboard);
    // The web report and the PDF word what was counted and compared the same way (shared wording).
    await page.goto(reportUrl);
    const webWords = [
      await text(page, '[data-counted]'),
      await text(page, '[data-report-figure="spent"] .small.muted'),
    ];
    const pdfWords = execFileSync('pdftotext', ['-raw', join(artifacts, 'before.pdf'), '-'])
      .toString()
      .replace(/\s+/g, ' ');
    const [counted, spentVsAverage] = webWords as [string, string];
    expect(pdfWords).toContain(counted.replace(/\s+/g, ' '));
    // Amounts and percentages are formatted per surface; the words around them are shared.
    const label = / vs [^(]+/.exec(spentVsAverage)![0].trim();
    expect(label).toMatch(/^vs \d-month average$/);
    expect(pdfWords).toContain(label);

    // One of this month's counted purchases, moved to a transfer category on the Transactions page.
    const user = await app.t.db
      .selectFrom('users')
      .select(['id'])
      .where('email', '=', EMAIL)
      .executeTakeFirstOrThrow();
    const report = await app.t.db
      .selectFrom('reports')
      .select(['period_start', 'period_end'])
      .where('user_id', '=', user.id)
      .where('kind', '=', 'monthly')
      .executeTakeFirstOrThrow();
    const largestPurchase = () =>
      app.t.db
        .selectFrom('transactions as tx')
        .innerJoin('categories as c', 'c.id', 'tx.category_id')
        .select(['tx.id', 'tx.amount_minor', 'tx.raw_name', 'tx.merchant_name', 'tx.payee'])
        .where('tx.user_id', '=', user.id)
        .where('c.kind', '=', 'expense')
        .where('tx.pending', '=', false)
        .where('tx.is_transfer', '=', false)
        .where('tx.excluded_from_reports', '=', false)
        .where('tx.amount_minor', '>', 10_00)
        .where('tx.date', '>=', report.period_start)
        .where('tx.date', '<=', report.period_end)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('transaction_splits as s')
                .select('s.id')
                .whereRef('s.transaction_id', '=', 'tx.id'),
            ),
          ),
        )
        .orderBy('tx.amount_minor', 'desc')
        .executeTakeFirstOrThrow();
    const purchase = await largestPurchase();
    const transferCategory = await app.t.db
      .selectFrom('categories')
      .select('id')
      .where('user_id', '=', user.id)
      .where('key', '=', 'TRANSFER_OUT_ACCOUNT_TRANSFER')
      .executeTakeFirstOrThrow();
    await page.goto(`${app.spa.url}/transactions`);
    await page.getByLabel('Search').fill(purchase.payee ?? purchase.merchant_name ?? purchase.raw_name);
    await page.getByRole('button', { name: 'Apply' }).click();
    const picker = page.locator(`tr[data-transaction-id="${purchase.id}"] [data-category-picker]`);
    await picker.waitFor({ timeout: 20_000 });
    await picker.click();
    await page.locator(`[role=option][data-value="${transferCategory.id}"]`).click();
    await page.waitForLoadState('networkidle');
    await expect
      .poll(
        async () =>
          (
            await app.t.db
              .selectFrom('transactions')
              .select('category_id')
              .where('id', '=', purchase.id)
              .executeTakeFirstOrThrow()
          ).category_id,
      )
      .toBe(transferCategory.id);

    const after = {
      dashboard: await dashboardFigures(page),
      report: await reportPageFigures(page, reportUrl),
      pdf: await pdfFigures(page, 'after'),
    };
    expect(after.report).toEqual(after.dashboard);
    expect(after.pdf).toEqual(after.dashboard);
    // Exactly that purchase left spending (and raised net); income did not move.
    const cents = (money: string) =>
      Math.round(Number(money.replace(/[^\d.-]/g, '').replace('−', '-')) * 100);
    expect(cents(before.dashboard.spent) - cents(after.dashboard.spent)).toBe(purchase.amount_minor);
    expect(cents(after.dashboard.net) - cents(before.dashboard.net)).toBe(purchase.amount_minor);
    expect(after.dashboard.income).toBe(before.dashboard.income);

    // The next purchase marked with "Transfer between my own accounts" in its details (the isTransfer flag).
    const second = await largestPurchase();
    expect(second.id).not.toBe(purchase.id);
    await page.goto(`${app.spa.url}/transactions`);
    await page.getByLabel('Search').fill(second.payee ?? second.merchant_name ?? second.raw_name);
    await page.getByRole('button', { name: 'Apply' }).click();
    const row = page.locator(`tr[data-transaction-id="${second.id}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.locator('td.payee button').click();
    // The box is controlled: it turns on when the API has stored the flag, so it is clicked, not check()ed.
    const transferBox = page.getByLabel('Transfer between my own accounts (neither spending nor income)');
    await transferBox.click();
    await expect
      .poll(
        async () =>
          (
            await app.t.db
              .selectFrom('transactions')
              .select('is_transfer')
              .where('id', '=', second.id)
              .executeTakeFirstOrThrow()
          ).is_transfer,
      )
      .toBe(true);
    await expect.poll(() => transferBox.isChecked()).toBe(true);
    await page.keyboard.press('Escape');

    const marked = {
      dashboard: await dashboardFigures(page),
      report: await reportPageFigures(page, reportUrl),
      pdf: await pdfFigures(page, 'marked'),
    };
    expect(marked.report).toEqual(marked.dashboard);
    expect(marked.pdf).toEqual(marked.dashboard);
    expect(cents(after.dashboard.spent) - cents(marked.dashboard.spent)).toBe(second.amount_minor);
    expect(cents(marked.dashboard.net) - cents(after.dashboard.net)).toBe(second.amount_minor);
    expect(marked.dashboard.income).toBe(after.dashboard.income);

    await context.close();
    expect(app.workerErrors).toEqual([]);
  });
});
