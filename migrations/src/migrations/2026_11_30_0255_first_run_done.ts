import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// The guided first run after sign-up (issue 17: link, review the suggested categories, accept rules, choose
// the report schedule) is shown once: when the person finished or skipped it. Accounts that existed before
// count as done, so nobody who already uses finsync is sent through it.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN first_run_done_at timestamptz`.execute(db);
  await sql`UPDATE users SET first_run_done_at = now()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN IF EXISTS first_run_done_at`.execute(db);
}
