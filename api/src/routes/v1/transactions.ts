import { NotFoundError, type UserDb } from '@finsync/shared';
import { explainCategory, recordUncategorized, undoCorrection } from '@finsync/shared/categorize-service';
import {
  BulkTransactionResult,
  BulkTransactionUpdate,
  CategoryExplanation,
  CategoryUndo,
  SplitsReplace,
  Transaction,
  TransactionPatch,
  TransactionSplits,
} from '@finsync/shared/contract';
import {
  editTransactions,
  splitTransaction,
  toTransactionView,
  transactionSplits,
} from '@finsync/shared/ledger';
import { learnFromEdits } from '../../categorize/learn-from-edits.ts';
import { queueReportRefresh } from './queue-report-refresh.ts';
import { userRoutes } from './user-routes.ts';

/** One edit to the user's transactions; a new category is learned from first. */
async function editAndLearn(trx: UserDb, userId: string, ids: string[], patch: TransactionPatch, now: Date) {
  if (patch.categoryId) await learnFromEdits(trx, userId, ids, patch.categoryId, now);
  else if (patch.categoryId === null) await recordUncategorized(trx, userId, ids, now);
  return editTransactions(trx, userId, ids, patch, now);
}

/**
 * Transactions: edits (one or many; a new category is learned from, and the stored reports'
 * refresh is queued once the edit is committed) and why a transaction has its category. The list and one
 * transaction, and the list's totals, are ledger reads (ledger.ts).
 */
export const transactionRoutes = userRoutes(({ inTransaction, withoutTransaction }, ctx) => {
  withoutTransaction(
    'PATCH /transactions/:id',
    {
      summary:
        'Set category, payee, notes or tags, mark or unmark a transfer, or exclude from reports; each field set is locked against rules, syncs and automatic transfer pairing, and a new category is learned from',
      body: TransactionPatch,
      response: Transaction,
    },
    async ({ userId, params, body, asUser }) => {
      const [updated] = await asUser((trx) => editAndLearn(trx, userId, [params.id], body, ctx.clock()));
      if (!updated) throw new NotFoundError('transaction', params.id);
      await queueReportRefresh(ctx.queue, userId);
      return updated;
    },
  );
  withoutTransaction(
    'POST /transactions/:id/category/undo',
    {
      summary:
        'Undo the latest move of this transaction to a category: its category, source, lock and review flag go back to what they were, and what the move taught (learned merchant, model) is taken back; once',
      body: CategoryUndo,
      response: Transaction,
      errors: [400, 401, 403, 404, 409],
    },
    async ({ userId, params, body, asUser }) => {
      const restored = await asUser((trx) =>
        undoCorrection(trx, userId, { transactionId: params.id, categoryId: body.categoryId }, ctx.clock()),
      );
      await queueReportRefresh(ctx.queue, userId);
      return toTransactionView(restored);
    },
  );
  withoutTransaction(
    'POST /transactions/bulk',
    {
      summary: 'Apply one edit to many transactions, all or nothing',
      body: BulkTransactionUpdate,
      response: BulkTransactionResult,
    },
    async ({ userId, body: { ids, patch }, asUser }) => {
      const updated = await asUser((trx) => editAndLearn(trx, userId, ids, patch, ctx.clock()));
      await queueReportRefresh(ctx.queue, userId);
      return { updated: updated.length };
    },
  );
  inTransaction(
    'GET /transactions/:id/splits',
    { summary: "A transaction's parts by category (none: not split)", response: TransactionSplits },
    (trx, { userId, params }) => transactionSplits(trx, userId, params.id),
  );
  withoutTransaction(
    'PUT /transactions/:id/splits',
    {
      summary:
        'Split a transaction across categories: two or more parts that add up to its amount exactly (minor units), or none to unsplit; locked against rules',
      body: SplitsReplace,
      response: TransactionSplits,
    },
    async ({ userId, params, body, asUser }) => {
      const split = await asUser((trx) => splitTransaction(trx, userId, params.id, body.splits, ctx.clock()));
      await queueReportRefresh(ctx.queue, userId);
      return split;
    },
  );
  inTransaction(
    'GET /transactions/:id/explanation',
    {
      summary: 'Why this category: your edit, a rule, the learned merchant or model, or Plaid',
      response: CategoryExplanation,
    },
    (trx, { userId, params }) => explainCategory(trx, userId, params.id),
  );
});
