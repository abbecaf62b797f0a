import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// One closed list of notification kinds (issue 15): the sync engine recorded item problems under its own names
// (item_login_required, …) that the mailer translated; rows now carry the kind the mailer sends, and the column
// refuses any other.

const LEGACY: Record<string, string> = {
  item_login_required: 'reauth_required',
  login_required: 'reauth_required',
  pending_expiration: 'reauth_required',
  permission_revoked: 'reauth_required',
  item_error: 'reauth_required',
  item_reauth_required: 'reauth_required',
  item_pending_expiration: 'reauth_required',
  item_permission_revoked: 'reauth_required',
  sync_failed: 'sync_failing',
  weekly_report: 'report_ready',
  monthly_report: 'report_ready',
};

const KINDS = [
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

export async function up(db: Kysely<any>): Promise<void> {
  for (const [from, to] of Object.entries(LEGACY))
    await sql`UPDATE notifications SET kind = ${to} WHERE lower(trim(kind)) = ${from}`.execute(db);
  await sql`UPDATE notifications SET kind = lower(trim(kind)) WHERE lower(trim(kind)) IN (${sql.join(KINDS)})`.execute(
    db,
  );
  // The mailer skipped a kind it could not send; it now trusts the column, so such a pending row is skipped here.
  // Old rows keep their kind (NOT VALID): the check holds for every row written from now on.
  await sql`UPDATE notifications SET status = 'skipped', last_error = 'no email for kind ' || kind
    WHERE status = 'pending' AND kind NOT IN (${sql.join(KINDS)})`.execute(db);
  await sql
    .raw(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_known
       CHECK (kind IN (${KINDS.map((k) => `'${k}'`).join(', ')})) NOT VALID`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_known`).execute(db);
}
