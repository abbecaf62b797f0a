import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Email-verified sign-up (issue 14): sign-up answers the same whether the address is registered or not, so a new
// address's account waits here until the emailed link is followed. The link's token is signed (HMAC over this
// row's id, the address and the expiry) and only its SHA-256 is stored (token_hash): the row alone opens
// nothing. used_at makes a link single-use. Rows are found before anyone is signed in, by the token's hash or
// the address (app.lookup), like sessions and users. The notification kind account_exists ("you already have an
// account; here is a password-reset link", sent to a registered address that signed up again) joins the
// closed list.

const APP_ROLE = 'finsync_app';
const lookup = `nullif(current_setting('app.lookup', true), '')`;

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
  'goal_behind',
  'bill_due',
];
const KINDS = [...KINDS_BEFORE, 'account_exists'];

const kindCheck = (kinds: readonly string[]) =>
  `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_known
   CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')})) NOT VALID`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `CREATE TABLE pending_signups (
      id uuid PRIMARY KEY,
      email text NOT NULL,
      password_hash text NOT NULL,
      display_name text,
      timezone text,
      locale text,
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX pending_signups_email_idx ON pending_signups (lower(email))`,
    `ALTER TABLE pending_signups ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY pending_signups_lookup ON pending_signups FOR ALL TO ${APP_ROLE}
       USING (token_hash = ${lookup} OR lower(email) = ${lookup})
       WITH CHECK (token_hash = ${lookup} OR lower(email) = ${lookup})`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON pending_signups TO ${APP_ROLE}`,
    `ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_known`,
    kindCheck(KINDS),
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `DELETE FROM notifications WHERE kind = 'account_exists'`,
    `ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_known`,
    kindCheck(KINDS_BEFORE),
    `DROP TABLE IF EXISTS pending_signups`,
  ])
    await sql.raw(statement).execute(db);
}
