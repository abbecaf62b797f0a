import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Queues the e-mail-ready 'account_locked' notification (the mailer sends pending rows). The key makes a
 * lock announce itself once however many requests hit it.
 */
export async function notifyAccountLocked(
  db: Kysely<Database>,
  userId: string,
  lockedUntil: Date,
  context: { ip: string | null },
): Promise<void> {
  await db
    .insertInto('notifications')
    .values({
      user_id: userId,
      kind: 'account_locked',
      channel: 'email',
      idempotency_key: `account_locked:${userId}:${lockedUntil.toISOString()}`,
      payload: JSON.stringify({ lockedUntil: lockedUntil.toISOString(), ip: context.ip }),
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}
