import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Row-level security is the second wall behind the repositories' `WHERE user_id = …`. The API runs
// each request's queries inside a transaction that does `SET LOCAL ROLE finsync_app` and
// `set_config('app.user_id', <id>, true)` (shared/src/db/scoped-transaction.ts), so a query that
// forgot its user filter still sees only that user's rows. `app.lookup` lets the pre-authentication
// steps find exactly one row they already hold the key to (a user by e-mail at login, a session or
// personal access token by its hash). The owner role (migrations, worker) is not subject to RLS.
// Roles are cluster-wide, so `down` leaves the role in place for other databases on the cluster.

const APP_ROLE = 'finsync_app';

/** Tables keyed by a `user_id` column that the app role may read and write for its current user. */
const userOwnedTables = [
  'sessions',
  'personal_access_tokens',
  'plaid_items',
  'accounts',
  'balance_snapshots',
  'categories',
  'rules',
  'transactions',
  'transaction_splits',
  'rule_runs',
  'category_corrections',
  'learned_merchants',
  'classifier_models',
  'transfer_rejections',
  'recurring_series',
  'reports',
  'notifications',
  'sync_runs',
];

const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;
const lookup = `nullif(current_setting('app.lookup', true), '')`;

export async function up(db: Kysely<any>): Promise<void> {
  // Concurrent migrations on one cluster (CI) may race to create the role.
  await sql
    .raw(`
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
    CREATE ROLE ${APP_ROLE} NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$`)
    .execute(db);
  await sql.raw(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`).execute(db);
  await sql.raw(`ALTER TABLE users ADD COLUMN mfa_last_step bigint`).execute(db);

  const statements: string[] = [
    `ALTER TABLE users ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY users_owner ON users FOR ALL TO ${APP_ROLE}
       USING (id = ${currentUser} OR lower(email) = ${lookup})
       WITH CHECK (true)`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON users TO ${APP_ROLE}`,
    `ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY`,
    // The app appends to the audit log (also events without a user, e.g. a deleted account) and reads its own.
    `CREATE POLICY audit_log_read ON audit_log FOR SELECT TO ${APP_ROLE} USING (user_id = ${currentUser})`,
    `CREATE POLICY audit_log_append ON audit_log FOR INSERT TO ${APP_ROLE}
       WITH CHECK (user_id IS NULL OR user_id = ${currentUser})`,
    `GRANT SELECT, INSERT ON audit_log TO ${APP_ROLE}`,
    `GRANT USAGE ON SEQUENCE audit_log_id_seq TO ${APP_ROLE}`,
  ];
  for (const table of userOwnedTables) {
    const secretKey =
      table === 'sessions' || table === 'personal_access_tokens' ? ` OR token_hash = ${lookup}` : '';
    statements.push(
      `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
      `CREATE POLICY ${table}_owner ON ${table} FOR ALL TO ${APP_ROLE}
         USING (user_id = ${currentUser}${secretKey})
         WITH CHECK (user_id = ${currentUser})`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${APP_ROLE}`,
    );
  }
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of userOwnedTables) {
    await sql.raw(`DROP POLICY IF EXISTS ${table}_owner ON ${table}`).execute(db);
    await sql.raw(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`).execute(db);
    await sql.raw(`REVOKE ALL ON ${table} FROM ${APP_ROLE}`).execute(db);
  }
  await sql.raw(`DROP POLICY IF EXISTS audit_log_read ON audit_log`).execute(db);
  await sql.raw(`DROP POLICY IF EXISTS audit_log_append ON audit_log`).execute(db);
  await sql.raw(`ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY`).execute(db);
  await sql.raw(`REVOKE ALL ON audit_log FROM ${APP_ROLE}`).execute(db);
  await sql.raw(`REVOKE ALL ON SEQUENCE audit_log_id_seq FROM ${APP_ROLE}`).execute(db);
  await sql.raw(`DROP POLICY IF EXISTS users_owner ON users`).execute(db);
  await sql.raw(`ALTER TABLE users DISABLE ROW LEVEL SECURITY`).execute(db);
  await sql.raw(`REVOKE ALL ON users FROM ${APP_ROLE}`).execute(db);
  await sql.raw(`ALTER TABLE users DROP COLUMN mfa_last_step`).execute(db);
  await sql.raw(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`).execute(db);
}
