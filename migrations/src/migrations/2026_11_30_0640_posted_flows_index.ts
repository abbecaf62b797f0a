import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Balance history (shared/src/net-worth, postedDailyFlows: a report's net worth, the net-worth page) sums a
// user's posted movements per account and day from a date on. No index covered it: PostgreSQL read every row
// of the table for a 100k-transaction user's 13 months (3,773 pages, 100k rows filtered). This partial
// covering index holds exactly the posted rows and the two columns summed, so the read is an index-only scan
// (407 pages, 49k entries).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX transactions_posted_flows_idx ON transactions (user_id, date)
      INCLUDE (account_id, amount_minor)
      WHERE NOT pending
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS transactions_posted_flows_idx`.execute(db);
}
