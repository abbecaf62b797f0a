import { sql } from 'kysely';
import { cleanPayee, merchantKey } from '../categorize/clean-payee.ts';
import { learn, unlearn } from '../categorize/naive-bayes.ts';
import { previewRule } from '../categorize/preview-rule.ts';
import { DEFAULT_SUGGEST_AFTER, proposeRule } from '../categorize/propose-rule.ts';
import type { RuleSpec } from '../categorize/rule-schema.ts';
import { categorizableFeatures } from '../categorize/transaction-features.ts';
import type { UserDb } from '../db/create-database.ts';
import { userRow } from '../db/user-row.ts';
import { NotFoundError } from '../errors/domain-error.ts';
import { setUserCategory } from '../tables/transactions.ts';
import { inTransaction, loadOrCreateModel, saveModel, toCategorizable } from './categorization-store.ts';

export interface CorrectionResult {
  transactionId: string;
  fromCategoryId: string | null;
  toCategoryId: string;
  merchantKey: string;
  /** A rule finsync proposes after the same correction `suggestAfter` times, with how many it would change. */
  suggestion: { rule: RuleSpec; previewCount: number } | null;
}

/**
 * The user put a transaction in a category: lock it, remember the correction, teach the merchant map and the
 * model (undoing the user's previous label for it, if any), and propose a rule once the same correction
 * repeats. One transaction; the caller's, when given one.
 */
export async function recordCorrection(
  db: UserDb,
  userId: string,
  input: { transactionId: string; categoryId: string },
  options: { suggestAfter?: number; now?: Date } = {},
): Promise<CorrectionResult> {
  const now = options.now ?? new Date();
  const suggestAfter = options.suggestAfter ?? DEFAULT_SUGGEST_AFTER;
  return inTransaction(db, async (trx) => {
    const row = await userRow(trx, 'transactions', userId, input.transactionId)
      .selectAll()
      .executeTakeFirst();
    if (!row) throw new NotFoundError('transaction', input.transactionId);
    const category = await userRow(trx, 'categories', userId, input.categoryId)
      .select('id')
      .executeTakeFirst();
    if (!category) throw new NotFoundError('category', input.categoryId);

    const t = toCategorizable(row);
    const key = merchantKey(t.rawName, t.merchantName);
    await setUserCategory(trx, row.id, input.categoryId, now);
    await trx
      .insertInto('category_corrections')
      .values({
        user_id: userId,
        transaction_id: row.id,
        from_category_id: row.category_id,
        to_category_id: input.categoryId,
        merchant_key: key || null,
        created_at: now,
      })
      .execute();
    if (key) {
      await trx
        .insertInto('learned_merchants')
        .values({
          user_id: userId,
          merchant_key: key,
          category_id: input.categoryId,
          hits: 1,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['user_id', 'merchant_key']).doUpdateSet({
            category_id: input.categoryId,
            hits: sql<number>`CASE WHEN learned_merchants.category_id = excluded.category_id
              THEN learned_merchants.hits + 1 ELSE 1 END`,
            updated_at: now,
          }),
        )
        .execute();
    }

    const model = await loadOrCreateModel(trx, userId);
    const features = categorizableFeatures(t);
    if (row.category_source === 'user' && row.category_id) unlearn(model, features, row.category_id);
    learn(model, features, input.categoryId);
    await saveModel(trx, userId, model);

    let suggestion: CorrectionResult['suggestion'] = null;
    if (key) {
      const recent = await trx
        .selectFrom('category_corrections')
        .select('to_category_id')
        .where('user_id', '=', userId)
        .where('merchant_key', '=', key)
        .orderBy('created_at', 'desc')
        .limit(suggestAfter)
        .execute();
      const payee = t.payee ?? cleanPayee(t.rawName, t.merchantName);
      const proposal = proposeRule(
        recent.reverse().map((r) => ({ merchantKey: key, payee, categoryId: r.to_category_id })),
        suggestAfter,
      );
      const exists =
        proposal &&
        (await trx
          .selectFrom('rules')
          .select('id')
          .where('user_id', '=', userId)
          .where(sql<boolean>`conditions = ${JSON.stringify(proposal.conditions)}::jsonb`)
          .executeTakeFirst());
      if (proposal && !exists) {
        const candidates = await trx
          .selectFrom('transactions')
          .selectAll()
          .where('user_id', '=', userId)
          .where(sql<boolean>`lower(coalesce(payee, '')) = lower(${payee}) OR payee IS NULL`)
          .execute();
        const preview = previewRule(
          { ...proposal, id: 'proposed' },
          candidates.map((c) => {
            const x = toCategorizable(c);
            return x.payee ? x : { ...x, payee: cleanPayee(x.rawName, x.merchantName) };
          }),
          { limit: 1 },
        );
        suggestion = { rule: proposal, previewCount: preview.changed };
      }
    }
    return {
      transactionId: row.id,
      fromCategoryId: row.category_id,
      toCategoryId: input.categoryId,
      merchantKey: key,
      suggestion,
    };
  });
}
