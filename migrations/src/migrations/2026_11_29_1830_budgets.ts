import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Monthly budgets (issue 18), tracking-style. `budgets` is what is budgeted (a spending category or group, or the
// month's income) with its rollover mode and whether pace alerts are wanted; `budget_months` holds one limit per
// month, so "copy last month" and edits to one month never rewrite another. Spending is never stored: it is
// counted from the ledger by the one cash-flow definition. `budget_alerts` records each pace alert threshold sent
// per budget and month, so an alert goes out at most once (the primary key makes a second insert a no-op).

const APP_ROLE = 'finsync_app';
const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE budgets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('spending', 'income')),
      category_id uuid REFERENCES categories(id) ON DELETE CASCADE,
      rollover text NOT NULL DEFAULT 'none' CHECK (rollover IN ('none', 'surplus', 'surplusAndDeficit')),
      alerts_enabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'spending') = (category_id IS NOT NULL))
    )`,
    `CREATE UNIQUE INDEX budgets_user_category_idx ON budgets (user_id, category_id) WHERE kind = 'spending'`,
    `CREATE UNIQUE INDEX budgets_user_income_idx ON budgets (user_id) WHERE kind = 'income'`,
    `CREATE TABLE budget_months (
      budget_id uuid NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      limit_minor bigint NOT NULL CHECK (limit_minor >= 0),
      PRIMARY KEY (budget_id, month)
    )`,
    `CREATE INDEX budget_months_user_month_idx ON budget_months (user_id, month)`,
    `CREATE TABLE budget_alerts (
      budget_id uuid NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      month date NOT NULL,
      threshold integer NOT NULL,
      notification_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (budget_id, month, threshold)
    )`,
  ];
  for (const table of ['budgets', 'budget_months', 'budget_alerts']) {
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
  await sql.raw(`DROP TABLE IF EXISTS budget_alerts, budget_months, budgets`).execute(db);
}
