import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// 2026_11_30_0900 ran a recompute of more than 31 days with nested-loop joins disabled, for a 50k-row history
// committed without statistics. On small ledgers it was far worse: the cash-flow agreement test (100 random
// ledgers, each zone change a recompute of all days) went from 19 s to over 120 s. The setting goes; the
// larger memory for the grouping (no sort spilled to disk) stays.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER FUNCTION cash_flow_refresh_many(uuid, date[]) RESET enable_nestloop`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER FUNCTION cash_flow_refresh_many(uuid, date[]) SET enable_nestloop = off`.execute(db);
}
