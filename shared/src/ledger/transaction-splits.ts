import type { z } from 'zod';
import type { SplitPart, TransactionSplits } from '../contract/transactions.ts';
import type { UserDb } from '../db/create-database.ts';
import { userRow } from '../db/user-row.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import { sumMinor, toDecimalString } from '../money/minor-units.ts';
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
 * Replaces a transaction's parts, all or nothing: they must add up to its amount exactly, in minor units
 * (the error says by how much they miss), and each category must be the person's (another's is NOT_FOUND).
 * No parts unsplits it. Either way the split is locked against rules. Call inside a transaction.
 */
export async function splitTransaction(
  db: UserDb,
  userId: string,
  id: string,
  parts: readonly z.output<typeof SplitPart>[],
  now: Date,
): Promise<TransactionSplits> {
  const txn = await ownTransaction(db, userId, id);
  for (const categoryId of new Set(parts.map((p) => p.categoryId))) {
    if (categoryId === null) continue;
    const own = await userRow(db, 'categories', userId, categoryId).select('id').executeTakeFirst();
    if (!own) throw new NotFoundError('category', categoryId);
  }
  const sum = sumMinor(parts.map((p) => p.amountMinor));
  if (parts.length > 0 && sum !== txn.amountMinor) {
    const amount = (minor: number) => toDecimalString(minor, txn.currency);
    const message = `the parts add up to ${amount(sum)} but the transaction is ${amount(txn.amountMinor)} (${amount(Math.abs(txn.amountMinor - sum))} ${sum < txn.amountMinor ? 'left to assign' : 'too much'})`;
    throw new DomainError('VALIDATION_FAILED', message, [{ path: 'body.splits', message }]);
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
