import type { ColumnType, Insertable, Generated as KyselyGenerated, Selectable, Updateable } from 'kysely';
import type { NotificationKind } from '../notifications/notification-kind.ts';

// Kysely's Generated<ColumnType<…>> would nest the ColumnType; this one only makes the insert optional.
type Generated<C> = [C] extends [ColumnType<infer S, infer I, infer U>]
  ? ColumnType<S, I | undefined, U>
  : KyselyGenerated<C>;

/**
 * The typed shape of the migrated schema (checked against it by 'the typed Database interface' in
 * migrations/test/migrations.test.ts, through `databaseColumns`).
 * Conventions: *_minor columns are integer minor units; `date` columns are 'YYYY-MM-DD' strings;
 * timestamps are Date.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string | T, string | T>;
type DateString = string;

export type ItemStatus =
  | 'active'
  | 'login_required'
  | 'pending_expiration'
  | 'permission_revoked'
  | 'error'
  | 'removed';
export type CategoryKind = 'income' | 'expense' | 'transfer';
export type CategorySource = 'user' | 'rule' | 'learned' | 'plaid' | 'none';
export type SyncTrigger = 'initial' | 'webhook' | 'schedule' | 'manual' | 'catch_up';
export type SyncStatus = 'running' | 'succeeded' | 'failed' | 'abandoned';
export type ReportKind = 'weekly' | 'monthly' | 'custom';
export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'skipped';
export type RuleStage = 'pre' | 'default' | 'post';
export type AccountSource = 'plaid' | 'manual';
export type StatementImportStatus = 'preview' | 'committed';
export type Cadence = 'weekly' | 'biweekly' | 'semimonthly' | 'monthly' | 'quarterly' | 'yearly';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  display_name: string | null;
  timezone: Generated<string>;
  currency: Generated<string>;
  locale: Generated<string>;
  mfa_secret_encrypted: string | null;
  mfa_enabled: Generated<boolean>;
  /** The TOTP time step last accepted, so a code cannot be replayed. */
  mfa_last_step: number | null;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  /** SHA-256 of each unused TOTP recovery code. */
  mfa_recovery_hashes: Generated<string[]>;
  /** "Require a passkey after my password": only while the user has a passkey (a deferred trigger checks). */
  mfa_passkey: Generated<boolean>;
  report_weekday: Generated<number>;
  report_schedule: Generated<Json<{ weekly: boolean; monthly: boolean }>>;
  notification_prefs: Generated<Json<Record<string, boolean>>>;
  /** When the guided first run was finished or skipped; null: not yet (it is shown once). */
  first_run_done_at: Date | null;
  created_at: Generated<CreatedAt>;
  updated_at: Generated<Timestamp>;
}

export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  family_id: string;
  token_hash: string;
  replaced_by: string | null;
  expires_at: Timestamp;
  used_at: Date | null;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<CreatedAt>;
}

export interface PersonalAccessTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Generated<CreatedAt>;
  /** 'read': GET only; 'read-write': every route a token may use (never credentials, MFA, sessions or tokens). */
  scope: Generated<'read' | 'read-write'>;
}

export interface PlaidItemsTable {
  id: Generated<string>;
  user_id: string;
  plaid_item_id: string;
  access_token_encrypted: string;
  institution_id: string | null;
  institution_name: string | null;
  status: Generated<ItemStatus>;
  sync_cursor: string | null;
  last_error: Json<{ code: string; message: string; at: string } | null> | null;
  consent_expires_at: Date | null;
  last_synced_at: Date | null;
  webhook_url: string | null;
  products: Generated<string[]>;
  /** A sync has seen Plaid's HISTORICAL_UPDATE_COMPLETE: the item's whole history is in. */
  history_complete: Generated<boolean>;
  /** A sync commit under way in slices (see UnfinishedCommit in tables/plaid-items.ts, which parses it). */
  unfinished_commit: Json<unknown> | null;
  created_at: Generated<CreatedAt>;
  updated_at: Generated<Timestamp>;
}

