import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Personal access tokens get a scope (issue 14): 'read' (GET only) or 'read-write'. Tokens made before keep
// what they could do ('read-write'); the API makes new ones 'read' unless asked otherwise.

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `ALTER TABLE personal_access_tokens ADD COLUMN scope text NOT NULL DEFAULT 'read-write'
         CHECK (scope IN ('read', 'read-write'))`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`ALTER TABLE personal_access_tokens DROP COLUMN IF EXISTS scope`).execute(db);
}
