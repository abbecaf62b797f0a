import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sinkBody, sinkInbox, until } from '@finsync/test-support';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserApp, startBrowserApp, viewports } from './support/browser-app.ts';
import { signUpInBrowser } from './support/sign-up.ts';

/*
 * The browser journey against the real stack: the API, a BullMQ worker on real Redis (sync with categorization,
 * reports, notifications), a fresh PostgreSQL database, and the emulator as Plaid (its Link script stands in for
 * Plaid's CDN file) and as SendGrid (its mail sink receives the report email).
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const EMAIL = 'ada@example.com';
const PASSWORD = 'correct horse battery staple';

let app: BrowserApp;
/** Pages wider than the phone viewport (content that would scroll sideways). */
const overflowing: string[] = [];

beforeAll(async () => {
  app = await startBrowserApp(root, 'e2e-journey', inject, { worker: true });
}, 150_000);

afterAll(async () => {
  await app?.close();
});

async function screenshotBothWidths(page: Page, name: string): Promise<void> {
  overflowing.push(...(await app.screenshotBothWidths(page, name)));
}

const expectVisible: BrowserApp['expectVisible'] = (...args) => app.expectVisible(...args);

/** The link in the report email the sink received for the user. */
const reportLinkFromMail = () =>
  until(
    async () =>
      (await sinkInbox(app.emu.url, EMAIL)).map((m) => REPORT_LINK.exec(sinkBody(m))?.[0]).find(Boolean),
    30_000,
    () => `no report email for ${EMAIL} in the sink; worker: ${app.workerErrors.join('\n')}`,
  );