export interface AccountsTable {
  id: Generated<string>;
  user_id: string;
  /** Null on a manual account (source 'manual'). */
  item_id: string | null;
  plaid_account_id: string | null;
  name: string;
  official_name: string | null;
  mask: string | null;
  type: string;
  subtype: string | null;
  currency: string | null;
  unofficial_currency: string | null;
  current_minor: number | null;
  available_minor: number | null;
  limit_minor: number | null;
  balance_updated_at: Date | null;
  hidden: Generated<boolean>;
  source: Generated<AccountSource>;
  opening_balance_minor: number | null;
  created_at: Generated<CreatedAt>;
  updated_at: Generated<Timestamp>;
}

export interface BalanceSnapshotsTable {
  account_id: string;
  user_id: string;
  date: DateString;
  current_minor: number | null;
  available_minor: number | null;
  currency: string | null;
}

export interface CategoriesTable {
  id: Generated<string>;
  user_id: string;
  key: string;
  name: string;
  parent_id: string | null;
  kind: CategoryKind;
  is_system: Generated<boolean>;
  is_group: Generated<boolean>;
  hidden: Generated<boolean>;
  pfc_primary: string | null;
  pfc_detailed: string | null;
  sort_order: Generated<number>;
  created_at: Generated<CreatedAt>;
  updated_at: Generated<Timestamp>;
}

export interface RulesTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  stage: Generated<RuleStage>;
  priority: Generated<number>;
  conditions_op: Generated<'all' | 'any'>;
  conditions: Generated<Json<unknown[]>>;
  actions: Generated<Json<unknown[]>>;
  stop_processing: Generated<boolean>;
  enabled: Generated<boolean>;
  origin: Generated<'user' | 'suggested' | 'learned'>;
  created_at: Generated<CreatedAt>;
  updated_at: Generated<Timestamp>;
}

export interface TransactionsTable {
  id: Generated<string>;
  user_id: string;
  /** Null on a manual account's rows. */
  item_id: string | null;
  account_id: string;
  /** Null on rows imported from a statement file (import_id set instead). */
  plaid_transaction_id: string | null;
  amount_minor: number;
  currency: string | null;
  unofficial_currency: string | null;
  date: DateString;
  authorized_date: DateString | null;
  datetime: Date | null;
  authorized_datetime: Date | null;
  raw_name: string;
  merchant_name: string | null;
  payee: string | null;
  pending: Generated<boolean>;
  pending_transaction_id: string | null;
  payment_channel: string | null;
  pfc_primary: string | null;
  pfc_detailed: string | null;
  pfc_confidence: string | null;
  category_id: string | null;
  category_source: Generated<CategorySource>;
  category_rule_id: string | null;
  category_confidence: number | null;
  notes: string | null;
  tags: Generated<string[]>;
  locked_fields: Generated<string[]>;
  is_transfer: Generated<boolean>;
  transfer_pair_id: string | null;
  excluded_from_reports: Generated<boolean>;
  needs_review: Generated<boolean>;
  /** Written by a sync commit, not yet categorized (the backlog categorizePending drains). */
  categorize_pending: Generated<boolean>;
  created_at: Generated<CreatedAt>;
  updated_at: Generated<Timestamp>;
  import_id: string | null;
  import_key: string | null;
  fitid: string | null;
  /**
   * recurringSeriesKey of the row, written by the code that computes it; null when not yet computed or when an
   * update changed its payee, names, currency or sign (a trigger clears it): readers compute a null key.
   */
  series_key: Generated<string | null>;
}

export interface StatementImportsTable {
  id: Generated<string>;
  user_id: string;
  account_id: string;
  status: Generated<StatementImportStatus>;
  format: 'ofx' | 'qif' | 'csv' | 'camt';
  file_name: string | null;
  file_sha256: string;
  byte_size: number;
  content: Buffer | null;
  statement_account: string | null;
  csv_mapping: Json<unknown> | null;
  date_order: 'ymd' | 'dmy' | 'mdy' | null;
  row_count: Generated<number>;
  new_count: Generated<number>;
  duplicate_count: Generated<number>;
  suspect_count: Generated<number>;
  imported_count: Generated<number>;
  created_at: Generated<CreatedAt>;
  committed_at: Date | null;
}

export interface ImportMappingsTable {
  account_id: string;
  user_id: string;
  csv_mapping: Json<unknown>;
  updated_at: Generated<Timestamp>;
}

