import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors/domain-error.ts';
import { inTransaction } from './categorization-store.ts';
import {
  DEFAULT_TRANSFER_DAYS,
  pairTransfers,
  type TransferPair,
  transferPairKey,
} from './pair-transfers.ts';

/**
 * Finds and marks transfers between the user's own accounts since `since` (YYYY-MM-DD): both sides get
 * is_transfer and each other's id in transfer_pair_id, which keeps them out of spending and income.
 */
export async function matchTransfers(
  db: Kysely<Database>,
  userId: string,
  options: { since?: string; maxDays?: number } = {},
): Promise<TransferPair[]> {
  return inTransaction(db, async (trx) => {
    let q = trx
      .selectFrom('transactions')
      .select([
        'id',
        'account_id',
        'amount_minor',
        'currency',
        'date',
        'raw_name',
        'pfc_primary',
        'pfc_detailed',
        'transfer_pair_id',
      ])
      .where('user_id', '=', userId)
      .where('pending', '=', false);
    if (options.since) q = q.where('date', '>=', options.since);
    const rows = await q.execute();
    const rejected = await trx
      .selectFrom('transfer_rejections')
      .select(['transaction_a', 'transaction_b'])
      .where('user_id', '=', userId)
      .execute();
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
        transferPairId: r.transfer_pair_id,
      })),
      new Set(rejected.map((r) => transferPairKey(r.transaction_a, r.transaction_b))),
      options.maxDays ?? DEFAULT_TRANSFER_DAYS,
    );
    for (const p of pairs) {
      for (const [self, other] of [
        [p.outflowId, p.inflowId],
        [p.inflowId, p.outflowId],
      ] as const) {
        await trx
          .updateTable('transactions')
          .set({ is_transfer: true, transfer_pair_id: other, updated_at: new Date() })
          .where('user_id', '=', userId)
          .where('id', '=', self)
          .execute();
      }
    }
    return pairs;
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
