import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserApp, startBrowserApp } from './support/browser-app.ts';
import { linkBankInBrowser } from './support/link-in-browser.ts';
import { sweepPage, sweepSizes } from './support/page-sweep.ts';
import { signUpInBrowser } from './support/sign-up.ts';

/*
 * The acceptance sweep of issue 17: every page of the SPA signed in (a real linked bank, synced and categorized
 * by the worker, and a generated report; the signed-out pages are swept by every-page-signed-out.test.ts, a file
 * of its own so the two run side by side), at a 390×844 phone and a 1440×900 desktop, in light and
 * dark. On each: nothing scrolls sideways, axe-core finds no serious or critical violation, and a screenshot is
 * kept under e2e/screenshots/pages (git-ignored; the path is printed).
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const shots = join(root, 'e2e', 'screenshots', 'pages');
const PLAID_CDN_SCRIPT = 'https://cdn.plaid.com/link/v2/stable/link-initialize.js';
const sizes = sweepSizes;

let app: BrowserApp;

beforeAll(async () => {
  app = await startBrowserApp(root, 'e2e-every-page', inject, { worker: true });
  await mkdir(shots, { recursive: true });
  page = await (await app.browser.newContext({ viewport: sizes.desktop })).newPage();
  watch(page);
  console.log(`every-page screenshots: ${shots}`);
}, 150_000);

afterAll(async () => {
  await app?.close();
});

function watch(page: Page): void {
  page.on('pageerror', (error) => app.consoleErrors.push(`pageerror: ${error.message}`));
  page.on('response', async (r) => {
    if (r.status() >= 500) app.consoleErrors.push(`${r.status()} ${r.url()}: ${await r.text()}`);
  });
}

let page: Page;
let reportPath = '';

/** Each page's findings fail its own test, so one run lists every page that needs work. */
async function expectClean(name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const findings = await sweepPage(page, name, shots);
  expect(findings.map((f) => `${f.page}: ${f.problem}`)).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
}

