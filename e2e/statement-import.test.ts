import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserApp, startBrowserApp, viewports } from './support/browser-app.ts';
import { signUpInBrowser } from './support/sign-up.ts';

/*
 * A person whose bank Plaid can't reach imports a CSV statement in the browser: a new manual account, a column
 * the guess missed chosen by hand, the preview, the import, and the rows counted on the dashboard — on a
 * desktop and on a phone-sized screen (no sideways scrolling). Real API, PostgreSQL, Redis and Chromium.
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
let app: BrowserApp;
let spa: BrowserApp['spa'];
let browser: BrowserApp['browser'];
let consoleErrors: string[];
const expectVisible: BrowserApp['expectVisible'] = (...args) => app.expectVisible(...args);
const screenshotBothWidths: BrowserApp['screenshotBothWidths'] = (...args) =>
  app.screenshotBothWidths(...args);

beforeAll(async () => {
  app = await startBrowserApp(root, 'e2e-import', inject);
  ({ spa, browser, consoleErrors } = app);
}, 150_000);

afterAll(async () => {
  await app?.close();
});

describe('statement import in the browser', () => {
  it('imports a CSV into a new manual account with a column chosen by hand and sees the rows on the dashboard', async () => {
    const context = await browser.newContext({ viewport: viewports.desktop });
    const page = await context.newPage();
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('response', async (r) => {
      if (r.status() >= 500) consoleErrors.push(`${r.status()} ${r.url()}: ${await r.text()}`);
    });

    await signUpInBrowser(page, {
      appUrl: spa.url,
      mailSinkUrl: app.emu.url,
      email: `grace-${randomBytes(3).toString('hex')}@example.com`,
      password: 'correct horse battery staple',
    });
    await expectVisible(page, page.getByRole('heading', { name: 'Link your bank' }));

    // A European export: ';' separators, decimal commas, D.M.Y days of this month, and a payee column
    // ("Gegenkonto") the guess does not know.
    const now = new Date();
    const month = `${String(now.getUTCMonth() + 1).padStart(2, '0')}.${now.getUTCFullYear()}`;
    const day = (d: number) => `${String(Math.min(d, now.getUTCDate())).padStart(2, '0')}.${month}`;
    const csv = [
      'Buchungstag;Gegenkonto;Betrag',
      `${day(1)};Stadtwerke;-1.250,00`,
      `${day(2)};Bäckerei Müller;-4,80`,
      `${day(3)};Arbeitgeber GmbH;2.000,00`,
    ].join('\n');

    await page.getByRole('link', { name: 'Import' }).click();
    await expectVisible(page, page.getByRole('heading', { name: 'Import a statement' }));
    await page.getByLabel('Statement file').setInputFiles({
      name: 'umsaetze.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'latin1'),
    });
    await expect(page.getByLabel('Into account').inputValue()).resolves.toBe('new');
    await page.getByLabel('Name').fill('Credit union');
    await page.getByLabel('Opening balance').fill('500.00');
    const uploadOverflow = await screenshotBothWidths(page, 'import-upload');
    await page.getByRole('button', { name: 'Preview' }).click();

    await expectVisible(page, page.getByRole('heading', { name: 'Check the rows' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      '3 rows in this CSV file: 3 new',
    );
    const rows = page.getByRole('list', { name: 'Rows in the file' }).getByRole('listitem');
    // No payee column was guessed: the rows have no names yet.
    await expect(rows.first().textContent()).resolves.toContain('—');
    await page.getByLabel('Payee').selectOption('Gegenkonto');
    await expectVisible(page, rows.filter({ hasText: 'Stadtwerke' }));
    await expect(rows.allTextContents()).resolves.toEqual([
      expect.stringMatching(/Stadtwerke.*−1250\.00 USD/),
      expect.stringMatching(/Bäckerei Müller.*−4\.80 USD/),
      expect.stringMatching(/Arbeitgeber GmbH.*\+2000\.00 USD/),
    ]);
    const previewOverflow = await screenshotBothWidths(page, 'import-preview');
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await expectVisible(page, page.getByText('Added 3 transactions'));

    await page.getByRole('link', { name: 'See the dashboard' }).click();
    await expectVisible(page, page.locator('[data-stat="spentMinor"] .figure-value'));
    const spent = page.locator('[data-stat="spentMinor"] .figure-value');
    await expect.poll(() => spent.textContent(), { timeout: 15_000 }).toContain('1,254.80');
    await expect(page.locator('[data-stat="incomeMinor"] .figure-value').textContent()).resolves.toContain(
      '2,000.00',
    );
    const account = page.locator('li', { hasText: 'Credit union' });
    // 500.00 − 1250.00 − 4.80 + 2000.00
    await expect(account.textContent()).resolves.toContain('1,245.20');
    const dashboardOverflow = await screenshotBothWidths(page, 'import-dashboard');

    // The mapping is kept for this account: the next file from the same bank needs no choices.
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('Statement file').setInputFiles({
      name: 'umsaetze-2.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'latin1'),
    });
    await page.getByRole('button', { name: 'Preview' }).click();
    await expectVisible(page, page.getByText('Using the columns you chose for this account last time.'));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('0 new, 3 already there');
    await expect(page.getByRole('button', { name: 'Nothing new to import' }).isDisabled()).resolves.toBe(
      true,
    );

    expect([...uploadOverflow, ...previewOverflow, ...dashboardOverflow]).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('a CSV whose columns cannot be guessed: the columns are chosen by hand after the first try', async () => {
    const context = await browser.newContext({ viewport: viewports.phone });
    const page = await context.newPage();
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    await signUpInBrowser(page, {
      appUrl: spa.url,
      mailSinkUrl: app.emu.url,
      email: `lin-${randomBytes(3).toString('hex')}@example.com`,
      password: 'correct horse battery staple',
    });
    await expectVisible(page, page.getByRole('heading', { name: 'Link your bank' }));
    await page.goto(`${spa.url}/import`);
    const csv = 'Wert;Wann;Wer\n-3,50;02.11.2026;Kiosk\n-12,00;03.11.2026;Buchladen\n';
    await page
      .getByLabel('Statement file')
      .setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel('Name').fill('Sparkasse');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expectVisible(page, page.getByText('finsync could not tell which column is which'));
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'no header row with a date column',
    );
    // The first "Date…" select is the column (the second is its format); "Amount" is not "Amounts".
    await page.getByLabel(/^Date/).first().selectOption('Wann');
    await page.getByLabel(/^Amount(?!s)/).selectOption('Wert');
    await page.getByLabel('Payee').selectOption('Wer');
    await page.getByRole('button', { name: 'Preview with these columns' }).click();
    await expectVisible(page, page.getByRole('heading', { name: 'Check the rows' }));
    const rows = page.getByRole('list', { name: 'Rows in the file' }).getByRole('listitem');
    await expect(rows.allTextContents()).resolves.toEqual([
      expect.stringMatching(/2026-11-02.*Kiosk.*−3\.50 USD/),
      expect.stringMatching(/2026-11-03.*Buchladen.*−12\.00 USD/),
    ]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(viewports.phone.width);
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await expectVisible(page, page.getByText('Added 2 transactions'));
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
