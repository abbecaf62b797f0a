import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Savings goals (issue 18): a target amount (minor units) by a date, linked to one or more of the user's
// accounts whose balances are what is saved. `start_minor` and `start_date` are what the linked accounts held
// when the goal was set, so "on track" is measured from there. `goal_alerts` records each month a goal was
// reported behind, so the alert goes out at most once per goal and month (the primary key makes a second
// insert a no-op); the notification kind goal_behind joins the closed list.

const APP_ROLE = 'finsync_app';
const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;

const KINDS_BEFORE = [
  'report_ready',
  'reauth_required',
  'sync_failing',
  'large_transaction',
  'low_balance',
  'missed_bill',
  'budget_pace',
  'account_locked',
  'password_reset',
];
const KINDS = [...KINDS_BEFORE, 'goal_behind'];

const kindCheck = (kinds: readonly string[]) =>
  `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_known
   CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')})) NOT VALID`;

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE savings_goals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      target_minor bigint NOT NULL CHECK (target_minor > 0),
      currency text NOT NULL,
      target_date date NOT NULL,
      start_date date NOT NULL,
      start_minor bigint NOT NULL,
      alerts_enabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (target_date > start_date)
    )`,
    `CREATE INDEX savings_goals_user_idx ON savings_goals (user_id)`,
    `CREATE TABLE savings_goal_accounts (
      goal_id uuid NOT NULL REFERENCES savings_goals(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      PRIMARY KEY (goal_id, account_id)
    )`,
    `CREATE INDEX savings_goal_accounts_account_idx ON savings_goal_accounts (account_id)`,
    `CREATE TABLE goal_alerts (
      goal_id uuid NOT NULL REFERENCES savings_goals(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      month date NOT NULL,
      notification_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (goal_id, month)
    )`,
    `ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_known`,
    kindCheck(KINDS),
  ];
  for (const table of ['savings_goals', 'savings_goal_accounts', 'goal_alerts']) {
    statements.push(
      `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
      `CREATE POLICY ${table}_owner ON ${table} FOR ALL TO ${APP_ROLE}
         USING (user_id = ${currentUser})
         WITH CHECK (user_id = ${currentUser})`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${APP_ROLE}`,
    );
  }
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP TABLE IF EXISTS goal_alerts, savings_goal_accounts, savings_goals`).execute(db);
  await sql.raw(`DELETE FROM notifications WHERE kind = 'goal_behind'`).execute(db);
  await sql.raw(`ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_known`).execute(db);
  await sql.raw(kindCheck(KINDS_BEFORE)).execute(db);
}