export interface TransactionSplitsTable {
  id: Generated<string>;
  user_id: string;
  transaction_id: string;
  category_id: string | null;
  amount_minor: number;
  notes: string | null;
  created_at: Generated<CreatedAt>;
}

export interface RuleRunsTable {
  id: Generated<string>;
  user_id: string;
  rule_id: string | null;
  trigger: 'ingest' | 'apply' | 'preview';
  matched: Generated<number>;
  changed: Generated<number>;
  failures: Generated<Json<unknown[]>>;
  started_at: Generated<Timestamp>;
  finished_at: Date | null;
}

export interface CategoryCorrectionsTable {
  id: Generated<string>;
  user_id: string;
  transaction_id: string | null;
  from_category_id: string | null;
  /** Null: moved to Uncategorized (recorded for undo only; it teaches nothing). */
  to_category_id: string | null;
  merchant_key: string | null;
  created_at: Generated<CreatedAt>;
  /** What the correction replaced (CorrectionPrior in tables/category-corrections.ts); null before undo existed. */
  prior: Json<unknown> | null;
  undone_at: Date | null;
}

export interface LearnedMerchantsTable {
  user_id: string;
  merchant_key: string;
  category_id: string;
  hits: Generated<number>;
  updated_at: Generated<Timestamp>;
}

export interface ClassifierModelsTable {
  user_id: string;
  model: Json<unknown>;
  trained_rows: Generated<number>;
  updated_at: Generated<Timestamp>;
}

export interface TransferRejectionsTable {
  user_id: string;
  transaction_a: string;
  transaction_b: string;
  created_at: Generated<CreatedAt>;
}

export interface RecurringSeriesTable {
  id: Generated<string>;
  user_id: string;
  series_key: string;
  payee: string;
  category_id: string | null;
  cadence: Cadence;
  direction: 'inflow' | 'outflow';
  typical_amount_minor: number;
  last_amount_minor: number;
  currency: string | null;
  last_date: DateString;
  next_expected_date: DateString;
  status: Generated<'active' | 'late' | 'missed' | 'ended'>;
  source: Generated<'detected' | 'plaid' | 'manual'>;
  updated_at: Generated<Timestamp>;
  /** The account of the latest payment (or the one a series added by hand names). */
  account_id: string | null;
  /** The steady amount before the last payment changed it; null without a price change. */
  previous_amount_minor: number | null;
}

export interface ReportsTable {
  id: Generated<string>;
  user_id: string;
  kind: ReportKind;
  period_start: DateString;
  period_end: DateString;
  timezone: string;
  currency: string;
  summary: Json<unknown>;
  pdf: Buffer | null;
  pdf_bytes: number | null;
  generated_at: Generated<Timestamp>;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: NotificationKind;
  channel: Generated<string>;
  idempotency_key: string;
  status: Generated<NotificationStatus>;
  payload: Generated<Json<Record<string, unknown>>>;
  attempts: Generated<number>;
  last_error: string | null;
  provider_message_id: string | null;
  sent_at: Date | null;
  created_at: Generated<CreatedAt>;
}

export interface SyncRunsTable {
  id: Generated<string>;
  user_id: string;
  item_id: string;
  trigger: SyncTrigger;
  status: Generated<SyncStatus>;
  pages: Generated<number>;
  added: Generated<number>;
  modified: Generated<number>;
  removed: Generated<number>;
  restarts: Generated<number>;
  error: Json<{ code: string; message: string } | null> | null;
  started_at: Generated<Timestamp>;
  finished_at: Date | null;
  duration_ms: number | null;
  /** The queue job running the sync (a run whose job lost its lock is abandoned). */
  job_id: string | null;
}

export interface WebhookEventsTable {
  id: Generated<string>;
  received_at: Generated<Timestamp>;
  webhook_type: string;
  webhook_code: string;
  plaid_item_id: string | null;
  item_id: string | null;
  body_sha256: string;
  body: Json<unknown>;
  outcome: Generated<string>;
}

export interface AuditLogTable {
  id: Generated<number>;
  user_id: string | null;
  event: string;
  ip: string | null;
  user_agent: string | null;
  details: Generated<Json<Record<string, unknown>>>;
  created_at: Generated<CreatedAt>;
}

