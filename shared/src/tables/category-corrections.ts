import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';

type Db = Kysely<Database>;

/**
 * What a correction replaced, so undoing it restores exactly that: the transaction's categorization (lock and
 * review flag included), the learned-merchant row it overwrote (null: there was none) and the user's earlier
 * label the model unlearned for this transaction (null: none).
 */
export const CorrectionPrior = z.object({
  transaction: z.object({
    categoryId: z.string().nullable(),
    categorySource: z.enum(['user', 'rule', 'learned', 'plaid', 'none']),
    categoryRuleId: z.string().nullable(),
    categoryConfidence: z.number().nullable(),
    needsReview: z.boolean(),
    lockedFields: z.array(z.string()),
  }),
  learnedMerchant: z.object({ categoryId: z.string(), hits: z.number().int() }).nullable(),
  unlearnedLabel: z.string().nullable(),
});
export type CorrectionPrior = z.infer<typeof CorrectionPrior>;

export interface NewCorrection {
  userId: string;
  transactionId: string;
  fromCategoryId: string | null;
  /** Null: moved to Uncategorized. */
  toCategoryId: string | null;
  merchantKey: string | null;
  prior: CorrectionPrior;
  createdAt: Date;
}

export async function insertCorrection(db: Db, c: NewCorrection): Promise<void> {
  await db
    .insertInto('category_corrections')
    .values({
      user_id: c.userId,
      transaction_id: c.transactionId,
      from_category_id: c.fromCategoryId,
      to_category_id: c.toCategoryId,
      merchant_key: c.merchantKey,
      prior: JSON.stringify(c.prior),
      created_at: c.createdAt,
    })
    .execute();
}

/** A correction that can still be undone; `prior` is null for one recorded before undo existed. */
export interface UndoableCorrection {
  id: string;
  toCategoryId: string | null;
  merchantKey: string | null;
  createdAt: Date;
  prior: CorrectionPrior | null;
}

/** The transaction's latest correction that is not undone, locked until the transaction ends. */
export async function latestCorrectionForUpdate(
  db: Db,
  userId: string,
  transactionId: string,
): Promise<UndoableCorrection | undefined> {
  const row = await db
    .selectFrom('category_corrections')
    .select(['id', 'to_category_id', 'merchant_key', 'created_at', 'prior'])
    .where('user_id', '=', userId)
    .where('transaction_id', '=', transactionId)
    .where('undone_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    toCategoryId: row.to_category_id,
    merchantKey: row.merchant_key,
    createdAt: new Date(row.created_at),
    prior: row.prior === null ? null : CorrectionPrior.parse(row.prior),
  };
}

/** Whether a later correction (not undone) taught the same merchant something since `after`. */
export async function merchantCorrectedSince(
  db: Db,
  userId: string,
  merchantKey: string,
  after: { id: string; createdAt: Date },
): Promise<boolean> {
  const row = await liveMerchantCorrections(db, userId, merchantKey)
    .select('id')
    .where('id', '!=', after.id)
    .where('created_at', '>=', after.createdAt)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function markCorrectionUndone(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('category_corrections').set({ undone_at: now }).where('id', '=', id).execute();
}

/** The categories of the merchant's latest `limit` corrections (not undone), newest first. */
export async function recentCorrectionTargets(
  db: Db,
  userId: string,
  merchantKey: string,
  limit: number,
): Promise<string[]> {
  const rows = await liveMerchantCorrections(db, userId, merchantKey)
    .select('to_category_id')
    .where('to_category_id', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.flatMap((r) => (r.to_category_id ? [r.to_category_id] : []));
}

/** The user's corrections of one merchant that are not undone: what the merchant's learning reads. */
function liveMerchantCorrections(db: Db, userId: string, merchantKey: string) {
  return db
    .selectFrom('category_corrections')
    .where('user_id', '=', userId)
    .where('merchant_key', '=', merchantKey)
    .where('undone_at', 'is', null);
}
