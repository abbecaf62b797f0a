import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../db/create-database.ts';
import type { Database } from '../db/database.ts';
import { userRows } from '../db/user-row.ts';

/** Queries on transaction_splits for a person's edits (rules write theirs in categorization-store.ts). */

export interface SplitRow {
  categoryId: string | null;
  amountMinor: number;
  notes: string | null;
}

/** A transaction's parts, largest first (then by id, so the order is stable). */
export function splitsOf(db: Db, userId: string, transactionId: string): Promise<SplitRow[]> {
  return userRows(db, 'transaction_splits', userId)
    .select(['category_id as categoryId', 'amount_minor as amountMinor', 'notes'])
    .where('transaction_id', '=', transactionId)
    .orderBy('amount_minor', 'desc')
    .orderBy('id')
    .execute();
}

/**
 * How many parts the outer query's transaction is split into (0: not split), as its `split_parts` column: a
 * list's page counts its own rows' parts in the same statement, off transaction_splits_txn_idx.
 */
export function splitPartsColumn(eb: ExpressionBuilder<Database, 'transactions'>, userId: string) {
  return eb
    .selectFrom('transaction_splits as s')
    .select(sql<number>`count(*)::int`.as('n'))
    .whereRef('s.transaction_id', '=', 'transactions.id')
    .where('s.user_id', '=', userId)
    .$asScalar()
    .as('split_parts');
}

/** Replaces a transaction's parts with these (none: unsplit). */
export async function replaceSplits(
  db: Db,
  userId: string,
  transactionId: string,
  parts: readonly SplitRow[],
): Promise<void> {
  await db
    .deleteFrom('transaction_splits')
    .where('user_id', '=', userId)
    .where('transaction_id', '=', transactionId)
    .execute();
  if (parts.length === 0) return;
  await db
    .insertInto('transaction_splits')
    .values(
      parts.map((p) => ({
        user_id: userId,
        transaction_id: transactionId,
        category_id: p.categoryId,
        amount_minor: p.amountMinor,
        notes: p.notes,
      })),
    )
    .execute();
}