/** Link tokens a user asked for (keyed by the token's SHA-256), so a Hosted Link session is finished once, by them. */
export interface LinkSessionsTable {
  id: Generated<string>;
  user_id: string;
  link_token_sha256: string;
  hosted: Generated<boolean>;
  expires_at: Timestamp;
  completed_at: Date | null;
  item_ids: Generated<string[]>;
  created_at: Generated<CreatedAt>;
}

/** A passkey (WebAuthn credential): public key and signature counter only. */
export interface PasskeysTable {
  id: Generated<string>;
  user_id: string;
  /** base64url, as the browser reports it. */
  credential_id: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: Generated<number>;
  transports: Generated<string[]>;
  name: string;
  created_at: Generated<CreatedAt>;
  last_used_at: Date | null;
}

/** A password reset asked for by email; the signed link names the row, which makes it single-use. */
export interface PasswordResetsTable {
  id: Generated<string>;
  user_id: string;
  expires_at: Timestamp;
  used_at: Date | null;
  created_at: Generated<CreatedAt>;
}

/** A sign-up waiting for its emailed link (only the link token's hash is stored). */
export interface PendingSignupsTable {
  id: string;
  email: string;
  password_hash: string;
  display_name: string | null;
  timezone: string | null;
  locale: string | null;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Date | null;
  created_at: Generated<CreatedAt>;
}

/** One row per Link public token: claimed before Plaid is called, naming the item once it is stored. */
export interface LinkExchangesTable {
  public_token_sha256: string;
  user_id: string;
  item_id: string | null;
  claimed_at: Generated<Timestamp>;
  exchanged_at: Date | null;
}

/** Plaid-Verification JWTs already accepted (SHA-256), until they expire: each is accepted once. */
export interface WebhookVerificationsTable {
  token_sha256: string;
  issued_at: Timestamp;
  expires_at: Timestamp;
}

/** What is budgeted (issue 18): a spending category or group, or the month's income. Owner: shared/src/budgets. */
export interface BudgetsTable {
  id: Generated<string>;
  user_id: string;
  kind: 'spending' | 'income';
  /** The category or group; null exactly for the income budget. */
  category_id: string | null;
  rollover: Generated<'none' | 'surplus' | 'surplusAndDeficit'>;
  alerts_enabled: Generated<boolean>;
  created_at: Generated<CreatedAt>;
  updated_at: Generated<Timestamp>;
}

/** One budget's limit for one month (first of the month). */
export interface BudgetMonthsTable {
  budget_id: string;
  user_id: string;
  month: ColumnType<string, string, string>;
  limit_minor: number;
}

/** Pace alert thresholds already sent, per budget and month. */
export interface SavingsGoalsTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  target_minor: number;
  currency: string;
  target_date: DateString;
  start_date: DateString;
  start_minor: number;
  alerts_enabled: Generated<boolean>;
  created_at: Generated<CreatedAt>;
  updated_at: Generated<Timestamp>;
}

/** A transactions filter saved under a name (issue 17). Owner: shared/src/tables/saved-filters.ts. */
export interface SavedFiltersTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  /** The filter as the API validated it (contract SavedFilterSpec); parsed again on read. */
  filter: Json<Record<string, unknown>>;
  created_at: Generated<CreatedAt>;
  updated_at: Generated<Timestamp>;
}

export interface SavingsGoalAccountsTable {
  goal_id: string;
  account_id: string;
  user_id: string;
}

export interface GoalAlertsTable {
  goal_id: string;
  user_id: string;
  month: ColumnType<string, string, string>;
  notification_id: string | null;
  created_at: Generated<CreatedAt>;
}

export interface BudgetAlertsTable {
  budget_id: string;
  user_id: string;
  month: ColumnType<string, string, string>;
  threshold: number;
  notification_id: string | null;
  created_at: Generated<CreatedAt>;
}

/** The user's word on a recurring series (issue 18). Owner: shared/src/recurring. */
export interface RecurringDecisionsTable {
  series_id: string;
  user_id: string;
  decision: 'confirmed' | 'dismissed' | null;
  cadence: Cadence | null;
  amount_minor: number | null;
  updated_at: Generated<Timestamp>;
}

