import { randomUUID } from 'node:crypto';
import { buildApp } from '@finsync/api';
import { type RunningEmulator, startEmulator } from '@finsync/emulator';
import { loadApiConfig } from '@finsync/shared';
import { recordNotification } from '@finsync/shared/sync';
import { createTestDatabase, type TestDatabase } from '@finsync/test-support';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DemoJobs, startDemoJobs } from '../scripts/demo/demo-jobs.ts';
import type { OutgoingMail } from '../worker/src/mail/mail-transport.ts';
import { sendNotification } from '../worker/src/notifications/send-notification.ts';
import { builtWeb, connectBrowser } from './support/run-resources.ts';
import { type ServedSpa, serveSpa } from './support/serve-spa.ts';
import { signUpInBrowser } from './support/sign-up.ts';

/*
 * Every email kind finsync sends, rendered by the worker for a real user, and every link in it (HTML, text and
 * the List-Unsubscribe header) followed: app links open a real page in the browser (never "Page not found"),
 * the unsubscribe link works signed out in one click and says so, and the header's one-click POST works too.
 */
const KINDS = [
  ['report_ready', {}],
  ['reauth_required', { itemId: randomUUID() }],
  ['sync_failing', { itemId: randomUUID() }],
  ['large_transaction', { transactionId: randomUUID() }],
  ['low_balance', {}],
  ['missed_bill', {}],
  ['budget_pace', { budgetId: randomUUID() }],
  ['goal_behind', { goalId: randomUUID() }],
  ['bill_due', { seriesId: randomUUID() }],
  ['account_locked', {}],
  ['account_exists', { resetId: randomUUID(), expiresAt: new Date(Date.now() + 30 * 60_000).toISOString() }],
] as const;
/** Security notices: sent whatever the preferences say, so they carry no unsubscribe link or header. */
const SECURITY_NOTICES: readonly string[] = ['account_locked', 'account_exists'];
const EMAIL = 'links@example.com';
const PASSWORD = 'correct horse battery staple';
const LINK_SECRET = 'e2e-email-links-secret-0123456789abcdef';

let t: TestDatabase;
let emu: RunningEmulator;
let spa: ServedSpa;
let api: Awaited<ReturnType<typeof buildApp>>;
let jobs: DemoJobs;
let apiUrl = '';
let browser: Browser;
const jobErrors: string[] = [];

beforeAll(async () => {
  const dist = await builtWeb();
  t = await createTestDatabase(inject('pgTemplate'));
  emu = await startEmulator({ port: 0 }); // the report job's own email goes to its SendGrid sink
  spa = await serveSpa(dist, () => apiUrl);
  const config = loadApiConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    DATABASE_URL: t.url,
    COOKIE_SECURE: 'false',
    APP_URL: spa.url,
    REPORT_LINK_SECRET: LINK_SECRET,
    SENDGRID_BASE_URL: emu.url,
  });
  jobs = await startDemoJobs(config, t.db, {
    onError: (error, job) =>
      jobErrors.push(`${job.name}: ${error instanceof Error ? error.message : String(error)}`),
  });
  api = await buildApp({ config, db: t.db, queue: jobs.queue });
  apiUrl = await api.listen({ port: 0, host: '127.0.0.1' });
  browser = await connectBrowser();
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await jobs?.close();
  await spa?.close();
  await emu?.close();
  await t?.drop();
});

/** Every URL in an email: HTML hrefs, URLs in the text, and the List-Unsubscribe header's. */
function linksOf(mail: OutgoingMail): string[] {
  const urls = new Set<string>();
  for (const [, href] of mail.html.matchAll(/href="([^"]+)"/g)) urls.add(href!.replaceAll('&#38;', '&'));
  for (const [url] of mail.text.matchAll(/https?:\/\/\S+/g)) urls.add(url);
  return [...urls];
}

