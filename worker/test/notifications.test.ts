import { randomUUID } from 'node:crypto';
import { ALERT_KINDS } from '@finsync/shared/notifications';
import {
  buildReportSummary,
  reportPeriod,
  sampleReportInput,
  seedSampleHousehold,
  verifyLinkToken,
} from '@finsync/shared/reports';
import { recordNotification } from '@finsync/shared/sync';
import { createTestDatabase, type TestDatabase } from '@finsync/test-support';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MailSendError, type MailTransport, type OutgoingMail } from '../src/mail/mail-transport.ts';
import { recordAlerts } from '../src/notifications/record-alerts.ts';
import {
  createSendNotificationProcessor,
  type NotificationSenderDeps,
  sendNotification,
} from '../src/notifications/send-notification.ts';
import { generateReport } from '../src/reports/generate-report.ts';
import { findLeaks } from './email-content-scan.ts';

const SECRET = 'notification-test-secret-0123456789abcdef';
const asOf = new Date('2026-11-02T12:00:00Z');
const TZ = 'America/New_York';
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase(inject('pgTemplate'));
});
afterAll(async () => {
  await t?.drop();
});

/** Records what it was asked to send; can fail the first N sends, or hold each send for a while. */
function fakeTransport(options: { failFirst?: number; transient?: boolean; delayMs?: number } = {}) {
  const sent: OutgoingMail[] = [];
  let calls = 0;
  const transport: MailTransport = {
    async send(mail) {
      calls++;
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (calls <= (options.failFirst ?? 0)) {
        throw new MailSendError('mail provider answered 503', {
          transient: options.transient ?? true,
          status: 503,
        });
      }
      sent.push(mail);
      return { messageId: `msg-${sent.length}` };
    },
  };
  return { transport, sent, calls: () => calls };
}

function deps(transport: MailTransport, extra: Partial<NotificationSenderDeps> = {}): NotificationSenderDeps {
  return {
    db: t.db,
    transport,
    from: 'reports@finsync.local',
    appUrl: 'https://app.finsync.test',
    linkSecret: SECRET,
    linkTtlDays: 14,
    now: () => asOf,
    ...extra,
  };
}

async function household(prefs: Record<string, boolean> = {}) {
  const period = reportPeriod('weekly', asOf, TZ, 1);
  return seedSampleHousehold(t.db, sampleReportInput(period, asOf), { notificationPrefs: prefs });
}

/** A report-ready email waiting to be sent, for a new household's user. */
async function reportReadyNotification(payload: Record<string, string> = {}) {
  const { userId } = await household();
  return recordNotification(t.db, {
    userId,
    kind: 'report_ready',
    idempotencyKey: `k-${randomUUID()}`,
    payload: { reportId: randomUUID(), ...payload },
  });
}

