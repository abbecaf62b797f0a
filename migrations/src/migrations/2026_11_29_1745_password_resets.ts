import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Password resets by email (issue 14): one row per request. The emailed link is signed (HMAC, purpose
// 'password_reset', over the user and this row's id, expiring with the row); the row makes it single-use
// (used_at) and lets a newer request or a completed reset retire the others. No secret is stored.

const APP_ROLE = 'finsync_app';
const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE password_resets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX password_resets_user_idx ON password_resets (user_id)`,
    `ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY password_resets_owner ON password_resets FOR ALL TO ${APP_ROLE}
       USING (user_id = ${currentUser})
       WITH CHECK (user_id = ${currentUser})`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON password_resets TO ${APP_ROLE}`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP TABLE IF EXISTS password_resets`).execute(db);
}
