import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// The reports' reads (list, one report) answer with the ledger version as their ETag (issue 16), so a stored
// report's insert, refresh or removal bumps it like a ledger write (ledger_version_bump, migration
// 2026_11_29_1945_cash_flow_rollups; no day is marked for recompute).

const events = [
  ['insert', 'INSERT', 'NEW'],
  ['update', 'UPDATE', 'NEW'],
  ['delete', 'DELETE', 'OLD'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, event, table] of events) {
    await sql
      .raw(`CREATE TRIGGER ledger_version_${name} AFTER ${event} ON reports REFERENCING ${table} TABLE AS changed_rows
              FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump()`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of events)
    await sql.raw(`DROP TRIGGER IF EXISTS ledger_version_${name} ON reports`).execute(db);
}
