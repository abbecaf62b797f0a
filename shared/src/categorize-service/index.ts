export {
  inTransaction,
  loadCategorizeContext,
  loadModel,
  loadRules,
  ruleFromRow,
  saveModel,
  toCategorizable,
} from './categorization-store.ts';
export {
  type CategorizeOptions,
  type CategorizeSummary,
  categorizeSyncedTransactions,
  categorizeTransactions,
} from './categorize-transactions.ts';
export { createCategory, updateCategory } from './category-commands.ts';
export { paysDebtSql } from './debt-payments.ts';
export { deleteCategory } from './delete-category.ts';
export { explainCategory } from './explain-category.ts';
export { precategorizeSyncedTransactions } from './precategorize-synced-transactions.ts';
export { type CorrectionResult, recordCorrection, recordUncategorized } from './record-correction.ts';
export { type BankRecurringStream, refreshRecurringSeries } from './refresh-recurring-series.ts';
export {
  type ApplyResult,
  applyRuleToHistory,
  createRule,
  deleteRule,
  getRule,
  previewRuleForUser,
  updateRule,
} from './rule-commands.ts';
export {
  acceptSuggestion,
  dismissSuggestion,
  findRule,
  findSuggestion,
  listRuleRuns,
  listRules,
  listSuggestions,
  type RuleOrigin,
  type RuleSuggestion,
  type RuleWithOrigin,
  ruleWithOrigin,
} from './rule-queries.ts';
export { seedSystemCategories } from './seed-system-categories.ts';
export { matchTransfers, rejectTransferPair, type TransferMatch } from './transfer-commands.ts';
export { undoCorrection } from './undo-correction.ts';
