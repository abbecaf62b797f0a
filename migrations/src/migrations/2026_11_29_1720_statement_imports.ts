import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Banks Plaid can't reach (issue 19):
// - accounts.source 'manual': an account the person made (no Plaid item), with an opening balance. A Plaid
//   account keeps its item; either kind can receive statement files (history before the link).
// - statement_imports: one uploaded statement file: its hash, format, the mapping used, the counts, and the
//   file itself only while it is a preview (it is dropped on commit). Deleting an import undoes it: its
//   transactions go with it (ON DELETE CASCADE).
// - transactions imported from a file carry import_id, the bank's id (fitid: OFX FITID / CAMT AcctSvcrRef)
//   and import_key, unique per account, which makes re-importing the same rows impossible at the database level.
//   Such rows have no Plaid id; rows on a manual account have no item.
// - import_mappings: the CSV column mapping saved per account for the next file.

const APP_ROLE = 'finsync_app';
const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;

const owned = (table: string) => [
  `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
  `CREATE POLICY ${table}_owner ON ${table} FOR ALL TO ${APP_ROLE}
     USING (user_id = ${currentUser})
     WITH CHECK (user_id = ${currentUser})`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${APP_ROLE}`,
];

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `ALTER TABLE accounts ADD COLUMN source text NOT NULL DEFAULT 'plaid' CHECK (source IN ('plaid', 'manual'))`,
    `ALTER TABLE accounts ADD COLUMN opening_balance_minor bigint`,
    `ALTER TABLE accounts ALTER COLUMN item_id DROP NOT NULL`,
    `ALTER TABLE accounts ALTER COLUMN plaid_account_id DROP NOT NULL`,
    `ALTER TABLE accounts ADD CONSTRAINT accounts_source_shape CHECK (
       (source = 'plaid' AND item_id IS NOT NULL AND plaid_account_id IS NOT NULL)
       OR (source = 'manual' AND item_id IS NULL AND plaid_account_id IS NULL))`,
    `CREATE TABLE statement_imports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'preview' CHECK (status IN ('preview', 'committed')),
      format text NOT NULL CHECK (format IN ('ofx', 'qif', 'csv', 'camt')),
      file_name text,
      file_sha256 text NOT NULL,
      byte_size integer NOT NULL,
      content bytea,
      statement_account text,
      csv_mapping jsonb,
      date_order text CHECK (date_order IN ('ymd', 'dmy', 'mdy')),
      row_count integer NOT NULL DEFAULT 0,
      new_count integer NOT NULL DEFAULT 0,
      duplicate_count integer NOT NULL DEFAULT 0,
      suspect_count integer NOT NULL DEFAULT 0,
      imported_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      committed_at timestamptz,
      CHECK ((status = 'preview') = (content IS NOT NULL))
    )`,
    `CREATE INDEX statement_imports_user_idx ON statement_imports (user_id, created_at DESC)`,
    `CREATE INDEX statement_imports_account_idx ON statement_imports (account_id)`,
    ...owned('statement_imports'),
    `CREATE TABLE import_mappings (
      account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csv_mapping jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX import_mappings_user_idx ON import_mappings (user_id)`,
    ...owned('import_mappings'),
    `ALTER TABLE transactions ALTER COLUMN item_id DROP NOT NULL`,
    `ALTER TABLE transactions ALTER COLUMN plaid_transaction_id DROP NOT NULL`,
    `ALTER TABLE transactions ADD COLUMN import_id uuid REFERENCES statement_imports(id) ON DELETE CASCADE`,
    `ALTER TABLE transactions ADD COLUMN import_key text`,
    `ALTER TABLE transactions ADD COLUMN fitid text`,
    `ALTER TABLE transactions ADD CONSTRAINT transactions_origin CHECK (
       (plaid_transaction_id IS NOT NULL AND item_id IS NOT NULL AND import_id IS NULL)
       OR (plaid_transaction_id IS NULL AND import_id IS NOT NULL AND import_key IS NOT NULL))`,
    `CREATE UNIQUE INDEX transactions_import_key_idx ON transactions (account_id, import_key)
       WHERE import_key IS NOT NULL`,
    `CREATE INDEX transactions_import_idx ON transactions (import_id) WHERE import_id IS NOT NULL`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const statements = [
    `DELETE FROM transactions WHERE import_id IS NOT NULL`,
    `ALTER TABLE transactions DROP CONSTRAINT IF EXISTS transactions_origin`,
    `DROP INDEX IF EXISTS transactions_import_idx`,
    `DROP INDEX IF EXISTS transactions_import_key_idx`,
    `ALTER TABLE transactions DROP COLUMN IF EXISTS fitid`,
    `ALTER TABLE transactions DROP COLUMN IF EXISTS import_key`,
    `ALTER TABLE transactions DROP COLUMN IF EXISTS import_id`,
    `ALTER TABLE transactions ALTER COLUMN plaid_transaction_id SET NOT NULL`,
    `ALTER TABLE transactions ALTER COLUMN item_id SET NOT NULL`,
    `DROP TABLE IF EXISTS import_mappings`,
    `DROP TABLE IF EXISTS statement_imports`,
    `DELETE FROM accounts WHERE source = 'manual'`,
    `ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_source_shape`,
    `ALTER TABLE accounts ALTER COLUMN plaid_account_id SET NOT NULL`,
    `ALTER TABLE accounts ALTER COLUMN item_id SET NOT NULL`,
    `ALTER TABLE accounts DROP COLUMN IF EXISTS opening_balance_minor`,
    `ALTER TABLE accounts DROP COLUMN IF EXISTS source`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
