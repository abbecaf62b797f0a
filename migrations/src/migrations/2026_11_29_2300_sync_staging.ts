import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// sync_staged_transactions (issue 16 "Ingest", issue 13 "demo linking"): a sync run's Plaid rows, staged before
// its commit so that the commit itself is one `INSERT … SELECT … ON CONFLICT` plus the removals and the cursor,
// in one short transaction. On PostgreSQL the rows arrive by COPY (no per-row statement, no JSON); on the
// embedded database in slices of a few hundred rows, each its own statement, so its single connection is
// free between them.
//
// Keyed by the run: rows of a run are invisible to every read (nothing but the sync reads this table) until
// its commit moves them into transactions and deletes them in the same transaction. A crash before that
// commit leaves the old rows and the old cursor, and leftovers here; the item's next run deletes every
// other run's rows before it stages its own (a run of the same item is abandoned then, see startSyncRun), and
// they go with their run or item (cascades).
//
// UNLOGGED: staging is disposable, so it skips the write-ahead log. A PostgreSQL crash empties it; a run that
// survived the crash would then find fewer rows than it staged, which its commit checks (and refuses).
// No row-level security and no grant: the app role never reads it.

// The Plaid fields keep the types they have in transactions (CREATE TABLE AS copies them).
const statements = [
  `CREATE UNLOGGED TABLE sync_staged_transactions AS
     SELECT NULL::uuid AS run_id, item_id, NULL::text AS plaid_account_id, plaid_transaction_id, amount_minor,
       currency, unofficial_currency, date, authorized_date, datetime, authorized_datetime, raw_name,
       merchant_name, pending, pending_transaction_id, payment_channel, pfc_primary, pfc_detailed, pfc_confidence
     FROM transactions WITH NO DATA`,
  `ALTER TABLE sync_staged_transactions
     ALTER run_id SET NOT NULL, ALTER item_id SET NOT NULL, ALTER plaid_account_id SET NOT NULL,
     ALTER plaid_transaction_id SET NOT NULL, ALTER pending SET NOT NULL,
     ADD FOREIGN KEY (run_id) REFERENCES sync_runs(id) ON DELETE CASCADE,
     ADD FOREIGN KEY (item_id) REFERENCES plaid_items(id) ON DELETE CASCADE`,
  `CREATE INDEX sync_staged_transactions_run_idx ON sync_staged_transactions (run_id)`,
  `CREATE INDEX sync_staged_transactions_item_idx ON sync_staged_transactions (item_id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP TABLE IF EXISTS sync_staged_transactions`).execute(db);
}