describe('every page, phone and desktop, light and dark: no sideways scrolling, no serious axe violation', () => {
  it('onboarding, before and after linking a bank', { timeout: 300_000 }, async () => {
    const linkScript = await (await fetch(`${app.emu.url}/link/v2/stable/link-initialize.js`)).text();
    await page.route(PLAID_CDN_SCRIPT, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: linkScript }),
    );
    await signUpInBrowser(page, {
      appUrl: app.spa.url,
      mailSinkUrl: app.emu.url,
      email: 'grace@example.com',
      password: 'correct horse battery staple',
    });
    await app.expectVisible(page, page.getByRole('heading', { name: 'Link your bank' }));
    await expectClean('onboarding');
    await page.setViewportSize(sizes.desktop);
    await linkBankInBrowser(app, page);
    await expectClean('onboarding-synced');

    // A report for the report page.
    await page.goto(`${app.spa.url}/reports`);
    await page.getByRole('button', { name: 'Generate report' }).click();
    await app.expectVisible(page, page.locator('[data-report] a').first(), 60_000);
    reportPath = new URL(
      (await page.locator('[data-report] a').first().getAttribute('href')) ?? '/',
      app.spa.url,
    ).pathname;
  });

  it.for([
    ['dashboard', '/', '[data-stat="spentMinor"]'],
    ['transactions', '/transactions', '[data-transaction-id]'],
    ['rules', '/rules', 'main h1'],
    ['categories', '/categories', 'main h1'],
    ['reports', '/reports', '[data-report] a'],
    ['report', 'REPORT', '[data-report-figure="spent"]'],
    ['connections', '/connections', 'main h1'],
    ['import', '/import', 'main h1'],
    ['budgets', '/budgets', 'main h1'],
    ['recurring', '/recurring', 'main h1'],
    ['settings', '/settings', 'main h1'],
    ['not-found', '/no-such-page', 'main h1'],
  ] as const)('signed in: %s', { timeout: 120_000 }, async ([name, path, ready]) => {
    await page.setViewportSize(sizes.desktop);
    await page.goto(`${app.spa.url}${path === 'REPORT' ? reportPath : path}`);
    await app.expectVisible(page, page.locator(ready).first());
    await expectClean(name);
    expect(app.workerErrors).toEqual([]);
  });

  it('transactions on a phone: payee, amount, human date and category on every row; one tap recategorizes with Undo', async () => {
    await page.setViewportSize(sizes.phone);
    await page.goto(`${app.spa.url}/transactions`);
    await app.expectVisible(page, page.locator('[data-transaction-id]').first());
    await expect
      .poll(() => page.locator('[data-filter-total]').textContent())
      .toMatch(/\d+ transactions? · /);
    const rows = await page.locator('tr[data-transaction-id]').evaluateAll((trs) =>
      trs
        .filter((tr) => tr.getBoundingClientRect().bottom < window.innerHeight)
        .map((tr) => {
          const shown = (selector: string) => {
            const el = tr.querySelector<HTMLElement>(selector);
            if (!el) return { text: '', visible: 0 };
            const r = el.getBoundingClientRect();
            const text = el.textContent ?? '';
            // Characters that fit: the whole text, or the share of it the box shows when it is cut off.
            const visible =
              r.width === 0
                ? 0
                : el.scrollWidth <= el.clientWidth + 1
                  ? text.length
                  : Math.floor((text.length * el.clientWidth) / el.scrollWidth);
            return { text, visible };
          };
          return {
            payee: shown('.payee-name'),
            amount: shown('.col-amount'),
            date: shown('.col-date time'),
            category: shown('[data-category-picker]'),
          };
        }),
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(row.payee.visible, row.payee.text).toBeGreaterThanOrEqual(Math.min(20, row.payee.text.length));
      expect(row.amount.visible).toBe(row.amount.text.length);
      expect(row.date.visible).toBe(row.date.text.length);
      expect(row.date.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(row.date.text).toMatch(/^[A-Z][a-z]{2} \d{1,2}(, \d{4})?$/);
      expect(row.category.visible).toBeGreaterThan(3);
    }

    // One tap opens the picker in place (no modal), one tap picks; the toast offers Undo.
    const firstId =
      (await page.locator('tr[data-transaction-id]').first().getAttribute('data-transaction-id')) ?? '';
    // The row by its id: the list may re-order under it while categories change.
    const first = page.locator(`tr[data-transaction-id="${firstId}"]`);
    const picker = first.locator('[data-category-picker]');
    const before = (await picker.getAttribute('data-value')) ?? '';
    const sourceBefore = await first.getAttribute('data-category-source');
    expect(sourceBefore).not.toBe('user');
    const stored = () =>
      page.evaluate(
        async (id) => (await fetch(`/api/v1/transactions/${id}`, { credentials: 'include' })).json(),
        firstId,
      );
    await picker.click();
    await expect(page.locator('dialog[open]').count()).resolves.toBe(0);
    const listbox = page.getByRole('listbox');
    await app.expectVisible(page, listbox);
    const labels = await listbox.getByRole('group').evaluateAll((groups) =>
      groups.map((g) => ({
        group: g.getAttribute('aria-label'),
        names: [...g.querySelectorAll('[role=option]')].map((o) => o.textContent),
      })),
    );
    expect(labels.length).toBeGreaterThan(3);
    for (const g of labels)
      expect(new Set(g.names).size, `${g.group}: ${g.names.join(', ')}`).toBe(g.names.length);
    await page.getByRole('combobox', { name: 'Search categories' }).fill('e');
    await listbox.locator('[role=option]:not([aria-selected="true"])').first().click();
    await expect(page.locator('dialog[open]').count()).resolves.toBe(0);
    const toast = page.locator('[data-undo-toast]');
    await app.expectVisible(page, toast);
    await expect.poll(() => picker.getAttribute('data-value')).not.toBe(before);
    await page.screenshot({ path: join(shots, 'transactions-recategorized-phone.png') });
    // The move is the user's: locked against rules and syncs.
    await expect.poll(async () => (await stored()).lockedFields, { timeout: 10_000 }).toContain('category');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => picker.getAttribute('data-value')).toBe(before);
    // Undo puts the row back as it was: its own category, not the user's, not locked.
    await expect
      .poll(() => first.getAttribute('data-category-source'), { timeout: 10_000 })
      .toBe(sourceBefore);
    await app.expectVisible(page, page.locator('[data-undo-toast]', { hasText: 'is back in' }));
    const after = await stored();
    expect(after).toMatchObject({ categorySource: sourceBefore });
    expect(after.lockedFields).not.toContain('category');

    // A tap on the payee opens the editing sheet: a new note is saved and shown in the row's details.
    await first.locator('.payee-name').click();
    const sheet = page.locator('dialog[open]');
    await app.expectVisible(page, sheet);
    const box = await sheet.boundingBox();
    expect(Math.round((box?.y ?? 0) + (box?.height ?? 0))).toBeGreaterThanOrEqual(sizes.phone.height - 2);
    await sheet.getByLabel('Notes').fill('split with Sam');
    await sheet.getByRole('button', { name: 'Save payee, notes and tags' }).click();
    await expect.poll(() => sheet.getByLabel('Notes').inputValue()).toBe('split with Sam');
    await app.expectVisible(page, page.locator('[data-undo-toast]', { hasText: 'Saved.' }));
    await page.screenshot({ path: join(shots, 'transaction-sheet-phone.png') });
    await page.keyboard.press('Escape');
    expect(app.consoleErrors).toEqual([]);
  });

  it('transactions by keyboard: / searches, j/k move, c opens the category picker, ? lists the shortcuts', async () => {
    await page.setViewportSize(sizes.desktop);
    await page.goto(`${app.spa.url}/transactions`);
    await app.expectVisible(page, page.locator('[data-transaction-id]').first());
    await page.locator('h1').click();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const active = page.locator('tr[data-active]');
    await expect.poll(() => active.getAttribute('aria-rowindex')).toBe('2');
    await page.keyboard.press('c');
    await app.expectVisible(page, page.getByRole('combobox', { name: 'Search categories' }));
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await app.expectVisible(page, page.getByRole('heading', { name: 'Keyboard shortcuts' }));
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('f-q');
  });

  it('to review: each row says why it is there and can be marked reviewed', async () => {
    await page.setViewportSize(sizes.desktop);
    await page.goto(`${app.spa.url}/transactions?view=review`);
    const reason = page.locator('[data-review-reason]').first();
    const empty = page.getByText('Nothing to review');
    await app.expectVisible(page, reason.or(empty));
    if (await empty.isVisible()) return; // the emulator's bank left nothing unsure
    const count = await page.locator('[data-review-reason]').count();
    await expect(reason.textContent()).resolves.toMatch(/\w+/);
    const row = page.locator('tr[data-transaction-id]').first();
    const id = await row.getAttribute('data-transaction-id');
    await row.getByRole('button', { name: /^Mark .* reviewed$/ }).click();
    await expect.poll(() => page.locator(`tr[data-transaction-id="${id}"]`).count()).toBe(0);
    expect(await page.locator('[data-review-reason]').count()).toBeLessThanOrEqual(count);
  });

  it('installable: a manifest with icons and a theme colour; offline, the app shell opens and says so', async () => {
    await page.setViewportSize(sizes.phone);
    const manifest = (await (await fetch(`${app.spa.url}/manifest.webmanifest`)).json()) as {
      display: string;
      theme_color: string;
      icons: { sizes: string; type: string }[];
    };
    expect(manifest).toMatchObject({ display: 'standalone', theme_color: expect.stringMatching(/^#/) });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    await page.goto(`${app.spa.url}/`);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
      timeout: 30_000,
    });
    await page.context().setOffline(true);
    try {
      await page.reload();
      await app.expectVisible(page, page.locator('[data-offline]'));
      await expect(page.locator('[data-offline]').textContent()).resolves.toMatch(/offline/i);
      await page.screenshot({ path: join(shots, 'offline-phone.png') });
    } finally {
      await page.context().setOffline(false);
    }
  });
});
