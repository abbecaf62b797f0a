import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written. Later changes go in new migrations.
// Money columns are integer minor units (bigint) beside an ISO currency code; Plaid's sign is kept
// (positive = money out of the account).

const ddl = `
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  password_hash text NOT NULL,
  display_name text,
  timezone text NOT NULL DEFAULT 'UTC',
  currency char(3) NOT NULL DEFAULT 'USD',
  locale text NOT NULL DEFAULT 'en-US',
  mfa_secret_encrypted text,
  mfa_enabled boolean NOT NULL DEFAULT false,
  failed_login_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  report_weekday smallint NOT NULL DEFAULT 1 CHECK (report_weekday BETWEEN 0 AND 6),
  report_schedule jsonb NOT NULL DEFAULT '{"weekly": true, "monthly": true}',
  notification_prefs jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  family_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  replaced_by uuid,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_family_idx ON sessions (family_id);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE personal_access_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX personal_access_tokens_user_idx ON personal_access_tokens (user_id);

CREATE TABLE plaid_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  plaid_item_id text NOT NULL UNIQUE,
  access_token_encrypted text NOT NULL,
  institution_id text,
  institution_name text,
  status text NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'login_required', 'pending_expiration', 'permission_revoked', 'error', 'removed')),
  sync_cursor text,
  last_error jsonb,
  consent_expires_at timestamptz,
  last_synced_at timestamptz,
  webhook_url text,
  products text[] NOT NULL DEFAULT '{transactions}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plaid_items_user_idx ON plaid_items (user_id);

CREATE TABLE accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  item_id uuid NOT NULL REFERENCES plaid_items(id) ON DELETE CASCADE,
  plaid_account_id text NOT NULL,
  name text NOT NULL,
  official_name text,
  mask text,
  type text NOT NULL,
  subtype text,
  currency char(3),
  unofficial_currency text,
  current_minor bigint,
  available_minor bigint,
  limit_minor bigint,
  balance_updated_at timestamptz,
  hidden boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (item_id, plaid_account_id)
);
CREATE INDEX accounts_user_idx ON accounts (user_id);

CREATE TABLE balance_snapshots (
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  date date NOT NULL,
  current_minor bigint,
  available_minor bigint,
  currency char(3),
  PRIMARY KEY (account_id, date)
);
CREATE INDEX balance_snapshots_user_date_idx ON balance_snapshots (user_id, date);

CREATE TABLE categories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  key text NOT NULL,
  name text NOT NULL,
  parent_id uuid REFERENCES categories(id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('income', 'expense', 'transfer')),
  is_system boolean NOT NULL DEFAULT false,
  is_group boolean NOT NULL DEFAULT false,
  hidden boolean NOT NULL DEFAULT false,
  pfc_primary text,
  pfc_detailed text,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, key)
);
CREATE INDEX categories_user_pfc_idx ON categories (user_id, pfc_detailed);

CREATE TABLE rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  stage text NOT NULL DEFAULT 'default' CHECK (stage IN ('pre', 'default', 'post')),
  priority integer NOT NULL DEFAULT 0,
  conditions_op text NOT NULL DEFAULT 'all' CHECK (conditions_op IN ('all', 'any')),
  conditions jsonb NOT NULL DEFAULT '[]',
  actions jsonb NOT NULL DEFAULT '[]',
  stop_processing boolean NOT NULL DEFAULT false,
  enabled boolean NOT NULL DEFAULT true,
  origin text NOT NULL DEFAULT 'user' CHECK (origin IN ('user', 'suggested', 'learned')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rules_user_idx ON rules (user_id);

CREATE TABLE transactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  item_id uuid NOT NULL REFERENCES plaid_items(id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  plaid_transaction_id text NOT NULL,
  amount_minor bigint NOT NULL,
  currency char(3),
  unofficial_currency text,
  date date NOT NULL,
  authorized_date date,
  datetime timestamptz,
  authorized_datetime timestamptz,
  raw_name text NOT NULL,
  merchant_name text,
  payee text,
  pending boolean NOT NULL DEFAULT false,
  pending_transaction_id text,
  payment_channel text,
  pfc_primary text,
  pfc_detailed text,
  pfc_confidence text,
  category_id uuid REFERENCES categories(id) ON DELETE SET NULL,
  category_source text NOT NULL DEFAULT 'none'
    CHECK (category_source IN ('user', 'rule', 'learned', 'plaid', 'none')),
  category_rule_id uuid REFERENCES rules(id) ON DELETE SET NULL,
  category_confidence real,
  notes text,
  tags text[] NOT NULL DEFAULT '{}',
  locked_fields text[] NOT NULL DEFAULT '{}',
  is_transfer boolean NOT NULL DEFAULT false,
  transfer_pair_id uuid,
  excluded_from_reports boolean NOT NULL DEFAULT false,
  needs_review boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (item_id, plaid_transaction_id)
);
CREATE INDEX transactions_user_date_idx ON transactions (user_id, date DESC, id DESC);
CREATE INDEX transactions_user_category_date_idx ON transactions (user_id, category_id, date);
CREATE INDEX transactions_account_date_idx ON transactions (account_id, date);
CREATE INDEX transactions_pending_ref_idx ON transactions (item_id, pending_transaction_id)
  WHERE pending_transaction_id IS NOT NULL;

CREATE TABLE transaction_splits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  transaction_id uuid NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
  category_id uuid REFERENCES categories(id) ON DELETE SET NULL,
  amount_minor bigint NOT NULL,
  notes text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transaction_splits_txn_idx ON transaction_splits (transaction_id);

CREATE TABLE rule_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  rule_id uuid REFERENCES rules(id) ON DELETE SET NULL,
  trigger text NOT NULL CHECK (trigger IN ('ingest', 'apply', 'preview')),
  matched integer NOT NULL DEFAULT 0,
  changed integer NOT NULL DEFAULT 0,
  failures jsonb NOT NULL DEFAULT '[]',
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX rule_runs_user_idx ON rule_runs (user_id, started_at DESC);

CREATE TABLE category_corrections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  transaction_id uuid REFERENCES transactions(id) ON DELETE SET NULL,
  from_category_id uuid REFERENCES categories(id) ON DELETE SET NULL,
  to_category_id uuid NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
  merchant_key text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX category_corrections_user_idx ON category_corrections (user_id, created_at);

CREATE TABLE learned_merchants (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  merchant_key text NOT NULL,
  category_id uuid NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
  hits integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, merchant_key)
);

CREATE TABLE classifier_models (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  model jsonb NOT NULL,
  trained_rows integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE transfer_rejections (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  transaction_a uuid NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
  transaction_b uuid NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (transaction_a, transaction_b)
);

CREATE TABLE recurring_series (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  series_key text NOT NULL,
  payee text NOT NULL,
  category_id uuid REFERENCES categories(id) ON DELETE SET NULL,
  cadence text NOT NULL CHECK (cadence IN ('weekly', 'biweekly', 'semimonthly', 'monthly', 'quarterly', 'yearly')),
  direction text NOT NULL CHECK (direction IN ('inflow', 'outflow')),
  typical_amount_minor bigint NOT NULL,
  last_amount_minor bigint NOT NULL,
  currency char(3),
  last_date date NOT NULL,
  next_expected_date date NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'late', 'missed', 'ended')),
  source text NOT NULL DEFAULT 'detected' CHECK (source IN ('detected', 'plaid')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, series_key)
);

CREATE TABLE reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('weekly', 'monthly', 'custom')),
  period_start date NOT NULL,
  period_end date NOT NULL,
  timezone text NOT NULL,
  currency char(3) NOT NULL,
  summary jsonb NOT NULL,
  pdf bytea,
  pdf_bytes integer,
  generated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, kind, period_start, period_end)
);
CREATE INDEX reports_user_idx ON reports (user_id, period_start DESC);

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL,
  channel text NOT NULL DEFAULT 'email',
  idempotency_key text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  payload jsonb NOT NULL DEFAULT '{}',
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  provider_message_id text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

CREATE TABLE sync_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  item_id uuid NOT NULL REFERENCES plaid_items(id) ON DELETE CASCADE,
  trigger text NOT NULL CHECK (trigger IN ('initial', 'webhook', 'schedule', 'manual', 'catch_up')),
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
  pages integer NOT NULL DEFAULT 0,
  added integer NOT NULL DEFAULT 0,
  modified integer NOT NULL DEFAULT 0,
  removed integer NOT NULL DEFAULT 0,
  restarts integer NOT NULL DEFAULT 0,
  error jsonb,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  duration_ms integer
);
CREATE INDEX sync_runs_item_idx ON sync_runs (item_id, started_at DESC);

CREATE TABLE webhook_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  received_at timestamptz NOT NULL DEFAULT now(),
  webhook_type text NOT NULL,
  webhook_code text NOT NULL,
  plaid_item_id text,
  item_id uuid REFERENCES plaid_items(id) ON DELETE SET NULL,
  body_sha256 text NOT NULL,
  body jsonb NOT NULL,
  outcome text NOT NULL DEFAULT 'received'
);
CREATE INDEX webhook_events_item_idx ON webhook_events (item_id, received_at DESC);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  event text NOT NULL,
  ip text,
  user_agent text,
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, created_at DESC);
`;

export async function up(db: Kysely<any>): Promise<void> {
  // One statement at a time: PGlite (the embedded demo database) prepares each query on its own.
  for (const statement of ddl.split(/;\s*\n/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

const tables = [
  'audit_log',
  'webhook_events',
  'sync_runs',
  'notifications',
  'reports',
  'recurring_series',
  'transfer_rejections',
  'classifier_models',
  'learned_merchants',
  'category_corrections',
  'rule_runs',
  'transaction_splits',
  'transactions',
  'rules',
  'categories',
  'balance_snapshots',
  'accounts',
  'plaid_items',
  'personal_access_tokens',
  'sessions',
  'users',
];

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
}
