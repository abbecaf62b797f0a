import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Since 2026_11_30_1020 the two recomputes of 0900 differ only by the bulk one's `SET work_mem = '64MB'` (room
// for the grouping of many days without a sort spilled to disk), so the rollups' recompute had two copies of
// one definition. work_mem is a ceiling, not an allocation: a recompute of a few days plans and runs as before
// under it. So one function remains, cash_flow_refresh itself (what 0900 named cash_flow_refresh_days, the
// body of 1945), with that setting; the dispatcher and cash_flow_refresh_many go.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION cash_flow_refresh(uuid, date[])`.execute(db);
  await sql`DROP FUNCTION cash_flow_refresh_many(uuid, date[])`.execute(db);
  await sql`ALTER FUNCTION cash_flow_refresh_days(uuid, date[]) RENAME TO cash_flow_refresh`.execute(db);
  await sql`ALTER FUNCTION cash_flow_refresh(uuid, date[]) SET work_mem = '64MB'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER FUNCTION cash_flow_refresh(uuid, date[]) RESET work_mem`.execute(db);
  await sql`ALTER FUNCTION cash_flow_refresh(uuid, date[]) RENAME TO cash_flow_refresh_days`.execute(db);
  // 1020's cash_flow_refresh_many: the same body under its name, with the setting.
  await sql`
    DO $do$
    BEGIN
      EXECUTE replace(pg_get_functiondef('cash_flow_refresh_days(uuid, date[])'::regprocedure),
                      'cash_flow_refresh_days', 'cash_flow_refresh_many');
    END
    $do$`.execute(db);
  await sql`ALTER FUNCTION cash_flow_refresh_many(uuid, date[]) SET work_mem = '64MB'`.execute(db);
  await sql`
    CREATE FUNCTION cash_flow_refresh(p_user uuid, p_days date[]) RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      IF p_days IS NULL OR cardinality(p_days) > 31 THEN
        PERFORM cash_flow_refresh_many(p_user, p_days);
      ELSE
        PERFORM cash_flow_refresh_days(p_user, p_days);
      END IF;
    END
    $fn$`.execute(db);
}
