import type { Kysely } from 'kysely';
import {
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
  NO_MIGRATIONS,
} from 'kysely/migration';
import * as initialSchema from './migrations/2026_11_25_0001_initial_schema.ts';
import * as apiSecurity from './migrations/2026_11_25_0003_api_security.ts';
import * as linkSessions from './migrations/2026_11_25_0006_link_sessions.ts';
import * as dashboardIndexes from './migrations/2026_11_25_0007_dashboard_indexes.ts';
import * as linkExchangesWebhookTokens from './migrations/2026_11_29_1301_link_exchanges_webhook_tokens.ts';
import * as syncRunJobs from './migrations/2026_11_29_1302_sync_run_jobs.ts';
import * as cashFlowIndex from './migrations/2026_11_29_1710_cash_flow_index.ts';
import * as statementImports from './migrations/2026_11_29_1720_statement_imports.ts';
import * as passwordResets from './migrations/2026_11_29_1745_password_resets.ts';
import * as tokenScopes from './migrations/2026_11_29_1750_token_scopes.ts';
import * as budgets from './migrations/2026_11_29_1830_budgets.ts';
import * as itemHistoryComplete from './migrations/2026_11_29_1840_item_history_complete.ts';
import * as passkeys from './migrations/2026_11_29_1850_passkeys.ts';
import * as mfaRecoveryCodes from './migrations/2026_11_29_1855_mfa_recovery_codes.ts';
import * as recurringDecisions from './migrations/2026_11_29_1905_recurring_decisions.ts';
import * as notificationKinds from './migrations/2026_11_29_1935_notification_kinds.ts';
import * as cashFlowRollups from './migrations/2026_11_29_1945_cash_flow_rollups.ts';
import * as reportVersions from './migrations/2026_11_29_2005_report_versions.ts';
import * as categorizePending from './migrations/2026_11_29_2010_categorize_pending.ts';
import * as savingsGoals from './migrations/2026_11_29_2120_savings_goals.ts';
import * as recurringByHand from './migrations/2026_11_29_2140_recurring_by_hand.ts';
import * as syncStaging from './migrations/2026_11_29_2300_sync_staging.ts';
import * as ledgerVersionNotify from './migrations/2026_11_29_2320_ledger_version_notify.ts';
import * as categorizeBacklogOrder from './migrations/2026_11_29_2330_categorize_backlog_order.ts';
import * as pendingSignups from './migrations/2026_11_29_2340_pending_signups.ts';
import * as passkeySecondFactor from './migrations/2026_11_30_0210_passkey_second_factor.ts';
import * as savedFilters from './migrations/2026_11_30_0215_saved_filters.ts';
import * as stagedCategorization from './migrations/2026_11_30_0230_staged_categorization.ts';
import * as unfinishedSyncCommit from './migrations/2026_11_30_0240_unfinished_sync_commit.ts';
import * as correctionUndo from './migrations/2026_11_30_0250_correction_undo.ts';
import * as firstRunDone from './migrations/2026_11_30_0255_first_run_done.ts';
import * as payeeSortIndexes from './migrations/2026_11_30_0310_payee_sort_indexes.ts';
import * as transactionOwnerKeys from './migrations/2026_11_30_0520_transaction_owner_keys.ts';
import * as postedFlowsIndex from './migrations/2026_11_30_0640_posted_flows_index.ts';
import * as cashFlowBulkRefresh from './migrations/2026_11_30_0900_cash_flow_bulk_refresh.ts';
import * as dropCashFlowIndex from './migrations/2026_11_30_0910_drop_cash_flow_index.ts';
import * as transactionSeriesKeys from './migrations/2026_11_30_0915_transaction_series_keys.ts';
import * as stagedSeriesKeys from './migrations/2026_11_30_0935_staged_series_keys.ts';
import * as bulkRefreshNestedLoops from './migrations/2026_11_30_1020_bulk_refresh_nested_loops.ts';
import * as oneCashFlowRefresh from './migrations/2026_11_30_1100_one_cash_flow_refresh.ts';
import * as ledgerVersionOnRealChanges from './migrations/2026_11_30_1200_ledger_version_on_real_changes.ts';
import * as cashFlowRefreshLookups from './migrations/2026_11_30_1210_cash_flow_refresh_lookups.ts';
import * as cashFlowRefreshOneLookup from './migrations/2026_11_30_1220_cash_flow_refresh_one_lookup.ts';
import * as stagedParentsPerStatement from './migrations/2026_11_30_1300_staged_parents_per_statement.ts';
import * as cashFlowAddInsertedRows from './migrations/2026_11_30_1420_cash_flow_add_inserted_rows.ts';
import * as postedFlowsInUserDateIndex from './migrations/2026_11_30_1430_posted_flows_in_user_date_index.ts';
import * as transactionParentsPerStatement from './migrations/2026_11_30_1440_transaction_parents_per_statement.ts';
import * as payeeDescByBackwardScan from './migrations/2026_11_30_1450_payee_desc_by_backward_scan.ts';
import * as cashFlowRulesDefinedOnce from './migrations/2026_11_30_1500_cash_flow_rules_defined_once.ts';

