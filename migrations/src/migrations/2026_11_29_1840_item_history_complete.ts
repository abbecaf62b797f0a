import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// plaid_items.history_complete: Plaid sends a new item's last 30 days first and its history later
// (transactions_update_status HISTORICAL_UPDATE_COMPLETE). Until a sync has seen that, the first-sync progress
// says more is coming instead of "done". Items synced before this column existed are taken as complete.

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`ALTER TABLE plaid_items ADD COLUMN history_complete boolean NOT NULL DEFAULT false`)
    .execute(db);
  await sql.raw(`UPDATE plaid_items SET history_complete = true WHERE sync_cursor IS NOT NULL`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`ALTER TABLE plaid_items DROP COLUMN IF EXISTS history_complete`).execute(db);
}
