import type { Db } from '../../db/create-database.ts';

/** Records a notification for the mailer to send later; the idempotency key makes repeats a no-op. */
export async function recordNotification(
  db: Db,
  n: { userId: string; kind: string; idempotencyKey: string; payload: Record<string, unknown> },
): Promise<boolean> {
  const result = await db
    .insertInto('notifications')
    .values({
      user_id: n.userId,
      kind: n.kind,
      idempotency_key: n.idempotencyKey,
      payload: JSON.stringify(n.payload),
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}
