import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// transactions.categorize_pending: a sync commits Plaid's rows and its cursor in one short transaction and
// categorizes them afterwards in small batches (so one long transaction never holds the only connection of
// the embedded database). The flag is the durable backlog: set by the commit on every row it inserts or
// changes, cleared by the batch that categorizes the row. A crash between the two leaves flagged rows that the
// next sync of any of the user's items categorizes first. Existing rows are all categorized already.

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`ALTER TABLE transactions ADD COLUMN categorize_pending boolean NOT NULL DEFAULT false`)
    .execute(db);
  await sql
    .raw(
      `CREATE INDEX transactions_categorize_pending_idx ON transactions (user_id) WHERE categorize_pending`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP INDEX IF EXISTS transactions_categorize_pending_idx`).execute(db);
  await sql.raw(`ALTER TABLE transactions DROP COLUMN IF EXISTS categorize_pending`).execute(db);
}
