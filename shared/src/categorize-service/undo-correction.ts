import { cleanPayee } from '../categorize/clean-payee.ts';
import { learn, unlearn } from '../categorize/naive-bayes.ts';
import { DEFAULT_SUGGEST_AFTER, proposeRule } from '../categorize/propose-rule.ts';
import { categorizableFeatures } from '../categorize/transaction-features.ts';
import type { UserDb } from '../db/create-database.ts';
import { userRow } from '../db/user-row.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import {
  latestCorrectionForUpdate,
  markCorrectionUndone,
  merchantCorrectedSince,
} from '../tables/category-corrections.ts';
import { restoreMerchant } from '../tables/learned-merchants.ts';
import { restoreCategorization } from '../tables/transactions.ts';
import { inTransaction, loadOrCreateModel, saveModel, toCategorizable } from './categorization-store.ts';
import { proposedRule } from './record-correction.ts';
import { withdrawSuggestion } from './rule-queries.ts';

const nothingToUndo = (why: string) => new DomainError('CONFLICT', `nothing to undo: ${why}`);

/**
 * Undoes the user's latest move of a transaction to `categoryId` (the toast's Undo): the transaction gets back
 * exactly the categorization it had (category, source, rule, confidence, review flag, locks), the learned
 * merchant the row it had (unless a later correction of the same merchant taught it since), and the model
 * forgets the correction's label and relearns the one it replaced. Only the latest correction, and only while
 * the transaction still has its category, so an undo never overwrites a later change; an undo works once.
 * A rule suggestion the correction may have proposed is withdrawn, unanswered, unless the merchant's
 * corrections left still propose it. Answers the restored row (the transaction's view columns).
 */
export async function undoCorrection(
  db: UserDb,
  userId: string,
  input: { transactionId: string; categoryId: string | null },
  now: Date,
) {
  return inTransaction(db, async (trx) => {
    const row = await userRow(trx, 'transactions', userId, input.transactionId)
      .selectAll()
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NotFoundError('transaction', input.transactionId);
    const correction = await latestCorrectionForUpdate(trx, userId, row.id);
    if (!correction || correction.toCategoryId !== input.categoryId || row.category_id !== input.categoryId)
      throw nothingToUndo(
        'this transaction was not last moved to that category, or the move was already undone',
      );
    if (!correction.prior) throw nothingToUndo('this change was made before finsync kept what it replaced');
    const { prior } = correction;

    const restored = await restoreCategorization(trx, userId, row.id, prior.transaction, now);
    if (
      correction.merchantKey &&
      !(await merchantCorrectedSince(trx, userId, correction.merchantKey, correction))
    )
      await restoreMerchant(trx, userId, correction.merchantKey, prior.learnedMerchant, now);

    // A move to Uncategorized taught the model nothing; a move to a category is forgotten.
    if (correction.toCategoryId) {
      const model = await loadOrCreateModel(trx, userId);
      const features = categorizableFeatures(toCategorizable(row));
      unlearn(model, features, correction.toCategoryId);
      if (prior.unlearnedLabel) learn(model, features, prior.unlearnedLabel);
      await saveModel(trx, userId, model);
    }
    await markCorrectionUndone(trx, correction.id, now);
    if (correction.merchantKey && correction.toCategoryId) {
      const t = toCategorizable(row);
      const payee = t.payee ?? cleanPayee(t.rawName, t.merchantName);
      const agreeing = { merchantKey: correction.merchantKey, payee, categoryId: correction.toCategoryId };
      const proposable = proposeRule(Array(DEFAULT_SUGGEST_AFTER).fill(agreeing), DEFAULT_SUGGEST_AFTER);
      const still = await proposedRule(trx, userId, correction.merchantKey, payee, DEFAULT_SUGGEST_AFTER);
      if (proposable && JSON.stringify(still) !== JSON.stringify(proposable))
        await withdrawSuggestion(trx, userId, proposable);
    }
    return restored;
  });
}
