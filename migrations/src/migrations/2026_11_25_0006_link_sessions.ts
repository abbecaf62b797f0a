import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// The Link tokens a user asked for, so a Hosted Link session can be finished only by the user who
// started it (from the browser's return or the LINK SESSION_FINISHED webhook) and only once. The
// token itself is not stored: its SHA-256 is the key. Row-level security as 0003 does for user tables.

const APP_ROLE = 'finsync_app';
const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE link_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      link_token_sha256 text NOT NULL UNIQUE,
      hosted boolean NOT NULL DEFAULT false,
      expires_at timestamptz NOT NULL,
      completed_at timestamptz,
      item_ids uuid[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX link_sessions_user_idx ON link_sessions (user_id)`,
    `ALTER TABLE link_sessions ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY link_sessions_owner ON link_sessions FOR ALL TO ${APP_ROLE}
       USING (user_id = ${currentUser})
       WITH CHECK (user_id = ${currentUser})`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON link_sessions TO ${APP_ROLE}`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP TABLE IF EXISTS link_sessions`).execute(db);
}
