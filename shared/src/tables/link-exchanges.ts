import { createHash } from 'node:crypto';
import type { Db } from '../db/create-database.ts';

/** The key a public token is remembered under: the token itself is never stored. */
export function publicTokenKey(publicToken: string): string {
  return createHash('sha256').update(publicToken).digest('hex');
}

export type ExchangeClaim =
  /** This caller may exchange the token now (first to ask, or the earlier claim went stale). */
  | { kind: 'claimed' }
  /** An earlier call stored the item. */
  | { kind: 'exchanged'; itemId: string }
  /** Another call is exchanging it right now. */
  | { kind: 'in_progress' }
  /** Another user's token: treated as unknown. */
  | { kind: 'not_yours' };

/**
 * Claims a public token for exchange in one statement, so two racing callers never both call Plaid.
 * A claim older than `staleBefore` without an item (its process died mid-exchange) may be taken over.
 */
export async function claimPublicToken(
  db: Db,
  input: { key: string; userId: string; at: Date; staleBefore: Date },
): Promise<ExchangeClaim> {
  const claimed = await db
    .insertInto('link_exchanges')
    .values({ public_token_sha256: input.key, user_id: input.userId, claimed_at: input.at })
    .onConflict((oc) =>
      oc
        .column('public_token_sha256')
        .doUpdateSet({ claimed_at: input.at })
        .where('link_exchanges.item_id', 'is', null)
        .where('link_exchanges.user_id', '=', input.userId)
        .where('link_exchanges.claimed_at', '<', input.staleBefore),
    )
    .returning('public_token_sha256')
    .executeTakeFirst();
  if (claimed) return { kind: 'claimed' };
  const row = await db
    .selectFrom('link_exchanges')
    .select(['user_id', 'item_id'])
    .where('public_token_sha256', '=', input.key)
    .executeTakeFirst();
  if (!row) return { kind: 'in_progress' }; // released between the two statements: ask again
  if (row.user_id !== input.userId) return { kind: 'not_yours' };
  return row.item_id ? { kind: 'exchanged', itemId: row.item_id } : { kind: 'in_progress' };
}

/** The exchange failed before anything was stored: a later call may try again. */
export async function releasePublicToken(db: Db, key: string): Promise<void> {
  await db
    .deleteFrom('link_exchanges')
    .where('public_token_sha256', '=', key)
    .where('item_id', 'is', null)
    .execute();
}

/** In the transaction that stores the item: the token now names it. */
export async function recordExchangedItem(trx: Db, key: string, itemId: string, at: Date): Promise<void> {
  await trx
    .updateTable('link_exchanges')
    .set({ item_id: itemId, exchanged_at: at })
    .where('public_token_sha256', '=', key)
    .execute();
}
