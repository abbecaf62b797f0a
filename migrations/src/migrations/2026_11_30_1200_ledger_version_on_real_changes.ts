import { type Kysely, sql } from 'kysely';
import { editFunctionText, reversed, type TextEdit } from '../function-text.ts';

// Frozen: this file keeps meaning what it meant when written.
//
// The ledger version is the ETag of the ledger reads (issue 16) and must change exactly when what they show
// does. An UPDATE of accounts or categories bumped it for every row the statement named, changed or
// not: each sync writes its item's accounts again (same figures, a new balance_updated_at), so every sync —
// even one that found nothing at the bank — sent every client the whole dashboard again, and a category saved
// unchanged did the same. Now a row counts only when a column other than the bookkeeping ones (updated_at,
// and an account's balance_updated_at, which no ledger read shows) differs from what it was. The rows are
// compared as jsonb minus those columns, so a column added later counts without another migration; the
// statements are small (an item's accounts, a user's categories). A report is only ever updated with a new
// summary or PDF, so reports keep bumping on every UPDATE.

/** The bookkeeping columns each table's rows are compared without (categories: below). */
const ignored = { accounts: ['updated_at', 'balance_updated_at'] } as const;

const changedUsers = `
  SELECT DISTINCT n.user_id
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE to_jsonb(n) - TG_ARGV IS DISTINCT FROM to_jsonb(o) - TG_ARGV`;

/** cash_flow_on_categories_update (2026_11_29_1945) takes the users to touch from this subquery… */
const EVERY_USER_UPDATED = 'FROM (SELECT DISTINCT user_id FROM new_rows) k';
/** …and now from this one. */
const USERS_CHANGED = `FROM (${changedUsers}) k`;

const up_ = [
  // An UPDATE's bump: only the users with a row that really changed (TG_ARGV: the columns left out).
  `CREATE FUNCTION ledger_version_bump_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM cash_flow_touch(k.user_id, '{}') FROM (${changedUsers}) k;
  RETURN NULL;
END
$fn$`,
  ...Object.entries(ignored).flatMap(([table, columns]) => [
    `DROP TRIGGER ledger_version_update ON ${table}`,
    `CREATE TRIGGER ledger_version_update AFTER UPDATE ON ${table}
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump_changed(${columns.map((c) => `'${c}'`).join(', ')})`,
  ]),
  // A category's change: as before (a change of kind recomputes the days of its rows and parts), but only
  // for users with a category that really changed — the function's text edited (editFunctionText) below.
  `DROP TRIGGER cash_flow_update ON categories`,
  `CREATE TRIGGER cash_flow_update AFTER UPDATE ON categories REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION cash_flow_on_categories_update('updated_at')`,
];

const down_ = [
  `DROP TRIGGER cash_flow_update ON categories`,
  `CREATE TRIGGER cash_flow_update AFTER UPDATE ON categories REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION cash_flow_on_categories_update()`,
  ...Object.keys(ignored).flatMap((table) => [
    `DROP TRIGGER ledger_version_update ON ${table}`,
    `CREATE TRIGGER ledger_version_update AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS changed_rows
       FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump()`,
  ]),
  `DROP FUNCTION ledger_version_bump_changed()`,
];

const categoriesEdit: TextEdit[] = [[EVERY_USER_UPDATED, USERS_CHANGED]];

export async function up(db: Kysely<any>): Promise<void> {
  await editFunctionText(db, 'cash_flow_on_categories_update()', categoriesEdit);
  for (const statement of up_) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_) await sql.raw(statement).execute(db);
  await editFunctionText(db, 'cash_flow_on_categories_update()', reversed(categoriesEdit));
}
