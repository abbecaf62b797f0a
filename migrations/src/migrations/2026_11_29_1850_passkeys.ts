import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Passkeys (WebAuthn credentials, issue 14): the public key and signature counter of each credential a user
// registered. Only public material is stored. Row-level security as 0003: the owner, or before sign-in the
// one row whose credential id the browser presented (app.lookup).

const APP_ROLE = 'finsync_app';
const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;
const lookup = `nullif(current_setting('app.lookup', true), '')`;

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE passkeys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      credential_id text NOT NULL UNIQUE,
      public_key text NOT NULL,
      counter bigint NOT NULL DEFAULT 0,
      transports text[] NOT NULL DEFAULT '{}',
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz
    )`,
    `CREATE INDEX passkeys_user_idx ON passkeys (user_id)`,
    `ALTER TABLE passkeys ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY passkeys_owner ON passkeys FOR ALL TO ${APP_ROLE}
       USING (user_id = ${currentUser} OR credential_id = ${lookup})
       WITH CHECK (user_id = ${currentUser})`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON passkeys TO ${APP_ROLE}`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP TABLE IF EXISTS passkeys`).execute(db);
}
