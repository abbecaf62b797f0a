import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testContext } from '@finsync/test-support';
import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserApp, startBrowserApp, viewports } from './support/browser-app.ts';
import { signUpInBrowser } from './support/sign-up.ts';

/*
 * Issue 16's conditional reads as a person meets them: the dashboard answers with the ledger's version as ETag,
 * and the SPA revalidates it whenever the page is shown again or the tab comes back (If-None-Match; 304 while
 * nothing changed). A change made elsewhere — here written straight to the database, as a sync by the worker or
 * an edit on another device writes it — shows on the next visit and on the tab's return, without a reload, at
 * phone and desktop width. Real API, PostgreSQL, Redis and Chromium.
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
let app: BrowserApp;

beforeAll(async () => {
  app = await startBrowserApp(root, 'e2e-fresh', inject);
}, 150_000);

afterAll(async () => {
  await app?.close();
});

/** '$1,234.56' → 123456. */
const minorOf = (text: string | null) => Math.round(Number((text ?? '').replace(/[$,]/g, '')) * 100);

/** The current period's dashboard answers, as the page asks for them. */
const isCurrentSummary = (r: Response, from: string, to: string) =>
  r.url().includes('/api/v1/dashboard/summary') && r.url().includes(`from=${from}&to=${to}`);

describe('fresh figures without a reload', () => {
  for (const [width, viewport] of Object.entries(viewports)) {
    it(`the dashboard revalidates on each visit and on the tab's return (${width})`, async () => {
      const context = await app.browser.newContext({ viewport });
      const page = await context.newPage();
      app.watch(page);
      const email = `fresh-${width}-${randomBytes(3).toString('hex')}@example.com`;
      await signUpInBrowser(page, {
        appUrl: app.spa.url,
        mailSinkUrl: app.emu.url,
        email,
        password: 'correct horse battery staple',
      });
      const { id: userId } = await app.t.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      const ctx = testContext(app.t.db);
      const linked = await ctx.newLinkedItem(userId);
      // The API hears of a write by the database's announcement, within milliseconds; waited for so that no
      // answer below can predate the write before it.
      const written = () => app.api.ledgerReads.caughtUp();
      await written();

      // The dashboard asks for its period, the one before and the year to it; the period shown starts last.
      const asked: URLSearchParams[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/v1/dashboard/summary')) asked.push(new URL(r.url()).searchParams);
      });
      await page.goto(`${app.spa.url}/`);
      const spent = page.locator('[data-stat="spentMinor"] .figure-value').first();
      const shown = async () => minorOf(await spent.textContent());
      await expect.poll(shown, { timeout: 15_000 }).toBe(0);
      const period = asked.reduce((a, b) => (b.get('from')! > a.get('from')! ? b : a));
      const [from, to] = [period.get('from')!, period.get('to')!];

      /** Another page and back, in the app (no reload): the period's summary is asked for again. */
      const visitAgain = async (): Promise<Response> => {
        await page.getByRole('link', { name: 'Transactions' }).first().click();
        await page.getByRole('heading', { name: 'Transactions' }).waitFor();
        const answer = page.waitForResponse((r) => isCurrentSummary(r, from, to), { timeout: 10_000 });
        await page.getByRole('link', { name: 'Dashboard' }).first().click();
        return answer;
      };

      // Nothing changed: revalidated, answered 304, the same figure.
      const unchanged = await visitAgain();
      expect(unchanged.status()).toBe(304);
      expect(await unchanged.request().headerValue('if-none-match')).toMatch(/^W\/".+"$/);
      await expect.poll(shown).toBe(0);

      // A purchase arrives from elsewhere (a sync, another device): the next visit shows it.
      await ctx.newTransactions(userId, linked, [{ amount_minor: 12_34, date: from }]);
      await written();
      const changed = await visitAgain();
      expect(changed.status()).toBe(200);
      await expect.poll(shown, { timeout: 10_000 }).toBe(12_34);

      // Another one while the tab is in the background: shown when the tab comes back.
      await ctx.newTransactions(userId, linked, [{ amount_minor: 5_66, date: from }]);
      await written();
      const onReturn = page.waitForResponse((r) => isCurrentSummary(r, from, to), { timeout: 10_000 });
      await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
      expect((await onReturn).status()).toBe(200);
      await expect.poll(shown, { timeout: 10_000 }).toBe(18_00);
      expect(app.consoleErrors).toEqual([]);
      await context.close();
    });
  }
});
