import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// plaid_items.unfinished_commit (issue 13 "demo linking"): a sync whose staged rows are too many for one short
// transaction commits them in slices, each its own transaction (on the embedded database's one connection, a
// 3,000-row history in one transaction held every request for seconds). Until the last slice moves the cursor,
// this column says which run's staged rows are being committed, towards which cursor, how far (the last staged
// key moved) and how many are left, so a crash between slices is finished by the item's next run rather than
// refetched from the old cursor. Null when no commit is under way. Written and parsed by
// shared/src/tables/plaid-items.ts only.

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`ALTER TABLE plaid_items ADD COLUMN unfinished_commit jsonb`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`ALTER TABLE plaid_items DROP COLUMN IF EXISTS unfinished_commit`).execute(db);
}
