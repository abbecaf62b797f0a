import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Every index on transactions is paid for by every row a sync writes: a 50k-row history commit inserts into
// each of them 50k times. transactions_cash_flow_idx (2026_11_29_1710) covered the dashboard's aggregate over
// the raw rows, the widest of the thirteen (six included columns). The dashboard and the reports read the
// rollups since 2026_11_29_1945, and no query left filters on what it holds: only the rollups' own recompute
// reads those rows, and it needs the account, which the index does not hold. It goes.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS transactions_cash_flow_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX IF NOT EXISTS transactions_cash_flow_idx ON transactions (user_id, date)
      INCLUDE (id, category_id, amount_minor, currency, unofficial_currency, datetime)
      WHERE NOT is_transfer AND NOT excluded_from_reports AND NOT pending
  `.execute(db);
}
