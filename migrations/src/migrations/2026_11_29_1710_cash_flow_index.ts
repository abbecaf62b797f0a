import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// The dashboard's cash-flow aggregate (shared/src/ledger/dashboard-summary.ts, issue #12) reads only posted,
// non-transfer rows the user did not exclude, and needs the id (splits), both currency columns and the
// posting time (the day it counts on) besides category and amount. This partial covering index holds exactly
// those rows and columns so the aggregate stays an index-only scan; it replaces transactions_dashboard_idx,
// whose rows included pending ones and whose columns no longer cover the query.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX transactions_cash_flow_idx ON transactions (user_id, date)
      INCLUDE (id, category_id, amount_minor, currency, unofficial_currency, datetime)
      WHERE NOT is_transfer AND NOT excluded_from_reports AND NOT pending
  `.execute(db);
  await sql`DROP INDEX IF EXISTS transactions_dashboard_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX IF NOT EXISTS transactions_dashboard_idx ON transactions (user_id, date)
      INCLUDE (category_id, amount_minor, currency)
      WHERE NOT is_transfer AND NOT excluded_from_reports
  `.execute(db);
  await sql`DROP INDEX IF EXISTS transactions_cash_flow_idx`.execute(db);
}
