import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// The dashboard summary aggregates a user's transactions over a date range, skipping transfers and
// rows excluded from reports. This partial index holds exactly those rows, ordered by (user_id, date),
// and carries every column the aggregate reads, so PostgreSQL answers it with an index-only scan instead
// of visiting one heap page per handful of rows. The RLS policy compares user_id with a stable
// current_setting(), which the planner evaluates once, so it does not stand in the way of the index.
// One statement per query: PGlite prepares each on its own.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX transactions_dashboard_idx ON transactions (user_id, date)
      INCLUDE (category_id, amount_minor, currency)
      WHERE NOT is_transfer AND NOT excluded_from_reports
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS transactions_dashboard_idx`.execute(db);
}
