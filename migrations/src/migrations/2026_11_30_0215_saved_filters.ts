import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Saved transaction filters (issue 17): a name and the filter the transactions page applies (search, account,
// category, date range, review state, …) as JSON the API validated. One name per user, whatever its case.

const APP_ROLE = 'finsync_app';
const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `CREATE TABLE saved_filters (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
      filter jsonb NOT NULL CHECK (jsonb_typeof(filter) = 'object'),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE UNIQUE INDEX saved_filters_user_name_idx ON saved_filters (user_id, lower(name))`,
    `ALTER TABLE saved_filters ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY saved_filters_owner ON saved_filters FOR ALL TO ${APP_ROLE}
       USING (user_id = ${currentUser})
       WITH CHECK (user_id = ${currentUser})`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON saved_filters TO ${APP_ROLE}`,
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS saved_filters`.execute(db);
}