/**
 * Per-user daily cash-flow rollups (issue 16), maintained by triggers only (migration
 * 2026_11_29_1945_cash_flow_rollups): never written by the app. `currency` '' is the user's own currency.
 * Owner: shared/src/ledger/cash-flow-rollups.ts.
 */
export interface CashFlowDailyTable {
  user_id: string;
  day: DateString;
  category_id: string | null;
  account_id: string;
  currency: string;
  spent_minor: number;
  income_minor: number;
  spent_count: number;
  txn_count: number;
}

/** Days marked by the triggers and recomputed at commit (or by cash_flow_flush); empty between transactions. */
export interface CashFlowDirtyTable {
  user_id: string;
  day: DateString;
}

/**
 * A sync run's Plaid rows before its commit moves them into transactions (migration 2026_11_29_2300_sync_staging).
 * Owner: shared/src/tables/sync-staged-transactions.ts.
 */
export type SyncStagedTransactionsTable = Pick<
  TransactionsTable,
  | 'amount_minor'
  | 'currency'
  | 'unofficial_currency'
  | 'date'
  | 'authorized_date'
  | 'datetime'
  | 'authorized_datetime'
  | 'raw_name'
  | 'merchant_name'
  | 'pending_transaction_id'
  | 'payment_channel'
  | 'pfc_primary'
  | 'pfc_detailed'
  | 'pfc_confidence'
> & {
  run_id: string;
  item_id: string;
  plaid_account_id: string;
  plaid_transaction_id: string;
  pending: boolean;
  /**
   * Set when the run categorized the row before staging it: the id it gets if inserted, with the fields
   * below; all null for a row the categorize backlog takes after the commit.
   */
  id: string | null;
  payee: string | null;
  notes: string | null;
  tags: string[] | null;
  is_transfer: boolean | null;
  excluded_from_reports: boolean | null;
  category_id: string | null;
  category_source: CategorySource | null;
  category_rule_id: string | null;
  category_confidence: number | null;
  needs_review: boolean | null;
  /** The series key (transactionSeriesKey) for the payee the commit's INSERT gives the row. */
  series_key: string | null;
};

/** A per-user counter the same triggers bump on every ledger write; the reads' ETag. */
export interface LedgerVersionsTable {
  user_id: string;
  version: Generated<number>;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  personal_access_tokens: PersonalAccessTokensTable;
  plaid_items: PlaidItemsTable;
  accounts: AccountsTable;
  balance_snapshots: BalanceSnapshotsTable;
  categories: CategoriesTable;
  rules: RulesTable;
  transactions: TransactionsTable;
  transaction_splits: TransactionSplitsTable;
  statement_imports: StatementImportsTable;
  import_mappings: ImportMappingsTable;
  rule_runs: RuleRunsTable;
  category_corrections: CategoryCorrectionsTable;
  learned_merchants: LearnedMerchantsTable;
  classifier_models: ClassifierModelsTable;
  transfer_rejections: TransferRejectionsTable;
  recurring_series: RecurringSeriesTable;
  reports: ReportsTable;
  notifications: NotificationsTable;
  sync_runs: SyncRunsTable;
  webhook_events: WebhookEventsTable;
  audit_log: AuditLogTable;
  link_sessions: LinkSessionsTable;
  password_resets: PasswordResetsTable;
  pending_signups: PendingSignupsTable;
  passkeys: PasskeysTable;
  link_exchanges: LinkExchangesTable;
  webhook_verifications: WebhookVerificationsTable;
  budgets: BudgetsTable;
  budget_months: BudgetMonthsTable;
  budget_alerts: BudgetAlertsTable;
  savings_goals: SavingsGoalsTable;
  savings_goal_accounts: SavingsGoalAccountsTable;
  goal_alerts: GoalAlertsTable;
  recurring_decisions: RecurringDecisionsTable;
  cash_flow_daily: CashFlowDailyTable;
  ledger_versions: LedgerVersionsTable;
  cash_flow_dirty: CashFlowDirtyTable;
  sync_staged_transactions: SyncStagedTransactionsTable;
  saved_filters: SavedFiltersTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
