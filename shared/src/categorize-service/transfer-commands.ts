import type { Kysely } from 'kysely';
import {
  DEFAULT_TRANSFER_DAYS,
  OWN_ACCOUNT_TRANSFER_CODES,
  pairTransfers,
  type TransferPair,
  transferPairKey,
} from '../categorize/pair-transfers.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors/domain-error.ts';
import {
  linkTransferPairs,
  markTransfersByCategory,
  transferCandidates,
  unpairOrphanedTransfers,
  unpairTransferPair,
  userTransactionIds,
} from '../tables/transactions.ts';
import { inTransaction } from './categorization-store.ts';

export interface TransferMatch {
  /** Pairs found and marked by this run. */
  pairs: TransferPair[];
  /** Transactions whose partner had disappeared (removed by the bank) and that were unpaired. */
  unpaired: number;
  /** Unpaired transactions marked because Plaid's category says they move money between own accounts. */
  markedByCategory: number;
}

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
    const unpaired = await unpairOrphanedTransfers(trx, userId, now);
    const rows = await transferCandidates(trx, userId);
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
    await linkTransferPairs(trx, userId, pairs, now);
    const marked = await markTransfersByCategory(trx, userId, OWN_ACCOUNT_TRANSFER_CODES, now);
    return {
      pairs,
      unpaired,
      markedByCategory: marked,
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
    const found = await userTransactionIds(trx, userId, [a, b]);
    if (found.length !== 2) throw new NotFoundError('transaction pair');
    const [first, second] = a < b ? [a, b] : [b, a];
    await trx
      .insertInto('transfer_rejections')
      .values({ user_id: userId, transaction_a: first, transaction_b: second })
      .onConflict((oc) => oc.columns(['transaction_a', 'transaction_b']).doNothing())
      .execute();
    await unpairTransferPair(trx, userId, a, b, new Date());
  });
}
