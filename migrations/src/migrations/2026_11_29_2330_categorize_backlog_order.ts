import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// The categorize backlog is claimed 250 rows at a time in date order (claimPendingCategorization), so that each
// batch's rollup recompute covers a few days. Indexed on (user_id) alone, every claim sorted the user's whole
// backlog to find its first 250: a 50k-row history paid 200 sorts of up to 50k rows (most of a historical
// sync's time). Indexed in claim order, a claim reads its 250 rows off the index.

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP INDEX IF EXISTS transactions_categorize_pending_idx`).execute(db);
  await sql
    .raw(
      `CREATE INDEX transactions_categorize_pending_idx ON transactions (user_id, date, id) WHERE categorize_pending`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP INDEX IF EXISTS transactions_categorize_pending_idx`).execute(db);
  await sql
    .raw(
      `CREATE INDEX transactions_categorize_pending_idx ON transactions (user_id) WHERE categorize_pending`,
    )
    .execute(db);
}