const REPORT_LINK = /https?:\/\/[^\s"'<>]+\/reports\/[0-9a-f-]{36}\?t=[^\s"'<>&]+/;

describe('finsync in the browser', () => {
  it('signs up, links a bank through Link, watches the first sync, recategorizes, accepts the proposed rule, makes a report and opens its email link', async () => {
    const context = await app.browser.newContext({ viewport: viewports.desktop, acceptDownloads: true });
    const page = await context.newPage();
    // Chrome logs every refused request as a console error: a signed-out load must not make one.
    app.watch(page, { console: true });
    await app.routeLinkScript(page);

    // Sign up.
    await page.goto(`${app.spa.url}/sign-up`);
    await screenshotBothWidths(page, 'sign-up');
    // Signed out, the page load asks who is signed in without a single refused request.
    expect(app.consoleErrors).toEqual([]);
    await signUpInBrowser(page, {
      appUrl: app.spa.url,
      mailSinkUrl: app.emu.url,
      email: EMAIL,
      password: PASSWORD,
    });

    // Onboarding: Link (the emulator's dialog: institution, username, password) and the public-token exchange.
    await expectVisible(page, page.getByRole('heading', { name: 'Link your bank' }));
    await screenshotBothWidths(page, 'onboarding');
    await page.getByRole('button', { name: 'Link a bank' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a bank' });
    await expectVisible(page, dialog);
    const institution = await dialog.locator('select option').first().textContent();
    await dialog.locator('select').selectOption({ index: 0 });
    await dialog.locator('input[name=username]').fill('user_good');
    await dialog.locator('input[name=password]').fill('pass_good');
    await screenshotBothWidths(page, 'link-dialog');
    await dialog.getByRole('button', { name: 'Continue' }).click();

    // First sync: the progress stream ends with the finished run.
    await expectVisible(page, page.getByRole('heading', { name: 'Importing your transactions' }));
    await expectVisible(page, page.locator('[data-sync-status="succeeded"]'), 60_000);
    const done = await page.locator('[data-sync-status] [role=status]').textContent();
    const imported = Number(
      /Done: ([\d,]+) transactions imported/.exec(done ?? '')?.[1]?.replaceAll(',', ''),
    );
    expect(imported).toBeGreaterThan(0);
    await expect(page.getByText(`Linked ${institution}`).isVisible()).resolves.toBe(true);
    await screenshotBothWidths(page, 'onboarding-synced');
    const user = await app.t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', EMAIL)
      .executeTakeFirstOrThrow();
    const stored = await app.t.db
      .selectFrom('transactions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(imported);

    // Dashboard: the three charts are drawn, figures in the user's currency.
    await page.getByRole('link', { name: 'Go to your dashboard' }).click();
    await page.waitForFunction(
      () =>
        ['category-donut', 'spending-trend', 'cash-flow'].every((name) =>
          document.querySelector(`figure[data-chart="${name}"][data-drawn="true"]`),
        ),
      undefined,
      { timeout: 15_000 },
    );
    await expect(page.locator('[data-net-worth="USD"]').textContent()).resolves.toMatch(
      /^-?\$\d{1,3}(,\d{3})*\.\d{2}$/,
    );
    await page.waitForLoadState('networkidle');
    await screenshotBothWidths(page, 'dashboard');

    // Transactions: the same payee corrected twice to the same category; the API then proposes a rule.
    const repeated = await app.t.db
      .selectFrom('transactions')
      .select(['merchant_name', (eb) => eb.fn.countAll<string>().as('n')])
      .where('user_id', '=', user.id)
      .where('merchant_name', 'is not', null)
      .where('pending', '=', false)
      .groupBy('merchant_name')
      .having((eb) => eb.fn.countAll(), '>=', 2)
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const merchant = repeated.merchant_name!;
    await page.getByRole('link', { name: 'Transactions', exact: true }).click();
    await page.getByLabel('Search').fill(merchant);
    await page.getByRole('button', { name: 'Apply' }).click();
    const pickers = page.locator('[data-category-picker]', {
      has: page.getByText(`, category of ${merchant}`, { exact: true }),
    });
    await expectVisible(page, pickers.nth(1));
    const current = (await pickers.nth(0).getAttribute('data-value')) ?? '';
    // The picker opens in place (no dialog) with the user's categories under their groups.
    await pickers.nth(0).click();
    const options = await page
      .getByRole('listbox')
      .locator('[role=option]')
      .evaluateAll((els) =>
        els.map((o) => ({ value: o.getAttribute('data-value') ?? '', label: o.textContent })),
      );
    const target =
      options.find((o) => o.value && o.value !== current && /shopping|gift|entertain/i.test(o.label ?? '')) ??
      options.find((o) => o.value && o.value !== current)!;
    await page.locator(`[role=option][data-value="${target.value}"]`).click();
    await expect(page.locator('dialog[open]').count()).resolves.toBe(0);
    await expectVisible(page, page.locator('[data-undo-toast]'));
    await expect.poll(() => pickers.nth(0).getAttribute('data-value')).toBe(target.value);
    // The row's details say why it has its category.
    await page.getByRole('button', { name: merchant, exact: true }).first().click();
    await expectVisible(page, page.getByRole('heading', { name: merchant }));
    await expect(page.locator('[data-why-category]').textContent()).resolves.toMatch(
      /you chose this category/i,
    );
    await screenshotBothWidths(page, 'transaction-details');
    await page.keyboard.press('Escape');
    await pickers.nth(1).click();
    await page.locator(`[role=option][data-value="${target.value}"]`).click();
    await expect.poll(() => pickers.nth(1).getAttribute('data-value')).toBe(target.value);
    // The row shows the new category at once; the server's answer follows.
    const correctedRows = () =>
      app.t.db
        .selectFrom('transactions')
        .select(['category_id', 'category_source'])
        .where('user_id', '=', user.id)
        .where('merchant_name', '=', merchant)
        .where('category_source', '=', 'user')
        .execute();
    await expect.poll(async () => (await correctedRows()).length).toBeGreaterThanOrEqual(2);
    const corrected = await correctedRows();
    expect(new Set(corrected.map((c) => c.category_id))).toEqual(new Set([target.value]));
    await expectVisible(page, page.locator('[data-rule-suggestions]'));
    await screenshotBothWidths(page, 'transactions');

    // Rules: accept the proposed rule; it is enabled and applied to the history.
    await page.getByRole('link', { name: 'Review proposed rules' }).click();
    const accept = page.getByRole('button', { name: /^Accept rule / });
    await expectVisible(page, accept);
    await screenshotBothWidths(page, 'rules-proposed');
    await accept.click();
    await expectVisible(page, page.getByText(/is on\. It changed \d+ existing transaction/));
    const rule = await app.t.db
      .selectFrom('rules')
      .select(['enabled', 'origin', 'actions'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(rule).toMatchObject({
      enabled: true,
      origin: 'suggested',
      actions: [{ type: 'setCategory', categoryId: target.value }],
    });
    const left = await app.t.db
      .selectFrom('transactions')
      .select('id')
      .where('user_id', '=', user.id)
      .where('merchant_name', '=', merchant)
      .where('pending', '=', false)
      .where((eb) => eb.or([eb('category_id', 'is', null), eb('category_id', '!=', target.value)]))
      .execute();
    expect(left).toEqual([]);
    // The live preview of the editor, on the rule's own conditions.
    await page.getByRole('button', { name: 'New rule' }).click();
    await page.getByLabel('Condition 1 value').fill(merchant);
    const other = options.find((o) => o.value && o.value !== target.value && o.value !== current)!;
    await page.getByLabel('Set category to').selectOption(other.value);
    // Every match would move to the other category except the two set by hand (a person's edit is locked).
    await expectVisible(page, page.locator('[data-preview-changed]:not([data-preview-changed="0"])'));
    const preview = (await page.locator('[data-rule-preview] p').first().textContent()) ?? '';
    const [, matched, changed] =
      /Matches (\d+) transactions?; applying it would change (\d+)/.exec(preview) ?? [];
    expect(Number(changed)).toBe(Number(matched) - 2);
    await expectVisible(page, page.locator('[data-rule-preview] td', { hasText: other.label ?? '' }).first());
    await page.waitForLoadState('networkidle');
    await screenshotBothWidths(page, 'rules');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Reports: generate one, view it (charts drawn), download its PDF.
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('button', { name: 'Generate report' }).click();
    const reportLink = page.locator('[data-report] a').first();
    await expectVisible(page, reportLink, 60_000);
    await page.waitForLoadState('networkidle');
    await screenshotBothWidths(page, 'reports');
    await reportLink.click();
    await page.waitForFunction(
      () => document.querySelectorAll('figure[data-chart^="report-"][data-drawn="true"]').length >= 2,
      undefined,
      { timeout: 15_000 },
    );
    await expectVisible(page, page.locator('[data-report-figure="spent"]'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^finsync-weekly-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf$/);
    // The browser is the run's (connected, not launched here): the file comes over the connection.
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await screenshotBothWidths(page, 'report');
    // A week before the first sync: balances are worked back from today's through the transactions (issue 18),
    // so net worth and the accounts are there from day one, marked estimated, and no card says "no history".
    await expect(page.getByRole('heading', { name: 'Account balances' }).count()).resolves.toBe(1);
    await expect(page.getByText(/over the period, from .* \(estimated\)/).count()).resolves.toBe(1);
    await expect(page.getByText(/No balance history for this period/).count()).resolves.toBe(0);

    // Every other page.
    for (const [path, heading] of [
      ['/categories', 'Categories'],
      ['/connections', 'Connections'],
      ['/settings', 'Settings'],
    ] as const) {
      await page.goto(`${app.spa.url}${path}`);
      await expectVisible(page, page.getByRole('heading', { name: heading, exact: true }));
      await page.waitForLoadState('networkidle');
      await screenshotBothWidths(page, path.slice(1));
    }
    await page.goto(`${app.spa.url}/connections`);
    await expectVisible(page, page.getByRole('heading', { name: institution ?? 'Bank' }));

    // The scheduled weekly report (what the scheduler enqueues on the report day) emails a link.
    await app.jobs.queue.enqueue(
      'generate-report',
      { userId: user.id, kind: 'weekly' },
      { dedupeId: `e2e-${user.id}` },
    );
    const emailed = await reportLinkFromMail();
    const emailedPath = new URL(emailed).pathname + new URL(emailed).search;
    expect(new URL(emailed).origin).toBe(app.spa.url);

    // Signed in, the link opens the report.
    await page.goto(emailed);
    await expectVisible(page, page.locator('[data-report-figure="spent"]'));

    // Signed out, the link asks for login, then comes back to the report.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectVisible(page, page.getByRole('heading', { name: 'Sign in to finsync' }));
    await page.goto(emailed);
    await expectVisible(page, page.getByRole('heading', { name: 'Sign in to finsync' }));
    expect(new URL(page.url()).searchParams.get('next')).toBe(emailedPath);
    await expect(page.getByText('Please sign in to continue.').isVisible()).resolves.toBe(true);
    await screenshotBothWidths(page, 'sign-in');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectVisible(page, page.locator('[data-report-figure="spent"]'));
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(emailedPath);

    await context.close();
    expect(app.consoleErrors).toEqual([]);
    expect(app.workerErrors).toEqual([]);
    expect(overflowing).toEqual([]);
  });
});