const storedNotification = (id: string) =>
  t.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('report email', () => {
  it('is recorded once per report and sent once even when the job runs again', async () => {
    const { userId } = await household();
    const queued: { notificationId: string }[] = [];
    const queue = {
      enqueue: async (_name: string, data: unknown) => {
        queued.push(data as { notificationId: string });
        return { jobId: String(queued.length) };
      },
    };
    const mail = fakeTransport();
    const first = await generateReport({ db: t.db, queue, now: () => asOf }, { userId, kind: 'weekly' });
    const again = await generateReport({ db: t.db, queue, now: () => asOf }, { userId, kind: 'weekly' });
    expect(again.reportId).toBe(first.reportId);
    expect(again.notificationId).toBe(first.notificationId);
    const process = createSendNotificationProcessor(deps(mail.transport));
    for (const job of queued) await process(job);
    await process({ notificationId: first.notificationId! });
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]!.subject).toBe('Your weekly report is ready');
    const row = await storedNotification(first.notificationId!);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      provider_message_id: 'msg-1',
      kind: 'report_ready',
    });
    // Third run after the send: still the same row, nothing queued or sent.
    const before = queued.length;
    await generateReport({ db: t.db, queue, now: () => asOf }, { userId, kind: 'weekly' });
    expect(queued.length).toBe(before);
  });

  it('links to the report with a token that only opens that report for that user, and expires', async () => {
    const { userId } = await household();
    const mail = fakeTransport();
    const queue = { enqueue: async () => ({ jobId: '1' }) };
    const { reportId, notificationId } = await generateReport(
      { db: t.db, queue, now: () => asOf },
      { userId, kind: 'monthly' },
    );
    await sendNotification(deps(mail.transport), notificationId!);
    const url = new URL(/https:\/\/app\.finsync\.test\/reports\/\S+/.exec(mail.sent[0]!.text)![0]);
    expect(url.pathname).toBe(`/reports/${reportId}`);
    const token = url.searchParams.get('t')!;
    expect(
      verifyLinkToken(
        token,
        { purpose: 'report', userId, subject: reportId },
        SECRET,
        asOf,
      ).expiresAt.toISOString(),
    ).toBe('2026-11-16T12:00:00.000Z');
    expect(() =>
      verifyLinkToken(token, { purpose: 'report', userId: randomUUID(), subject: reportId }, SECRET, asOf),
    ).toThrow();
    expect(() =>
      verifyLinkToken(
        token,
        { purpose: 'report', userId, subject: reportId },
        SECRET,
        new Date('2026-11-17T00:00:00Z'),
      ),
    ).toThrow(/expired/);
    expect(mail.sent[0]!.subject).toBe('Your monthly report is ready');
    expect(mail.sent[0]!.headers?.['List-Unsubscribe']).toMatch(
      /^<https:\/\/app\.finsync\.test\/api\/v1\/notifications\/unsubscribe\?u=[0-9a-f-]{36}&kind=report_ready&t=[^>]+>$/,
    );
    expect(mail.sent[0]!.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });
});

