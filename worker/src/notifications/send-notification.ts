import type { Database } from '@finsync/shared';
import type { JobData } from '@finsync/shared/jobs';
import { type NotificationKind, wantsNotification } from '@finsync/shared/notifications';
import { signLinkToken } from '@finsync/shared/reports';
import type { Kysely } from 'kysely';
import { MailSendError, type MailTransport } from '../mail/mail-transport.ts';
import { type NotificationLinks, renderNotificationEmail } from './render-notification-email.ts';

export interface NotificationSenderDeps {
  db: Kysely<Database>;
  transport: MailTransport;
  from: string;
  appUrl: string;
  linkSecret: string;
  linkTtlDays: number;
  now: () => Date;
  /** After this many provider failures the notification is marked failed (match the job's attempts). */
  maxAttempts?: number;
}

export type SendOutcome =
  | { outcome: 'sent'; messageId: string | null }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'retry'; error: MailSendError }
  | { outcome: 'in_flight' }
  | { outcome: 'already_done'; status: string }
  | { outcome: 'missing' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNSUBSCRIBE_TTL_DAYS = 90;

/**
 * Sends one notification at most once. The row is locked (FOR UPDATE SKIP LOCKED) for the length of
 * the send and moves pending → sent | skipped | failed in the same transaction, so a retried or
 * duplicated job finds it sent and does nothing. A provider error leaves it pending with the attempt
 * counted, for the job's backoff to try again. If the process dies after the provider accepted but
 * before the commit, the row stays pending and one duplicate is possible: at-least-once only there.
 */
export async function sendNotification(
  deps: NotificationSenderDeps,
  notificationId: string,
): Promise<SendOutcome> {
  const maxAttempts = deps.maxAttempts ?? 8;
  return deps.db.transaction().execute(async (trx): Promise<SendOutcome> => {
    const row = await trx
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', notificationId)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!row) {
      const exists = await trx
        .selectFrom('notifications')
        .select('id')
        .where('id', '=', notificationId)
        .executeTakeFirst();
      return exists ? { outcome: 'in_flight' } : { outcome: 'missing' };
    }
    if (row.status !== 'pending') return { outcome: 'already_done', status: row.status };
    const finish = (
      status: 'sent' | 'skipped' | 'failed',
      fields: { last_error?: string | null; provider_message_id?: string | null } = {},
    ) =>
      trx
        .updateTable('notifications')
        .set({ status, ...fields, ...(status === 'sent' ? { sent_at: deps.now() } : {}) })
        .where('id', '=', row.id)
        .execute();

    const kind = row.kind;
    if (row.channel !== 'email') {
      await finish('skipped', { last_error: `no email for kind ${row.kind} on channel ${row.channel}` });
      return { outcome: 'skipped', reason: 'unsupported kind' };
    }
    const user = await trx
      .selectFrom('users')
      .select(['id', 'email', 'notification_prefs'])
      .where('id', '=', row.user_id)
      .executeTakeFirst();
    if (!user) {
      await finish('skipped', { last_error: 'user gone' });
      return { outcome: 'skipped', reason: 'user gone' };
    }
    if (!wantsNotification(kind, user.notification_prefs ?? {})) {
      await finish('skipped', { last_error: 'not opted in' });
      return { outcome: 'skipped', reason: 'not opted in' };
    }
    const payload = (row.payload ?? {}) as Record<string, unknown>;
    const links = notificationLinks(deps, kind, user.id, payload);
    if (!links) {
      await finish('failed', { last_error: 'payload lacks the id its link needs' });
      return { outcome: 'failed', reason: 'bad payload' };
    }
    const email = renderNotificationEmail(kind, links, {
      ...(typeof payload.reportKind === 'string' ? { reportKind: payload.reportKind } : {}),
    });
    const attempts = row.attempts + 1;
    try {
      const { messageId } = await deps.transport.send({
        to: user.email,
        from: deps.from,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: links.oneClick
          ? {
              'List-Unsubscribe': `<${links.oneClick}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            }
          : {},
        categories: [kind],
      });
      await trx
        .updateTable('notifications')
        .set({
          status: 'sent',
          attempts,
          sent_at: deps.now(),
          provider_message_id: messageId,
          last_error: null,
        })
        .where('id', '=', row.id)
        .execute();
      return { outcome: 'sent', messageId };
    } catch (error) {
      const failure =
        error instanceof MailSendError
          ? error
          : new MailSendError(error instanceof Error ? error.message : String(error), {
              transient: true,
              status: null,
              cause: error,
            });
      const giveUp = !failure.transient || attempts >= maxAttempts;
      await trx
        .updateTable('notifications')
        .set({ attempts, last_error: failure.message.slice(0, 500), ...(giveUp ? { status: 'failed' } : {}) })
        .where('id', '=', row.id)
        .execute();
      return giveUp ? { outcome: 'failed', reason: failure.message } : { outcome: 'retry', error: failure };
    }
  });
}

function notificationLinks(
  deps: NotificationSenderDeps,
  kind: NotificationKind,
  userId: string,
  payload: Record<string, unknown>,
): NotificationLinks | undefined {
  const app = deps.appUrl.replace(/\/+$/, '');
  const now = deps.now().getTime();
  const id = (key: string) => {
    const v = payload[key];
    return typeof v === 'string' && UUID.test(v) ? v : undefined;
  };
  const common = {
    preferences: `${app}/settings/notifications`,
    ...unsubscribeLinks(deps, app, kind, userId, now),
  };
  switch (kind) {
    case 'report_ready': {
      const reportId = id('reportId');
      if (!reportId) return undefined;
      const token = signLinkToken(
        {
          purpose: 'report',
          userId,
          subject: reportId,
          expiresAt: new Date(now + deps.linkTtlDays * 86_400_000),
        },
        deps.linkSecret,
      );
      return { action: `${app}/reports/${reportId}?t=${encodeURIComponent(token)}`, ...common };
    }
    case 'reauth_required':
    case 'sync_failing': {
      const itemId = id('itemId');
      return { action: itemId ? `${app}/connections?item=${itemId}` : `${app}/connections`, ...common };
    }
    case 'large_transaction':
      return { action: `${app}/transactions`, ...common };
    case 'budget_pace':
      return { action: `${app}/budgets`, ...common };
    case 'goal_behind':
      return { action: `${app}/goals`, ...common };
    case 'bill_due':
      return { action: `${app}/recurring`, ...common };
    case 'low_balance':
    case 'missed_bill':
      // The dashboard shows the balances and the bills.
      return { action: `${app}/`, ...common };
    case 'account_locked':
      return { action: `${app}/settings/security`, ...common };
    case 'password_reset':
    case 'account_exists': {
      // The link is signed here, at send time, so no usable token is ever stored; it expires with the row.
      const resetId = id('resetId');
      const expiresAt = typeof payload.expiresAt === 'string' ? new Date(payload.expiresAt) : null;
      if (!resetId || !expiresAt || Number.isNaN(expiresAt.getTime())) return undefined;
      const token = signLinkToken(
        { purpose: 'password_reset', userId, subject: resetId, expiresAt },
        deps.linkSecret,
      );
      return {
        action: `${app}/reset-password?t=${encodeURIComponent(`${resetId}.${userId}.${token}`)}`,
        ...common,
      };
    }
  }
}

/**
 * Unsubscribe links: the app's page (one click, signed out, confirms what stopped) for the email body, and
 * the API URL for the List-Unsubscribe header (mail clients POST to it, RFC 8058). Security notices cannot be
 * turned off: their "unsubscribe" is the preferences page and they carry no List-Unsubscribe.
 */
function unsubscribeLinks(
  deps: NotificationSenderDeps,
  app: string,
  kind: NotificationKind,
  userId: string,
  now: number,
): { unsubscribe: string; oneClick: string | null } {
  if (kind === 'account_locked' || kind === 'account_exists')
    return { unsubscribe: `${app}/settings/notifications`, oneClick: null };
  const token = signLinkToken(
    {
      purpose: 'unsubscribe',
      userId,
      subject: kind,
      expiresAt: new Date(now + UNSUBSCRIBE_TTL_DAYS * 86_400_000),
    },
    deps.linkSecret,
  );
  const query = new URLSearchParams({ u: userId, kind, t: token }).toString();
  return {
    unsubscribe: `${app}/unsubscribe?${query}`,
    oneClick: `${app}/api/v1/notifications/unsubscribe?${query}`,
  };
}

/** Thrown so the queue retries later with backoff; carries no personal data. */
export class NotificationRetryError extends Error {
  readonly code = 'NOTIFICATION_RETRY';
}

/** The `send-notification` job: `{ notificationId }`. Throws on provider errors so the queue backs off and retries. */
export function createSendNotificationProcessor(deps: NotificationSenderDeps) {
  return async ({ notificationId }: JobData<'send-notification'>): Promise<SendOutcome> => {
    const result = await sendNotification(deps, notificationId);
    if (result.outcome === 'retry')
      throw new NotificationRetryError(result.error.message, { cause: result.error });
    if (result.outcome === 'in_flight')
      throw new NotificationRetryError('notification is being sent by another worker');
    return result;
  };
}
