export {
  type CategorizableTransaction,
  type SplitLine,
  uncategorizedTransaction,
  type WritableField,
} from './categorizable-transaction.ts';
export {
  type CategorizeContext,
  type CategorizeResult,
  type CategoryDecision,
  type CategoryExplanation,
  categorizeTransaction,
  DEFAULT_AUTO_APPLY_CONFIDENCE,
  learnedSuggestion,
} from './categorize-transaction.ts';
export {
  type CategoryCreate,
  type CategoryUpdate,
  categoryCreateSchema,
  categoryDeleteSchema,
  categoryUpdateSchema,
} from './category-schema.ts';
export { cleanPayee, merchantKey } from './clean-payee.ts';
export {
  type DetectedSeries,
  detectRecurringSeries,
  outsideAmountBand,
  type RecurringInput,
  recurringSeriesKey,
  seriesStateAsOf,
} from './detect-recurring.ts';
export {
  type LearnedMerchant,
  type LearnedMerchantMap,
  learnMerchant,
  merchantConfidence,
} from './learned-merchants.ts';
export {
  createModel,
  deserializeModel,
  learn,
  type NaiveBayesModel,
  type Prediction,
  predict,
  type SerializedModel,
  serializeModel,
  unlearn,
} from './naive-bayes.ts';
export {
  DEFAULT_TRANSFER_DAYS,
  OWN_ACCOUNT_TRANSFER_CODES,
  pairTransfers,
  TRANSFER_LOCK,
  type TransferCandidate,
  type TransferPair,
  transferPairKey,
} from './pair-transfers.ts';
export { csvField, parseCsv } from './parse-csv.ts';
export { type PfcDetailed, type PfcPrimary, pfcDetailed, pfcPrimaries, pfcV1ToV2 } from './pfc-taxonomy.ts';
export { previewRule, type RulePreview, type TransactionDiff } from './preview-rule.ts';
export { type CorrectionRecord, DEFAULT_SUGGEST_AFTER, proposeRule } from './propose-rule.ts';
export { type ActionContext, actionWrite } from './rule-actions.ts';
export {
  REQUEST_RULE_BUDGET,
  type RuleBudget,
  RuleBudgetExceeded,
  ruleBudget,
  SYNC_RULE_BUDGET,
} from './rule-budget.ts';
export { compileCondition, compileConditions, type Predicate } from './rule-conditions.ts';
export {
  type ActionFailure,
  type CompiledRule,
  compareRules,
  compileRules,
  type FieldChange,
  type RuleEngine,
  type RuleOutcome,
  type RuleProblem,
  runRules,
} from './rule-engine.ts';
export { RuleIndex } from './rule-indexer.ts';
export * from './rule-schema.ts';
export { ruleSpecificity } from './rule-specificity.ts';
export { compileSafeRegex, REGEX_INPUT_CAP, REGEX_PATTERN_CAP, type SafeRegex } from './safe-regex.ts';
export { splitAmounts } from './split-amounts.ts';
export { normalizePfcDetailed, type SystemCategory, systemCategories } from './system-categories.ts';
export { FEATURE_BITS, type FeatureInput, transactionFeatures } from './transaction-features.ts';
export { type SeriesKeyColumns, transactionSeriesKey } from './transaction-series-key.ts';