describe('sending with provider errors', () => {
  it('retries a transient provider error with the attempt recorded, then sends exactly once', async () => {
    const n = await reportReadyNotification({ reportKind: 'weekly' });
    const mail = fakeTransport({ failFirst: 2 });
    const process = createSendNotificationProcessor(deps(mail.transport));
    await expect(process({ notificationId: n.id })).rejects.toThrow(/503/);
    await expect(process({ notificationId: n.id })).rejects.toThrow(/503/);
    expect(await process({ notificationId: n.id })).toMatchObject({ outcome: 'sent' });
    expect(await process({ notificationId: n.id })).toMatchObject({
      outcome: 'already_done',
      status: 'sent',
    });
    expect(mail.sent).toHaveLength(1);
    const row = await storedNotification(n.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
  });

  it('never sends twice when two workers pick up the same notification at once', async () => {
    const n = await reportReadyNotification();
    const mail = fakeTransport({ delayMs: 300 });
    const results = await Promise.all([
      sendNotification(deps(mail.transport), n.id),
      sendNotification(deps(mail.transport), n.id),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['in_flight', 'sent']);
    expect(await sendNotification(deps(mail.transport), n.id)).toMatchObject({ outcome: 'already_done' });
    expect(mail.sent).toHaveLength(1);
  });

  it('gives up on a permanent refusal and records it as failed', async () => {
    const n = await reportReadyNotification();
    const mail = fakeTransport({ failFirst: 1, transient: false });
    expect(await sendNotification(deps(mail.transport), n.id)).toMatchObject({ outcome: 'failed' });
    expect(await sendNotification(deps(mail.transport), n.id)).toMatchObject({
      outcome: 'already_done',
      status: 'failed',
    });
    expect(mail.calls()).toBe(1);
    const row = await storedNotification(n.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, last_error: 'mail provider answered 503' });
  });

  it('marks a notification failed after the last allowed attempt', async () => {
    const n = await reportReadyNotification();
    const mail = fakeTransport({ failFirst: 10 });
    const d = deps(mail.transport, { maxAttempts: 2 });
    expect(await sendNotification(d, n.id)).toMatchObject({ outcome: 'retry' });
    expect(await sendNotification(d, n.id)).toMatchObject({ outcome: 'failed' });
    expect(mail.sent).toHaveLength(0);
  });
});

describe('alerts', () => {
  it('are sent only to users who opted in to that alert', async () => {
    const optedIn = await household({ low_balance: true });
    const optedOut = await household({ large_transaction: false });
    const mail = fakeTransport();
    const a = await recordNotification(t.db, {
      userId: optedIn.userId,
      kind: 'low_balance',
      idempotencyKey: `k-${randomUUID()}`,
      payload: {},
    });
    const b = await recordNotification(t.db, {
      userId: optedOut.userId,
      kind: 'large_transaction',
      idempotencyKey: `k-${randomUUID()}`,
      payload: {},
    });
    const c = await recordNotification(t.db, {
      userId: optedOut.userId,
      kind: 'low_balance',
      idempotencyKey: `k-${randomUUID()}`,
      payload: {},
    });
    expect(await sendNotification(deps(mail.transport), a.id)).toMatchObject({ outcome: 'sent' });
    expect(await sendNotification(deps(mail.transport), b.id)).toMatchObject({ outcome: 'skipped' });
    expect(await sendNotification(deps(mail.transport), c.id)).toMatchObject({ outcome: 'skipped' });
    expect(mail.sent.map((m) => m.subject)).toEqual(['An account balance is low']);
  });

  it('sends the sync engine’s re-authentication row with a link to the connection', async () => {
    const { userId } = await household({ reauth_required: true });
    const itemId = randomUUID();
    const n = await recordNotification(t.db, {
      userId,
      kind: 'reauth_required',
      idempotencyKey: `reauth_required:login_required:${itemId}`,
      payload: { itemId },
    });
    const mail = fakeTransport();
    expect(await sendNotification(deps(mail.transport), n.id)).toMatchObject({ outcome: 'sent' });
    expect(mail.sent[0]!.text).toContain(`https://app.finsync.test/connections?item=${itemId}`);
  });
});

describe('alert detection', () => {
  it('records each opted-in alert once per event and nothing for users who did not opt in', async () => {
    const prefs = Object.fromEntries(ALERT_KINDS.map((k) => [k, true]));
    const { userId, ids } = await household(prefs);
    const quiet = await household({});
    for (const u of [userId, quiet.userId]) {
      await t.db
        .updateTable('accounts')
        .set({ available_minor: 5_000 })
        .where('user_id', '=', u)
        .where('type', '=', 'depository')
        .execute();
      await t.db
        .updateTable('plaid_items')
        .set({
          last_error: JSON.stringify({
            code: 'INTERNAL_SERVER_ERROR',
            message: 'x',
            at: '2026-11-01T00:00:00Z',
          }),
          // created_at is write-once in the typed schema; the test backdates it as a long-failing item.
          created_at: sql<Date>`now() - interval '3 days'` as never,
        })
        .where('user_id', '=', u)
        .execute();
    }
    // A card payment in a transfer-kind category (not flagged by pairing) moves money, it is not a purchase.
    const checking = await t.db
      .selectFrom('accounts')
      .select(['id', 'item_id'])
      .where('id', '=', ids.get('a-chk')!)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('transactions')
      .values({
        user_id: userId,
        item_id: checking.item_id,
        account_id: checking.id,
        plaid_transaction_id: 'card-payment',
        amount_minor: 800_00,
        currency: 'USD',
        date: '2026-11-02',
        raw_name: 'VISA AUTOPAY',
        category_id: ids.get('c-transfer')!,
      })
      .execute();
    const options = { now: new Date(), since: new Date(Date.now() - 3_600_000) };
    const first = await recordAlerts(t.db, userId, options);
    const again = await recordAlerts(t.db, userId, options);
    expect(again.sort()).toEqual([...first].sort());
    const rows = await t.db
      .selectFrom('notifications')
      .select(['kind', 'payload'])
      .where('user_id', '=', userId)
      .execute();
    const kinds = rows.map((r) => r.kind).sort();
    // Rent four times (≥ $500; the $500 transfer and the $800 card payment are left out), the checking account, the late gym bill, the failing item.
    expect(kinds).toEqual([
      'large_transaction',
      'large_transaction',
      'large_transaction',
      'large_transaction',
      'low_balance',
      'missed_bill',
      'sync_failing',
    ]);
    expect(rows.find((r) => r.kind === 'low_balance')?.payload).toEqual({ accountId: ids.get('a-chk') });
    expect(await recordAlerts(t.db, quiet.userId, options)).toEqual([]);
  });

  it('stores only the kinds finsync sends: the table refuses any other name', async () => {
    const { userId } = await household();
    await expect(
      recordNotification(t.db, {
        userId,
        // @ts-expect-error the sync engine's old name is no NotificationKind
        kind: 'item_login_required',
        idempotencyKey: `k-${randomUUID()}`,
        payload: {},
      }),
    ).rejects.toThrow(/notifications_kind_known/);
  });

  it('sends the API’s account-locked notice and the sync engine’s pending-expiration notice', async () => {
    const { userId } = await household({ reauth_required: true });
    const mail = fakeTransport();
    const locked = await recordNotification(t.db, {
      userId,
      kind: 'account_locked',
      idempotencyKey: `k-${randomUUID()}`,
      payload: { ip: '203.0.113.9' },
    });
    const expiring = await recordNotification(t.db, {
      userId,
      kind: 'reauth_required',
      idempotencyKey: `k-${randomUUID()}`,
      payload: { itemId: randomUUID(), institutionName: 'Banque Crédit Agricole' },
    });
    expect(await sendNotification(deps(mail.transport), locked.id)).toMatchObject({ outcome: 'sent' });
    expect(await sendNotification(deps(mail.transport), expiring.id)).toMatchObject({ outcome: 'sent' });
    const all = mail.sent.map((m) => `${m.subject}\n${m.text}\n${m.html}`).join('\n');
    expect(all).not.toContain('203.0.113.9');
    expect(all).not.toContain('Crédit Agricole');
  });
});

describe('email content scan', () => {
  it('finds no figure, payee or account name of the user in any email finsync sends', async () => {
    const prefs = Object.fromEntries(ALERT_KINDS.map((k) => [k, true]));
    const { userId } = await household(prefs);
    const weekly = buildReportSummary(sampleReportInput(reportPeriod('weekly', asOf, TZ, 1), asOf));
    const monthly = buildReportSummary(sampleReportInput(reportPeriod('monthly', asOf, TZ), asOf));
    const names = sampleReportInput(reportPeriod('weekly', asOf, TZ, 1), asOf);
    const allNames = [
      ...names.transactions.map((x) => x.name),
      ...names.accounts.map((a) => a.name),
      ...names.recurring.map((r) => r.payee),
    ];
    const mail = fakeTransport();
    const queue = { enqueue: async () => ({ jobId: '1' }) };
    for (const kind of ['weekly', 'monthly'] as const) {
      const r = await generateReport({ db: t.db, queue, now: () => asOf }, { userId, kind });
      await sendNotification(deps(mail.transport), r.notificationId!);
    }
    for (const kind of ALERT_KINDS) {
      // Even a payload stuffed with personal data must not reach the email.
      const n = await recordNotification(t.db, {
        userId,
        kind,
        idempotencyKey: `k-${randomUUID()}`,
        payload: { transactionId: 'Whole Foods 84.37', accountName: 'Everyday Checking', amount: '1,562.96' },
      });
      await sendNotification(deps(mail.transport), n.id);
    }
    expect(mail.sent).toHaveLength(2 + ALERT_KINDS.length);
    for (const m of mail.sent) {
      const whole = [m.subject, m.text, m.html, JSON.stringify(m.headers ?? {})].join('\n');
      expect(findLeaks(whole, [weekly, monthly], allNames), m.subject).toEqual([]);
      expect(m).not.toHaveProperty('attachments');
      // Every link is the app's, with nothing but ids and a signed token in it.
      for (const link of whole.replaceAll('&#38;', '&').match(/https?:\/\/[^\s"<>]+/g) ?? []) {
        expect(link).toMatch(
          /^https:\/\/app\.finsync\.test\/[a-z/0-9]*(\/[0-9a-f-]{36})?(\?(item=[0-9a-f-]{36}|(u=[0-9a-f-]{36}&kind=[a-z_]+&)?t=\d+\.[A-Za-z0-9_-]{43}))?$/,
        );
      }
    }
  });

  it('would catch a leaked figure, payee or account name (the scan can fail)', () => {
    const weekly = buildReportSummary(sampleReportInput(reportPeriod('weekly', asOf, TZ, 1), asOf));
    expect(findLeaks('You spent $267.46 this week', [weekly], [])).toContain('267.46');
    expect(findLeaks('Net 2,232.54', [weekly], [])).toContain('2,232.54');
    expect(findLeaks('Mostly at café olé', [weekly], [])).toContain('Café Olé');
    expect(findLeaks('From Crédit Visa Signature', [weekly], [])).toContain('Crédit Visa Signature');
  });
});
