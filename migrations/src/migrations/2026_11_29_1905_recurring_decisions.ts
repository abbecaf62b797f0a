import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// The user's word on a recurring series (issue 18): confirmed or dismissed, and a cadence or typical amount they
// corrected. Kept apart from recurring_series, which detection rewrites on every refresh (by user and series key,
// so a series keeps its id); the page, the calendar and the bill alerts apply these on read.

const APP_ROLE = 'finsync_app';
const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE recurring_decisions (
      series_id uuid PRIMARY KEY REFERENCES recurring_series(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      decision text CHECK (decision IN ('confirmed', 'dismissed')),
      cadence text CHECK (cadence IN ('weekly', 'biweekly', 'semimonthly', 'monthly', 'quarterly', 'yearly')),
      amount_minor bigint CHECK (amount_minor > 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX recurring_decisions_user_idx ON recurring_decisions (user_id)`,
    `ALTER TABLE recurring_decisions ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY recurring_decisions_owner ON recurring_decisions FOR ALL TO ${APP_ROLE}
       USING (user_id = ${currentUser})
       WITH CHECK (user_id = ${currentUser})`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON recurring_decisions TO ${APP_ROLE}`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP TABLE IF EXISTS recurring_decisions`).execute(db);
}
