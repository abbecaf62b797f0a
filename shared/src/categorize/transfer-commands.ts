import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors/domain-error.ts';
import { inTransaction } from './categorization-store.ts';
import {
  DEFAULT_TRANSFER_DAYS,
  OWN_ACCOUNT_TRANSFER_CODES,
  pairTransfers,
  TRANSFER_LOCK,
  type TransferPair,
  transferPairKey,
} from './pair-transfers.ts';

export interface TransferMatch {
  /** Pairs found and marked by this run. */
  pairs: TransferPair[];
  /** Transactions whose partner had disappeared (removed by the bank) and that were unpaired. */
  unpaired: number;
  /** Unpaired transactions marked because Plaid's category says they move money between own accounts. */
  markedByCategory: number;
}

const notLocked = (column: 'locked_fields' | 't.locked_fields' | 'o.locked_fields') =>
  sql<boolean>`NOT (${TRANSFER_LOCK}::text = ANY(${sql.ref(column)}))`;

/**
 * Keeps the user's transfer flags right over their whole history, on every run (after every sync):
 * 1. a pair whose partner is gone (the bank removed it) is undone;
 * 2. posted, unpaired transactions with an opposite amount on another of the user's accounts within `maxDays`
 *    are paired (both sides get is_transfer and each other's id), never re-proposing a pair the user
 *    rejected; the unpaired rows are read once and matched by amount in memory (pairTransfers buckets them),
 *    so a run is linear in the ledger and does not depend on the planner's statistics, which are stale
 *    right after a historical sync;
 * 3. what is still unpaired but that Plaid's category calls an own-account transfer (the other side not
 *    linked) is marked too, unless the person chose its category.
 * A transfer flag the person set or cleared themselves (TRANSFER_LOCK) is never changed.
 */
export async function matchTransfers(
  db: Kysely<Database>,
  userId: string,
  options: { maxDays?: number; now?: Date } = {},
): Promise<TransferMatch> {
  const maxDays = options.maxDays ?? DEFAULT_TRANSFER_DAYS;
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const unpaired = await trx
      .updateTable('transactions as t')
      .set({
        is_transfer: sql<boolean>`CASE WHEN ${notLocked('t.locked_fields')} THEN false ELSE t.is_transfer END`,
        transfer_pair_id: null,
        updated_at: now,
      })
      .where('t.user_id', '=', userId)
      .where('t.transfer_pair_id', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('transactions as p')
              .select(sql`1`.as('one'))
              .whereRef('p.id', '=', 't.transfer_pair_id')
              .whereRef('p.transfer_pair_id', '=', 't.id')
              .where('p.user_id', '=', userId),
          ),
        ),
      )
      .executeTakeFirst();
    const rows = await trx
      .selectFrom('transactions as t')
      .select([
        't.id',
        't.account_id',
        't.amount_minor',
        't.currency',
        't.date',
        't.raw_name',
        't.pfc_primary',
        't.pfc_detailed',
      ])
      .where('t.user_id', '=', userId)
      .where('t.pending', '=', false)
      .where('t.transfer_pair_id', 'is', null)
      .where('t.amount_minor', '<>', 0)
      .where(notLocked('t.locked_fields'))
      .execute();
    const rejected = rows.length
      ? await trx
          .selectFrom('transfer_rejections')
          .select(['transaction_a', 'transaction_b'])
          .where('user_id', '=', userId)
          .execute()
      : [];
    const pairs = pairTransfers(
      rows.map((r) => ({
        id: r.id,
        accountId: r.account_id,
        amountMinor: Number(r.amount_minor),
        currency: r.currency,
        date: String(r.date),
        rawName: r.raw_name,
        pfcPrimary: r.pfc_primary,
        pfcDetailed: r.pfc_detailed,
      })),
      new Set(rejected.map((r) => transferPairKey(r.transaction_a, r.transaction_b))),
      maxDays,
    );
    for (let i = 0; i < pairs.length; i += 500) {
      const links = pairs
        .slice(i, i + 500)
        .flatMap((p) => [
          sql`(${p.outflowId}::uuid, ${p.inflowId}::uuid)`,
          sql`(${p.inflowId}::uuid, ${p.outflowId}::uuid)`,
        ]);
      await sql`
        UPDATE transactions AS t
        SET is_transfer = true, transfer_pair_id = v.pair, updated_at = ${now}
        FROM (VALUES ${sql.join(links)}) AS v(id, pair)
        WHERE t.id = v.id AND t.user_id = ${userId}
      `.execute(trx);
    }
    const marked = await trx
      .updateTable('transactions')
      .set({ is_transfer: true, updated_at: now })
      .where('user_id', '=', userId)
      .where('is_transfer', '=', false)
      .where('pfc_detailed', 'in', OWN_ACCOUNT_TRANSFER_CODES)
      .where('category_source', '<>', 'user')
      .where(notLocked('locked_fields'))
      .executeTakeFirst();
    return {
      pairs,
      unpaired: Number(unpaired.numUpdatedRows),
      markedByCategory: Number(marked.numUpdatedRows),
    };
  });
}

/** The user says two transactions are not a transfer: unpair them and never propose the pair again. */
export async function rejectTransferPair(
  db: Kysely<Database>,
  userId: string,
  a: string,
  b: string,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const found = await trx
      .selectFrom('transactions')
      .select('id')
      .where('user_id', '=', userId)
      .where('id', 'in', [a, b])
      .execute();
    if (found.length !== 2) throw new NotFoundError('transaction pair');
    const [first, second] = a < b ? [a, b] : [b, a];
    await trx
      .insertInto('transfer_rejections')
      .values({ user_id: userId, transaction_a: first, transaction_b: second })
      .onConflict((oc) => oc.columns(['transaction_a', 'transaction_b']).doNothing())
      .execute();
    await trx
      .updateTable('transactions')
      .set({ is_transfer: false, transfer_pair_id: null, updated_at: new Date() })
      .where('user_id', '=', userId)
      .where((eb) =>
        eb.or([
          eb.and([eb('id', '=', a), eb('transfer_pair_id', '=', b)]),
          eb.and([eb('id', '=', b), eb('transfer_pair_id', '=', a)]),
        ]),
      )
      .execute();
  });
}
