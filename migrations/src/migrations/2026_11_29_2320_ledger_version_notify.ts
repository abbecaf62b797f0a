import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Every change of a user's ledger version (ledger_versions, migration 2026_11_29_1945_cash_flow_rollups) is
// announced on the channel `finsync_ledger_changed` with the user's id as payload, so each API instance can keep
// the versions (and what it computed from them) in memory and forget them when they change (issue 16).
// NOTIFY is delivered at commit, in commit order, and PostgreSQL folds the same payload sent many times in one
// transaction into one message: a sync of 50k rows announces its user once.

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`CREATE FUNCTION ledger_version_notify() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('finsync_ledger_changed', coalesce(NEW.user_id, OLD.user_id)::text);
  RETURN NULL;
END
$fn$`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER ledger_version_notify AFTER INSERT OR UPDATE OR DELETE ON ledger_versions
            FOR EACH ROW EXECUTE FUNCTION ledger_version_notify()`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP TRIGGER IF EXISTS ledger_version_notify ON ledger_versions`).execute(db);
  await sql.raw(`DROP FUNCTION IF EXISTS ledger_version_notify()`).execute(db);
}