// Listed explicitly (not read from disk) so bundles and the demo carry every migration.
const migrations: Record<string, Migration> = {
  '2026_11_25_0001_initial_schema': initialSchema,
  '2026_11_25_0003_api_security': apiSecurity,
  '2026_11_25_0006_link_sessions': linkSessions,
  '2026_11_25_0007_dashboard_indexes': dashboardIndexes,
  '2026_11_29_1301_link_exchanges_webhook_tokens': linkExchangesWebhookTokens,
  '2026_11_29_1302_sync_run_jobs': syncRunJobs,
  '2026_11_29_1710_cash_flow_index': cashFlowIndex,
  '2026_11_29_1720_statement_imports': statementImports,
  '2026_11_29_1745_password_resets': passwordResets,
  '2026_11_29_1750_token_scopes': tokenScopes,
  '2026_11_29_1830_budgets': budgets,
  '2026_11_29_1840_item_history_complete': itemHistoryComplete,
  '2026_11_29_1850_passkeys': passkeys,
  '2026_11_29_1855_mfa_recovery_codes': mfaRecoveryCodes,
  '2026_11_29_1905_recurring_decisions': recurringDecisions,
  '2026_11_29_1935_notification_kinds': notificationKinds,
  '2026_11_29_1945_cash_flow_rollups': cashFlowRollups,
  '2026_11_29_2005_report_versions': reportVersions,
  '2026_11_29_2010_categorize_pending': categorizePending,
  '2026_11_29_2120_savings_goals': savingsGoals,
  '2026_11_29_2140_recurring_by_hand': recurringByHand,
  '2026_11_29_2300_sync_staging': syncStaging,
  '2026_11_29_2320_ledger_version_notify': ledgerVersionNotify,
  '2026_11_29_2330_categorize_backlog_order': categorizeBacklogOrder,
  '2026_11_29_2340_pending_signups': pendingSignups,
  '2026_11_30_0210_passkey_second_factor': passkeySecondFactor,
  '2026_11_30_0215_saved_filters': savedFilters,
  '2026_11_30_0230_staged_categorization': stagedCategorization,
  '2026_11_30_0240_unfinished_sync_commit': unfinishedSyncCommit,
  '2026_11_30_0250_correction_undo': correctionUndo,
  '2026_11_30_0255_first_run_done': firstRunDone,
  '2026_11_30_0310_payee_sort_indexes': payeeSortIndexes,
  '2026_11_30_0520_transaction_owner_keys': transactionOwnerKeys,
  '2026_11_30_0640_posted_flows_index': postedFlowsIndex,
  '2026_11_30_0900_cash_flow_bulk_refresh': cashFlowBulkRefresh,
  '2026_11_30_0910_drop_cash_flow_index': dropCashFlowIndex,
  '2026_11_30_0915_transaction_series_keys': transactionSeriesKeys,
  '2026_11_30_0935_staged_series_keys': stagedSeriesKeys,
  '2026_11_30_1020_bulk_refresh_nested_loops': bulkRefreshNestedLoops,
  '2026_11_30_1100_one_cash_flow_refresh': oneCashFlowRefresh,
  '2026_11_30_1200_ledger_version_on_real_changes': ledgerVersionOnRealChanges,
  '2026_11_30_1210_cash_flow_refresh_lookups': cashFlowRefreshLookups,
  '2026_11_30_1220_cash_flow_refresh_one_lookup': cashFlowRefreshOneLookup,
  '2026_11_30_1300_staged_parents_per_statement': stagedParentsPerStatement,
  '2026_11_30_1420_cash_flow_add_inserted_rows': cashFlowAddInsertedRows,
  '2026_11_30_1430_posted_flows_in_user_date_index': postedFlowsInUserDateIndex,
  '2026_11_30_1440_transaction_parents_per_statement': transactionParentsPerStatement,
  '2026_11_30_1450_payee_desc_by_backward_scan': payeeDescByBackwardScan,
  '2026_11_30_1500_cash_flow_rules_defined_once': cashFlowRulesDefinedOnce,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export const migrationNames = Object.keys(migrations);

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider });
}

export class MigrationFailed extends Error {
  readonly code = 'MIGRATION_FAILED';
  readonly migration: string | undefined;
  constructor(migration: string | undefined, options: { cause: unknown }) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`migration ${migration ?? '(unknown)'} failed: ${reason}`, options);
    this.migration = migration;
  }
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationFailed(failed, { cause: result.error });
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateToLatest());
}

export async function migrateDown(db: Kysely<any>): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateDown());
}

export async function migrateDownAll(db: Kysely<any>): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateTo(NO_MIGRATIONS));
}

export async function migrationStatus(db: Kysely<any>): Promise<{ name: string; executedAt: Date | null }[]> {
  const list = await createMigrator(db).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
