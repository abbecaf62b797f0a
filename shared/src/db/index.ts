export { databaseColumns } from './columns.ts';
export * from './create-database.ts';
export type * from './database.ts';
export { NestedTransactionError, runAsBackgroundWork } from './one-transaction-at-a-time.ts';
export { pgConnectionOptions } from './pg-connection-options.ts';
export { APP_ROLE, assumeUser, type RowScope, scopedTransaction, withUser } from './scoped-transaction.ts';
