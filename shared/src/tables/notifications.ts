import type { Db } from '../db/create-database.ts';
import type { NotificationKind } from '../notifications/notification-kind.ts';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  /** One email per key, ever: e.g. `report_ready:<reportId>`, `large_transaction:<transactionId>`. */
  idempotencyKey: string;
  /** Ids the link needs (reportId, itemId, transactionId…); never amounts. */
  payload: Record<string, string | null>;
}

/**
 * Records a notification for the mailer once per idempotency key. Returns its id and status whether this
 * call created it or an earlier one did, so a retried job finds the same row.
 */
export async function recordNotification(
  db: Db,
  n: NewNotification,
): Promise<{ id: string; status: string; created: boolean }> {
  const inserted = await db
    .insertInto('notifications')
    .values({
      user_id: n.userId,
      kind: n.kind,
      idempotency_key: n.idempotencyKey,
      payload: JSON.stringify(n.payload),
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning(['id', 'status'])
    .executeTakeFirst();
  if (inserted) return { ...inserted, created: true };
  const existing = await db
    .selectFrom('notifications')
    .select(['id', 'status'])
    .where('idempotency_key', '=', n.idempotencyKey)
    .executeTakeFirstOrThrow();
  return { ...existing, created: false };
}

/** Notifications still waiting to be sent, oldest first. */
export async function pendingNotificationIds(db: Db, limit = 500): Promise<string[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('id')
    .where('status', '=', 'pending')
    .where('channel', '=', 'email')
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
