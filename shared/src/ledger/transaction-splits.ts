import type { z } from 'zod';
import type { SplitPart, TransactionSplits } from '../contract/transactions.ts';
import type { UserDb } from '../db/create-database.ts';
import { userRow } from '../db/user-row.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import { checkSplitParts } from '../splits/check-split-parts.ts';
import { replaceSplits, splitsOf } from '../tables/transaction-splits.ts';
import { writeTransactionEdit } from '../tables/transactions.ts';
import { transactionQuery } from './transaction-query.ts';

/** The lock that keeps rules from re-splitting (or unsplitting) what the person split. */
const SPLITS_LOCK = 'splits';

async function ownTransaction(db: UserDb, userId: string, id: string) {
  const txn = await transactionQuery.get(db, userId, id);
  if (!txn) throw new NotFoundError('transaction', id);
  return txn;
}

export async function transactionSplits(db: UserDb, userId: string, id: string): Promise<TransactionSplits> {
  const txn = await ownTransaction(db, userId, id);
  return {
    transactionId: txn.id,
    amountMinor: txn.amountMinor,
    currency: txn.currency,
    splits: await splitsOf(db, userId, id),
  };
}

/**
 * Replaces a transaction's parts, all or nothing: they must pass checkSplitParts against it (the SPA's editor
 * checks the same; a failure is VALIDATION_FAILED naming each field, `body.splits…`), and each category must be
 * the person's (another's is NOT_FOUND). No parts unsplits it. Either way the split is locked against rules.
 * Call inside a transaction.
 */
export async function splitTransaction(
  db: UserDb,
  userId: string,
  id: string,
  parts: readonly z.output<typeof SplitPart>[],
  now: Date,
): Promise<TransactionSplits> {
  const txn = await ownTransaction(db, userId, id);
  const { problems } = checkSplitParts(parts, txn);
  if (problems.length > 0) {
    const details = problems.map((p) => ({ path: `body.${p.path}`, message: p.message }));
    throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join(' '), details);
  }
  for (const categoryId of new Set(parts.map((p) => p.categoryId))) {
    if (categoryId === null) continue;
    const own = await userRow(db, 'categories', userId, categoryId).select('id').executeTakeFirst();
    if (!own) throw new NotFoundError('category', categoryId);
  }
  await replaceSplits(
    db,
    userId,
    id,
    parts.map((p) => ({ categoryId: p.categoryId, amountMinor: p.amountMinor, notes: p.notes || null })),
  );
  await writeTransactionEdit(db, userId, [id], {}, [SPLITS_LOCK], now);
  return transactionSplits(db, userId, id);
}
