export {
  accountIdsForItem,
  insertAccounts,
  lowBalanceAccountIds,
  refreshManualBalance,
  upsertAccounts,
  userAccountExists,
  userAccounts,
} from './accounts.ts';
export { balanceSnapshotsFrom, recordBalanceSnapshots } from './balance-snapshots.ts';
export { ledgerVersion } from './ledger-versions.ts';
export {
  claimPublicToken,
  type ExchangeClaim,
  publicTokenKey,
  recordExchangedItem,
  releasePublicToken,
} from './link-exchanges.ts';
export { type NewNotification, pendingNotificationIds, recordNotification } from './notifications.ts';
export { countPasskeys } from './passkeys.ts';
export {
  insertPendingSignup,
  latestPendingSignup,
  lockPendingSignup,
  type PendingSignup,
  pendingSignupByTokenHash,
  retirePendingSignups,
} from './pending-signups.ts';
export {
  failingItems,
  findLiveUserItem,
  findPlaidItem,
  findPlaidItemByPlaidId,
  findUserItem,
  insertPlaidItem,
  itemOwnerId,
  itemTokensAfter,
  listActiveItemIds,
  lockItemSyncState,
  type PlaidItem,
  recordItemError,
  replaceAccessToken,
  saveSyncCursor,
  setItemStatus,
  unfinishedCommitOf,
  userItems,
  userItemTokens,
} from './plaid-items.ts';
export {
  deleteSavedFilter,
  insertSavedFilter,
  type SavedFilterRow,
  savedFilterNamed,
  updateSavedFilter,
  userSavedFilter,
  userSavedFilters,
} from './saved-filters.ts';
export {
  deleteGoalRow,
  type GoalRow,
  goalAlertMonths,
  insertGoal,
  linkGoalAccounts,
  recordGoalAlert,
  updateGoalRow,
  userGoals,
} from './savings-goals.ts';
export {
  abandonSyncRun,
  finishSyncRun,
  latestSyncRuns,
  runningSyncRuns,
  type SyncRunOutcome,
  startSyncRun,
} from './sync-runs.ts';
export { replaceSplits, type SplitRow, splitPartsColumn, splitsOf } from './transaction-splits.ts';
export {
  applyInheritedEdits,
  type CategorizationRow,
  deleteTransactions,
  findTransactionRefs,
  firstPostedDate,
  insertTransactions,
  linkTransferPairs,
  markTransfersByCategory,
  pairedTransactions,
  postedDailyFlows,
  reassignCategory,
  renameTransactions,
  saveCategorizations,
  setUserCategory,
  storeSeriesKeys,
  type TransactionEdit,
  transferCandidates,
  unpairOrphanedTransfers,
  unpairTransactions,
  unpairTransferPair,
  upsertStagedTransactions,
  userTransactionIds,
  writeTransactionEdit,
} from './transactions.ts';
export { recordWebhookEvent } from './webhook-events.ts';
export { acceptWebhookTokenOnce } from './webhook-verifications.ts';
