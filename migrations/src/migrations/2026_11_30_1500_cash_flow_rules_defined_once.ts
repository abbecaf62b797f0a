import { type Kysely, sql } from 'kysely';
import { editFunctionText, reversed, type TextEdit } from '../function-text.ts';

// Frozen: this file keeps meaning what it meant when written.
//
// How a transaction counts in cash flow was written out in SQL wherever a row is counted: the rollups'
// recompute (cash_flow_refresh), the inserting statement's add (cash_flow_on_transactions_inserted), the
// triggers that mark the days a change touches, and the report's payee sums (report-repository.ts). Only the
// side (cash_flow_is_income, 1420) had one definition; each rule below now has one too, and every one of those
// places calls it, so a rule changed here changes for all of them (figures/cash-flow.ts's countTransaction is
// the same rules in TypeScript).
//
// Each is a single SQL expression declared IMMUTABLE, so the planner inlines it where it is called: the plans
// and their costs are those of the text it replaces (an IMMUTABLE function whose body is not immutable would
// not be inlined; timestamptz AT TIME ZONE text is timezone(text, timestamptz), which is IMMUTABLE, as are
// upper and coalesce). None is STRICT: a strict SQL function is inlined only when its body is strict too.
//
// - cash_flow_counts: a row counts when posted, not flagged a transfer, not excluded from reports.
// - cash_flow_day: the day it counts on, the posting time's date in the user's zone, else Plaid's date.
// - cash_flow_currency_key: its currency as the rollups key it, upper-cased, '' when it has none. Its first
//   parameter is character, as transactions.currency is, so coalesce is resolved as in the text it replaces
//   (to character, whose cast to text drops trailing blanks, also those of an unofficial code).
// - cash_flow_kind_counts: a line in a transfer-kind category does not count.
// - cash_flow_in_currency: whether a currency key is a report's currency ('' is the user's own currency).

const rules = [
  `CREATE FUNCTION cash_flow_counts(pending boolean, is_transfer boolean, excluded_from_reports boolean)
  RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT NOT pending AND NOT is_transfer AND NOT excluded_from_reports $$`,
  `CREATE FUNCTION cash_flow_day(datetime timestamptz, date date, timezone text)
  RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce((datetime AT TIME ZONE timezone)::date, date) $$`,
  `CREATE FUNCTION cash_flow_currency_key(currency character, unofficial_currency text)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT upper(coalesce(currency, unofficial_currency, '')) $$`,
  `CREATE FUNCTION cash_flow_kind_counts(kind text)
  RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT kind IS DISTINCT FROM 'transfer' $$`,
  `CREATE FUNCTION cash_flow_in_currency(currency_key text, user_currency text, currency text)
  RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT currency_key = upper(currency) OR (currency_key = '' AND upper(user_currency) = upper(currency)) $$`,
];
const dropRules = [
  'cash_flow_counts(boolean, boolean, boolean)',
  'cash_flow_day(timestamptz, date, text)',
  'cash_flow_currency_key(character, text)',
  'cash_flow_kind_counts(text)',
  'cash_flow_in_currency(text, text, text)',
];

const refreshEdits: readonly TextEdit[] = [
  [
    `upper(coalesce(r.currency, r.unofficial_currency, '')) AS currency`,
    `cash_flow_currency_key(r.currency, r.unofficial_currency) AS currency`,
  ],
  [
    `AND (kinds ->> s2.category_id::text) IS DISTINCT FROM 'transfer'`,
    `AND cash_flow_kind_counts(kinds ->> s2.category_id::text)`,
  ],
  [
    `SELECT coalesce((r.datetime AT TIME ZONE tz)::date, r.date) AS day`,
    `SELECT cash_flow_day(r.datetime, r.date, tz) AS day`,
  ],
  [
    `AND NOT r.pending AND NOT r.is_transfer AND NOT r.excluded_from_reports
      AND c.kind IS DISTINCT FROM 'transfer'`,
    `AND cash_flow_counts(r.pending, r.is_transfer, r.excluded_from_reports)
      AND cash_flow_kind_counts(c.kind)`,
  ],
];

const insertedEdits: readonly TextEdit[] = [
  [
    `coalesce((r.datetime AT TIME ZONE u.timezone)::date, r.date) AS day`,
    `cash_flow_day(r.datetime, r.date, u.timezone) AS day`,
  ],
  [
    `upper(coalesce(r.currency, r.unofficial_currency, '')) AS currency`,
    `cash_flow_currency_key(r.currency, r.unofficial_currency) AS currency`,
  ],
  [
    `WHERE NOT r.pending AND NOT r.is_transfer AND NOT r.excluded_from_reports
      AND c.kind IS DISTINCT FROM 'transfer'`,
    `WHERE cash_flow_counts(r.pending, r.is_transfer, r.excluded_from_reports)
      AND cash_flow_kind_counts(c.kind)`,
  ],
];

// The triggers that mark the days a change touches: the day a row counts on, none when it does not count.
const touchedDay = (rows: string): TextEdit => [
  `CASE WHEN NOT r.pending AND NOT r.is_transfer AND NOT r.excluded_from_reports THEN coalesce((r.datetime AT TIME ZONE u.timezone)::date, r.date) END AS day
         FROM ${rows}`,
  `CASE WHEN cash_flow_counts(r.pending, r.is_transfer, r.excluded_from_reports) THEN cash_flow_day(r.datetime, r.date, u.timezone) END AS day
         FROM ${rows}`,
];
const touchedDayEdits: Readonly<Record<string, readonly TextEdit[]>> = {
  'cash_flow_on_transactions_update()': [touchedDay('old_rows r'), touchedDay('new_rows r')],
  'cash_flow_on_transactions_delete()': [touchedDay('old_rows r')],
  'cash_flow_on_splits_insert()': [touchedDay('new_rows s')],
  'cash_flow_on_splits_update()': [touchedDay('old_rows s'), touchedDay('new_rows s')],
  'cash_flow_on_splits_delete()': [touchedDay('old_rows s')],
  'cash_flow_on_categories_update()': [
    [
      `array_agg(DISTINCT coalesce((r.datetime AT TIME ZONE u.timezone)::date, r.date)) AS days`,
      `array_agg(DISTINCT cash_flow_day(r.datetime, r.date, u.timezone)) AS days`,
    ],
    [
      `AND NOT r.pending AND NOT r.is_transfer AND NOT r.excluded_from_reports`,
      `AND cash_flow_counts(r.pending, r.is_transfer, r.excluded_from_reports)`,
    ],
  ],
};

const edited: readonly (readonly [signature: string, edits: readonly TextEdit[]])[] = [
  ['cash_flow_refresh(uuid, date[])', refreshEdits],
  ['cash_flow_on_transactions_inserted()', insertedEdits],
  ...Object.entries(touchedDayEdits),
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const rule of rules) await sql.raw(rule).execute(db);
  for (const [signature, edits] of edited) await editFunctionText(db, signature, edits);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [signature, edits] of [...edited].reverse())
    await editFunctionText(db, signature, reversed(edits));
  for (const rule of dropRules) await sql.raw(`DROP FUNCTION ${rule}`).execute(db);
}
