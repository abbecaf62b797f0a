import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// A synced row's series key (2026_11_30_0915_transaction_series_keys) is computed when the run stages it, for
// the payee the commit gives it, and written by the commit's INSERT: without it the recurring refresh after a
// history's sync rewrote every row it had just inserted (50–100k UPDATEs, each a new row version in every
// index, and the days' rollups recomputed again).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sync_staged_transactions ADD COLUMN series_key text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sync_staged_transactions DROP COLUMN IF EXISTS series_key`.execute(db);
}