describe('links in every email kind', () => {
  it('each lands on a real page; unsubscribe works signed out in one click, and by the List-Unsubscribe POST', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The sign-up email's own link, followed from the mail sink, creates the account.
    await signUpInBrowser(page, { appUrl: spa.url, mailSinkUrl: emu.url, email: EMAIL, password: PASSWORD });
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', EMAIL)
      .executeTakeFirstOrThrow();
    // Alerts are opt-in: turn every email on, as a user would in Settings.
    await t.db
      .updateTable('users')
      .set({
        notification_prefs: JSON.stringify(Object.fromEntries(KINDS.map(([kind]) => [kind, true]))),
      })
      .where('id', '=', user.id)
      .execute();
    // A real report for the report email (the worker records its notification).
    if (!jobs.inProcess) throw new Error("expected the demo's in-process jobs (no REDIS_URL)");
    await jobs.queue.enqueue('generate-report', { userId: user.id, kind: 'weekly' });
    await jobs.queue.idle();
    expect(jobErrors).toEqual([]);

    const sent: OutgoingMail[] = [];
    const deps = {
      db: t.db,
      transport: {
        async send(mail: OutgoingMail) {
          sent.push(mail);
          return { messageId: null };
        },
      },
      from: 'reports@finsync.local',
      appUrl: spa.url,
      linkSecret: LINK_SECRET,
      linkTtlDays: 14,
      now: () => new Date(),
    };
    const report = await t.db
      .selectFrom('reports')
      .select('id')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    for (const [kind, payload] of KINDS) {
      const notification = await recordNotification(t.db, {
        userId: user.id,
        kind,
        idempotencyKey: `e2e:${kind}`,
        payload: kind === 'report_ready' ? { reportId: report.id, reportKind: 'weekly' } : payload,
      });
      const result = await sendNotification(deps, notification.id);
      expect(['sent', 'already_done'], `${kind}: ${JSON.stringify(result)}`).toContain(result.outcome);
    }
    expect(sent.map((m) => m.categories?.[0]).sort()).toEqual(KINDS.map(([k]) => k).sort());

    const visited: string[] = [];
    for (const mail of sent) {
      const kind = mail.categories?.[0] ?? '';
      for (const link of linksOf(mail)) {
        expect(new URL(link).origin, `${kind}: ${link}`).toBe(spa.url);
        if (new URL(link).pathname === '/unsubscribe') {
          // Signed out, one click: the page unsubscribes and says so.
          const signedOut = await browser.newContext();
          const fresh = await signedOut.newPage();
          await fresh.goto(link);
          await fresh
            .getByRole('heading', { name: 'You are unsubscribed' })
            .waitFor({ timeout: 15_000 })
            .catch(async (error: unknown) => {
              throw new Error(
                `${String(error)}\n${fresh.url()}: ${await fresh.locator('body').textContent()}`,
              );
            });
          await signedOut.close();
          const prefs = await t.db
            .selectFrom('users')
            .select('notification_prefs')
            .where('id', '=', user.id)
            .executeTakeFirstOrThrow();
          expect(prefs.notification_prefs[kind], `${kind} after its unsubscribe link`).toBe(false);
        } else {
          await page.goto(link);
          await page.locator('main h1, .auth-page h1').first().waitFor({ timeout: 15_000 });
          await page.waitForLoadState('networkidle');
          expect(
            await page.getByRole('heading', { name: 'Page not found' }).count(),
            `${kind}: ${link}`,
          ).toBe(0);
        }
        visited.push(`${kind} ${new URL(link).pathname}`);
      }
      // The header's one-click POST (RFC 8058), as a mail client sends it; security notices have none.
      const header = mail.headers?.['List-Unsubscribe'];
      if (SECURITY_NOTICES.includes(kind)) {
        expect(header).toBeUndefined();
        continue;
      }
      expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      const oneClick = /^<(.+)>$/.exec(header ?? '')?.[1] ?? expect.fail(`${kind}: no List-Unsubscribe`);
      const posted = await fetch(oneClick, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(posted.status, `${kind}: ${await posted.clone().text()}`).toBe(200);
    }
    // Each kind's action, preferences and (but for security notices) unsubscribe link was followed.
    expect(visited.length).toBeGreaterThanOrEqual(KINDS.length * 3 - SECURITY_NOTICES.length);
    await context.close();
  }, 180_000);
});
