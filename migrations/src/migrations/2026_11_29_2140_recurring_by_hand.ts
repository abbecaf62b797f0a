import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// The bills page (issue 18): each recurring series names the account it is paid from (the account of its latest
// payment; a series added by hand may name one), keeps the steady amount before a price change
// (previous_amount_minor: "went from $15.49 to $17.99"), and a series can be added by hand (source 'manual',
// which detection never rewrites). The notification kind bill_due ("a bill is due in a few days") joins the
// closed list.

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
];
const KINDS = [...KINDS_BEFORE, 'bill_due'];

const kindCheck = (kinds: readonly string[]) =>
  `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_known
   CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')})) NOT VALID`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `ALTER TABLE recurring_series ADD COLUMN account_id uuid REFERENCES accounts(id) ON DELETE SET NULL`,
    `ALTER TABLE recurring_series ADD COLUMN previous_amount_minor bigint`,
    `ALTER TABLE recurring_series DROP CONSTRAINT IF EXISTS recurring_series_source_check`,
    `ALTER TABLE recurring_series ADD CONSTRAINT recurring_series_source_check
       CHECK (source IN ('detected', 'plaid', 'manual'))`,
    `ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_known`,
    kindCheck(KINDS),
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `DELETE FROM notifications WHERE kind = 'bill_due'`,
    `ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_known`,
    kindCheck(KINDS_BEFORE),
    `DELETE FROM recurring_series WHERE source = 'manual'`,
    `ALTER TABLE recurring_series DROP CONSTRAINT IF EXISTS recurring_series_source_check`,
    `ALTER TABLE recurring_series ADD CONSTRAINT recurring_series_source_check CHECK (source IN ('detected', 'plaid'))`,
    `ALTER TABLE recurring_series DROP COLUMN IF EXISTS previous_amount_minor`,
    `ALTER TABLE recurring_series DROP COLUMN IF EXISTS account_id`,
  ])
    await sql.raw(statement).execute(db);
}
