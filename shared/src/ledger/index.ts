export { type AccountSide, accountSide, LIABILITY_ACCOUNT_TYPES } from '../presentation/account-kinds.ts';
export { LEDGER_CHANGED_CHANNEL, ledgerVersion } from '../tables/ledger-versions.ts';
export { accountQuery } from './account-query.ts';
export { toCategoryView } from './category-view.ts';
export { type DashboardPeriod, type DashboardSummaryView, dashboardSummary } from './dashboard-summary.ts';
export { type ExportRow, exportRows } from './export-rows.ts';
export { decodeCursor, encodeCursor, type KeysetPosition } from './keyset-cursor.ts';
export {
  type LedgerChangeListener,
  type ListenTarget,
  listenForLedgerChanges,
  listenTargetOf,
} from './ledger-change-listener.ts';
export {
  createLedgerVersionCache,
  type LedgerVersionCache,
  type LedgerVersionCacheOptions,
} from './ledger-version-cache.ts';
export { editTransactions, lockedFieldsFor, type TransactionChange } from './transaction-edit.ts';
export { type TransactionFilter, transactionQuery } from './transaction-query.ts';
export { splitTransaction, transactionSplits } from './transaction-splits.ts';
export { type TransactionView, toTransactionView } from './transaction-view.ts';
