import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserApp, startBrowserApp, viewports } from './support/browser-app.ts';
import { signUpInBrowser } from './support/sign-up.ts';

/*
 * Planning on day one (issue 18), in the browser against the real stack (API, BullMQ worker, PostgreSQL, Redis,
 * the emulator as Plaid): right after the first sync the net-worth page draws a history that goes back to the
 * oldest transaction (walked back from today's balances, marked estimated), a savings goal is set on the linked
 * savings account, and a detected recurring series is confirmed — at desktop and phone width, with no page
 * scrolling sideways.
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PLAID_CDN_SCRIPT = 'https://cdn.plaid.com/link/v2/stable/link-initialize.js';
let app: BrowserApp;

beforeAll(async () => {
  app = await startBrowserApp(root, 'e2e-planning', inject, { worker: true });
}, 150_000);

afterAll(async () => {
  await app?.close();
});

describe('planning in the browser', () => {
  it('sees net worth on day one, sets a savings goal and confirms a recurring series', async () => {
    const { browser, spa, emu, t, consoleErrors, workerErrors } = app;
    const context = await browser.newContext({ viewport: viewports.desktop });
    const page = await context.newPage();
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('response', async (r) => {
      if (r.status() >= 500) consoleErrors.push(`${r.status()} ${r.url()}: ${await r.text()}`);
    });
    const linkScript = await (await fetch(`${emu.url}/link/v2/stable/link-initialize.js`)).text();
    await page.route(PLAID_CDN_SCRIPT, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: linkScript }),
    );

    const email = `plan-${randomBytes(3).toString('hex')}@example.com`;
    await signUpInBrowser(page, {
      appUrl: spa.url,
      mailSinkUrl: emu.url,
      email,
      password: 'correct horse battery staple',
    });
    await app.expectVisible(page, page.getByRole('heading', { name: 'Link your bank' }));
    await page.getByRole('button', { name: 'Link a bank' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a bank' });
    await app.expectVisible(page, dialog);
    await dialog.locator('select').selectOption({ index: 0 });
    await dialog.locator('input[name=username]').fill('user_good');
    await dialog.locator('input[name=password]').fill('pass_good');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await app.expectVisible(page, page.locator('[data-sync-status="succeeded"]'), 60_000);
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const first = await t.db
      .selectFrom('transactions')
      .select((eb) => eb.fn.min('date').as('first'))
      .where('user_id', '=', user.id)
      .where('pending', '=', false)
      .executeTakeFirstOrThrow();

    // Net worth on day one: the chart is drawn, and its table goes back to the day before the oldest transaction.
    await page.getByRole('link', { name: 'Net worth' }).click();
    await app.expectVisible(page, page.locator('figure[data-chart="net-worth"][data-drawn="true"]'), 20_000);
    await expect(page.locator('[data-net-worth="USD"]').textContent()).resolves.toMatch(/\$[\d,]+\.\d{2}/);
    const rows = page.locator('figure[data-chart="net-worth"] tbody tr');
    const days = await rows.count();
    const opening = new Date(`${String(first.first)}T00:00:00Z`).getTime() - 86_400_000;
    expect(days).toBeGreaterThanOrEqual(Math.floor((Date.now() - opening) / 86_400_000) - 1);
    await expect(rows.last().textContent()).resolves.toContain('estimated');
    await expect(page.getByRole('region', { name: 'Accounts' }).textContent()).resolves.toContain('debt');
    const netWorthOverflow = await app.screenshotBothWidths(page, 'net-worth-page');

    // A savings goal on the savings account.
    await page.getByRole('link', { name: 'Goals' }).click();
    await app.expectVisible(page, page.getByText('No goals yet'));
    await page.getByLabel('Name').fill('Emergency fund');
    await page.getByLabel('Target').fill('50000');
    const year = new Date().getUTCFullYear() + 1;
    await page.getByLabel('By').fill(`${year}-12-31`);
    await page.getByLabel('Plaid Saving').check();
    await page.getByRole('button', { name: 'Add goal' }).click();
    const goal = page.locator('[data-goal="Emergency fund"]');
    await app.expectVisible(page, goal);
    await expect(goal.textContent()).resolves.toMatch(/of \$50,000\.00 \(\d+%\) by Dec 31, \d{4}/);
    await expect(goal.textContent()).resolves.toMatch(/Save \$[\d,]+\.\d{2} a month/);
    const goalsOverflow = await app.screenshotBothWidths(page, 'goals-page');

    // A recurring series the post-sync insights found, confirmed on the bills page.
    await expect
      .poll(
        async () =>
          Number(
            (
              await t.db
                .selectFrom('recurring_series')
                .select((eb) => eb.fn.countAll<string>().as('n'))
                .where('user_id', '=', user.id)
                .executeTakeFirstOrThrow()
            ).n,
          ),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Bills', exact: true }).click();
    const series = page.getByRole('region', { name: 'Every recurring series' });
    await app.expectVisible(page, series);
    // The next 30 days of the series found, with what is expected to go out.
    await expect(page.getByRole('region', { name: 'Next 30 days' }).textContent()).resolves.toMatch(
      /Expected out: \$(?!0\.00)[\d,]+\.\d{2}/,
    );
    const confirm = series.getByRole('button', { name: /^Confirm / }).first();
    const label = (await confirm.textContent()) ?? '';
    await confirm.click();
    await app.expectVisible(page, series.getByRole('button', { name: 'Undo confirm' }).first());
    const decided = await t.db
      .selectFrom('recurring_decisions')
      .select('decision')
      .where('user_id', '=', user.id)
      .execute();
    expect(decided.map((d) => d.decision)).toEqual(['confirmed']);
    expect(label).toMatch(/^Confirm /);
    // The person corrects the confirmed series: it is charged every quarter, $123.45. It stays so after a reload.
    const payee = label.replace(/^Confirm /, '');
    await series.getByRole('button', { name: `Edit ${payee}`, exact: true }).click();
    const editor = series.getByRole('form', { name: `Edit ${payee}` });
    await editor.getByLabel('How often').selectOption('quarterly');
    await editor.getByLabel('Typical amount').fill('123.45');
    await editor.getByRole('button', { name: 'Save' }).click();
    const row = series
      .getByRole('listitem')
      .filter({ hasText: `Undo confirm` })
      .filter({ hasText: payee })
      .first();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Every quarter · out $123.45');
    await page.reload();
    await app.expectVisible(page, series);
    await expect(row.textContent()).resolves.toContain('Every quarter · out $123.45');
    await app.expectVisible(page, row.getByRole('button', { name: `Use the detected values for ${payee}` }));
    // The bank's own recurring streams (the emulator's /transactions/recurring/get) next to finsync's.
    const bank = page.getByRole('region', { name: 'What your bank sees' });
    await app.expectVisible(page, bank);
    await expect(bank.textContent()).resolves.toContain('Also found:');
    const billsOverflow = await app.screenshotBothWidths(page, 'recurring-confirmed');

    expect([...netWorthOverflow, ...goalsOverflow, ...billsOverflow]).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(workerErrors).toEqual([]);
    await context.close();
  });
});
