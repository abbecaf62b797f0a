import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// sync_runs.job_id: the queue job that runs the sync, so a run whose job lost its lock (its worker died)
// is found and marked 'abandoned' instead of staying 'running'. The partial index keeps that lookup cheap.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `ALTER TABLE sync_runs ADD COLUMN job_id text`,
    `CREATE INDEX sync_runs_running_idx ON sync_runs (started_at) WHERE status = 'running'`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP INDEX IF EXISTS sync_runs_running_idx`).execute(db);
  await sql.raw(`ALTER TABLE sync_runs DROP COLUMN IF EXISTS job_id`).execute(db);
}
