export { accountIdsForItem, upsertAccounts } from './accounts.ts';
export { recordBalanceSnapshots } from './balance-snapshots.ts';
export {
  claimPublicToken,
  type ExchangeClaim,
  publicTokenKey,
  recordExchangedItem,
  releasePublicToken,
} from './link-exchanges.ts';
export { type NewNotification, pendingNotificationIds, recordNotification } from './notifications.ts';
export {
  findLiveUserItem,
  findPlaidItem,
  findPlaidItemByPlaidId,
  insertPlaidItem,
  listActiveItemIds,
  lockItemCursor,
  type PlaidItem,
  recordItemError,
  saveSyncCursor,
  setItemStatus,
} from './plaid-items.ts';
export {
  abandonSyncRun,
  finishSyncRun,
  runningSyncRuns,
  type SyncRunOutcome,
  startSyncRun,
} from './sync-runs.ts';
export {
  applyInheritedEdits,
  deleteTransactions,
  findTransactionRefs,
  renameTransactions,
  upsertTransactions,
} from './transactions.ts';
export { recordWebhookEvent } from './webhook-events.ts';
export { acceptWebhookTokenOnce } from './webhook-verifications.ts';
