import { sql } from 'kysely';
import type { Db } from '../db/create-database.ts';

/**
 * One snapshot per account per day of the user's calendar (the moment `at` in the user's time zone, as the
 * transactions' dates are); a later sync the same day overwrites it with the newer balance.
 */
export async function recordBalanceSnapshots(trx: Db, itemId: string, at: Date): Promise<void> {
  await trx
    .insertInto('balance_snapshots')
    .columns(['account_id', 'user_id', 'date', 'current_minor', 'available_minor', 'currency'])
    .expression((eb) =>
      eb
        .selectFrom('accounts as a')
        .innerJoin('users as u', 'u.id', 'a.user_id')
        .select([
          'a.id',
          'a.user_id',
          sql<string>`(${at.toISOString()}::timestamptz AT TIME ZONE u.timezone)::date`.as('date'),
          'a.current_minor',
          'a.available_minor',
          'a.currency',
        ])
        .where('a.item_id', '=', itemId),
    )
    .onConflict((oc) =>
      oc.columns(['account_id', 'date']).doUpdateSet((eb) => ({
        current_minor: eb.ref('excluded.current_minor'),
        available_minor: eb.ref('excluded.available_minor'),
        currency: eb.ref('excluded.currency'),
      })),
    )
    .execute();
}

/** The balances the bank reported for the user's accounts from `from` on. */
export function balanceSnapshotsFrom(
  db: Db,
  userId: string,
  from: string,
): Promise<{ accountId: string; date: string; currentMinor: number | null }[]> {
  return db
    .selectFrom('balance_snapshots')
    .select(['account_id as accountId', 'date', 'current_minor as currentMinor'])
    .where('user_id', '=', userId)
    .where('date', '>=', from)
    .execute();
}
