import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// - link_exchanges: each Link public token is exchanged once, whichever path gets it first (the SPA's
//   /items/exchange, its Hosted Link return, or the LINK SESSION_FINISHED webhook). The row is claimed before
//   Plaid is called and names the item once stored; the token itself is not kept, its SHA-256 is the key.
// - webhook_verifications: the Plaid-Verification JWTs already accepted (their SHA-256), kept until they
//   could no longer pass the freshness check: each token is accepted once, so a replay is refused.
// - sync_runs.status 'abandoned': the run's job lost its lock (its worker died); it will not finish.

const APP_ROLE = 'finsync_app';
const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE link_exchanges (
      public_token_sha256 text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      item_id uuid REFERENCES plaid_items(id) ON DELETE CASCADE,
      claimed_at timestamptz NOT NULL DEFAULT now(),
      exchanged_at timestamptz
    )`,
    `CREATE INDEX link_exchanges_user_idx ON link_exchanges (user_id)`,
    `ALTER TABLE link_exchanges ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY link_exchanges_owner ON link_exchanges FOR ALL TO ${APP_ROLE}
       USING (user_id = ${currentUser})
       WITH CHECK (user_id = ${currentUser})`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON link_exchanges TO ${APP_ROLE}`,
    `CREATE TABLE webhook_verifications (
      token_sha256 text PRIMARY KEY,
      issued_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    )`,
    `CREATE INDEX webhook_verifications_expiry_idx ON webhook_verifications (expires_at)`,
    `ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_status_check`,
    `ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_status_check
       CHECK (status IN ('running', 'succeeded', 'failed', 'abandoned'))`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const statements = [
    `UPDATE sync_runs SET status = 'failed' WHERE status = 'abandoned'`,
    `ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_status_check`,
    `ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_status_check
       CHECK (status IN ('running', 'succeeded', 'failed'))`,
    `DROP TABLE IF EXISTS webhook_verifications`,
    `DROP TABLE IF EXISTS link_exchanges`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
