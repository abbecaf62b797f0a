import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// TOTP recovery codes (issue 14): the SHA-256 of each unused one-time code, issued when two-factor is turned on.
// Signing in with one removes it; turning two-factor off removes them all.

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`ALTER TABLE users ADD COLUMN mfa_recovery_hashes text[] NOT NULL DEFAULT '{}'`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`ALTER TABLE users DROP COLUMN IF EXISTS mfa_recovery_hashes`).execute(db);
}
