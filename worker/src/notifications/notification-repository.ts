import type { Database } from '@finsync/shared';
import type { Kysely } from 'kysely';

type Executor = Kysely<Database>;

export interface NewNotification {
  userId: string;
  kind: string;
  /** One email per key, ever: e.g. `report_ready:<reportId>`, `large_transaction:<transactionId>`. */
  idempotencyKey: string;
  /** Ids the link needs (reportId, itemId, transactionId…); never amounts or names. */
  payload: Record<string, string>;
}

/**
 * Records a notification once per idempotency key. Returns its id and status whether this call created
 * it or an earlier one did, so a retried job finds the same row.
 */
export async function recordNotification(
  db: Executor,
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

/** Notifications still waiting to be sent (e.g. recorded by the sync engine), oldest first. */
export async function pendingNotificationIds(db: Executor, limit = 500): Promise<string[]> {
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
