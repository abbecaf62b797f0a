import { sql } from 'kysely';
import { cleanPayee, merchantKey } from '../categorize/clean-payee.ts';
import { learn, unlearn } from '../categorize/naive-bayes.ts';
import { previewRule } from '../categorize/preview-rule.ts';
import { DEFAULT_SUGGEST_AFTER, proposeRule } from '../categorize/propose-rule.ts';
import type { RuleSpec } from '../categorize/rule-schema.ts';
import { categorizableFeatures } from '../categorize/transaction-features.ts';
import type { Db, UserDb } from '../db/create-database.ts';
import type { Row } from '../db/database.ts';
import { userRow } from '../db/user-row.ts';
import { NotFoundError } from '../errors/domain-error.ts';
import {
  type CorrectionPrior,
  insertCorrection,
  recentCorrectionTargets,
} from '../tables/category-corrections.ts';
import { learnedMerchant, teachMerchant } from '../tables/learned-merchants.ts';
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

/** What a correction replaces, kept with it so an undo restores exactly that. */
function priorOf(
  row: Row<'transactions'>,
  taught: Pick<CorrectionPrior, 'learnedMerchant' | 'unlearnedLabel'>,
): CorrectionPrior {
  return {
    transaction: {
      categoryId: row.category_id,
      categorySource: row.category_source,
      categoryRuleId: row.category_rule_id,
      categoryConfidence: row.category_confidence,
      needsReview: row.needs_review,
      lockedFields: row.locked_fields,
    },
    ...taught,
  };
}

/**
 * The user moved these transactions to Uncategorized: nothing is learned from that, but each move is recorded
 * with what it replaced, so it can be undone exactly like a move to a category. Before the edit is written.
 */
export async function recordUncategorized(
  db: UserDb,
  userId: string,
  transactionIds: readonly string[],
  now: Date,
): Promise<void> {
  if (transactionIds.length === 0) return;
  const rows = await db
    .selectFrom('transactions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('id', 'in', [...transactionIds])
    .where('category_id', 'is not', null)
    .execute();
  for (const row of rows)
    await insertCorrection(db, {
      userId,
      transactionId: row.id,
      fromCategoryId: row.category_id,
      toCategoryId: null,
      merchantKey: null,
      prior: priorOf(row, { learnedMerchant: null, unlearnedLabel: null }),
      createdAt: now,
    });
}

/**
 * The rule a merchant's corrections propose now: proposeRule over its latest `suggestAfter` corrections that
 * are not undone, or null.
 */
export async function proposedRule(
  trx: Db,
  userId: string,
  key: string,
  payee: string,
  suggestAfter: number,
): Promise<RuleSpec | null> {
  const recent = await recentCorrectionTargets(trx, userId, key, suggestAfter);
  return proposeRule(
    recent.reverse().map((categoryId) => ({ merchantKey: key, payee, categoryId })),
    suggestAfter,
  );
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
    const unlearnedLabel = row.category_source === 'user' ? row.category_id : null;
    const prior = priorOf(row, {
      learnedMerchant: key ? ((await learnedMerchant(trx, userId, key)) ?? null) : null,
      unlearnedLabel,
    });
    await setUserCategory(trx, row.id, input.categoryId, now);
    await insertCorrection(trx, {
      userId,
      transactionId: row.id,
      fromCategoryId: row.category_id,
      toCategoryId: input.categoryId,
      merchantKey: key || null,
      prior,
      createdAt: now,
    });
    if (key) await teachMerchant(trx, userId, key, input.categoryId, now);

    const model = await loadOrCreateModel(trx, userId);
    const features = categorizableFeatures(t);
    if (unlearnedLabel) unlearn(model, features, unlearnedLabel);
    learn(model, features, input.categoryId);
    await saveModel(trx, userId, model);

    let suggestion: CorrectionResult['suggestion'] = null;
    if (key) {
      const payee = t.payee ?? cleanPayee(t.rawName, t.merchantName);
      const proposal = await proposedRule(trx, userId, key, payee, suggestAfter);
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
