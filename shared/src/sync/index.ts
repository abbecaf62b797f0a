export * from '../tables/index.ts';
export { ABANDONED_RUN_CHECK_MS, abandonDeadRuns } from './abandon-dead-runs.ts';
export { applySyncPage, emptySyncPlan, type SyncPage, type SyncPlan } from './apply-sync-page.ts';
export { loadBankRecurringStreams } from './bank-recurring-streams.ts';
export {
  completeHostedLink,
  finishedPublicTokens,
  type HostedLinkPlaidPort,
  type HostedLinkResult,
  linkTokenOwner,
  rememberLinkToken,
} from './complete-hosted-link.ts';
export { flagItemStatus } from './flag-item-status.ts';
export {
  completeItemRepair,
  createLinkToken,
  exchangePublicToken,
  type LinkDeps,
  type LinkPlaidPort,
} from './link-item.ts';
export {
  type InheritedEdits,
  LOCKABLE_FIELDS,
  type LockableField,
  planTransactionWrites,
  referencedPlaidIds,
  type StoredTransactionRef,
  type TransactionWritePlan,
} from './plan-transaction-writes.ts';
export type {
  PrecategorizeHook,
  StagedCategorization,
  StagedTransaction,
} from './precategorize.ts';
export { refreshBalances } from './refresh-balances.ts';
export {
  CATEGORIZE_BATCH,
  type CategorizeHook,
  drainCategorizeBacklog,
  type SyncDeps,
  type SyncPlaidPort,
  type SyncProgress,
  type SyncResult,
  syncItem,
} from './sync-item.ts';
export {
  enqueueItemSync,
  HISTORY_RECHECK_MS,
  itemSchedulerId,
  scheduleItemSync,
  syncDedupeId,
  unscheduleItemSync,
} from './sync-jobs.ts';
export {
  type SyncedAccount,
  type SyncedTransaction,
  toSyncedAccount,
  toSyncedTransaction,
} from './synced-records.ts';
