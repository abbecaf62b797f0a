import { type Kysely, sql } from 'kysely';
import { editFunctionText, reversed, type TextEdit } from '../function-text.ts';

// Frozen: this file keeps meaning what it meant when written.
//
// Inserted rows are added to the rollups by the inserting statement, instead of marking their days for the
// recompute at COMMIT. A sync's first history (50,000 rows over two years) marked every day it touched, and
// its COMMIT then read all 50,000 rows back from transactions to rebuild those days: 160–250 ms of the
// commit's 1.7–1.8 s. The inserting statement has the rows in hand (its transition table), so it adds their
// sums to the days' rollups (an upsert that adds): 40–60 ms for the same history.
//
// Why adding is exact: an inserted row has no splits (a split names a stored transaction), so it counts
// whole, on its own, as the recompute would count it (same day in the user's zone, same category if the
// user's own, same currency key, same spent/income side, one to txn_count). Every other change still marks
// its days for the recompute, which rebuilds a day from the rows, so an inserted row is counted once whether
// or not its day is also rebuilt in the same transaction. Writers of a user's rows are serialized by the
// ledger_versions row each statement bumps first (cash_flow_touch), so two transactions never add to or rebuild
// one user's day at once.
//
// Which side of a day a row counts on (spent or income) is one definition, cash_flow_is_income, used by the
// recompute and the insert alike (figures/cash-flow.ts's countTransaction in SQL).

const isIncome = `CREATE FUNCTION cash_flow_is_income(kind text, amount_minor bigint) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT kind = 'income' OR (kind IS NULL AND amount_minor < 0) $$`;

const refreshEdits: readonly TextEdit[] = [
  [
    `CASE WHEN c.kind = 'income' OR (c.kind IS NULL AND p.amount_minor < 0) THEN 0
                ELSE p.amount_minor END AS spent`,
    `CASE WHEN cash_flow_is_income(c.kind, p.amount_minor) THEN 0 ELSE p.amount_minor END AS spent`,
  ],
  [
    `CASE WHEN c.kind = 'income' OR (c.kind IS NULL AND p.amount_minor < 0) THEN -p.amount_minor
                ELSE 0 END AS income`,
    `CASE WHEN cash_flow_is_income(c.kind, p.amount_minor) THEN -p.amount_minor ELSE 0 END AS income`,
  ],
];

const addInserted = `CREATE FUNCTION cash_flow_on_transactions_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- The ledger's version, as every write bumps it; no day to rebuild.
  PERFORM cash_flow_touch(n.user_id, '{}') FROM (SELECT DISTINCT user_id FROM new_rows) n;
  INSERT INTO cash_flow_daily AS f
    (user_id, day, category_id, account_id, currency, spent_minor, income_minor, spent_count, txn_count)
  SELECT l.user_id, l.day, l.category_id, l.account_id, l.currency,
         sum(l.spent), sum(l.income), count(*) FILTER (WHERE l.spent <> 0), count(*)
  FROM (
    SELECT r.user_id, coalesce((r.datetime AT TIME ZONE u.timezone)::date, r.date) AS day, c.id AS category_id,
           r.account_id, upper(coalesce(r.currency, r.unofficial_currency, '')) AS currency,
           CASE WHEN cash_flow_is_income(c.kind, r.amount_minor) THEN 0 ELSE r.amount_minor END AS spent,
           CASE WHEN cash_flow_is_income(c.kind, r.amount_minor) THEN -r.amount_minor ELSE 0 END AS income
    FROM new_rows r
    JOIN users u ON u.id = r.user_id
    LEFT JOIN categories c ON c.id = r.category_id AND c.user_id = r.user_id
    WHERE NOT r.pending AND NOT r.is_transfer AND NOT r.excluded_from_reports
      AND c.kind IS DISTINCT FROM 'transfer'
  ) l
  GROUP BY l.user_id, l.day, l.category_id, l.account_id, l.currency
  ON CONFLICT (user_id, day, category_id, account_id, currency) DO UPDATE SET
    spent_minor = f.spent_minor + excluded.spent_minor,
    income_minor = f.income_minor + excluded.income_minor,
    spent_count = f.spent_count + excluded.spent_count,
    txn_count = f.txn_count + excluded.txn_count;
  RETURN NULL;
END
$fn$`;

const insertTrigger = (fn: string) => `CREATE TRIGGER cash_flow_insert AFTER INSERT ON transactions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(isIncome).execute(db);
  await editFunctionText(db, 'cash_flow_refresh(uuid, date[])', refreshEdits);
  await sql.raw(addInserted).execute(db);
  await sql`DROP TRIGGER cash_flow_insert ON transactions`.execute(db);
  await sql.raw(insertTrigger('cash_flow_on_transactions_inserted')).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER cash_flow_insert ON transactions`.execute(db);
  await sql.raw(insertTrigger('cash_flow_on_transactions_insert')).execute(db);
  await sql`DROP FUNCTION cash_flow_on_transactions_inserted()`.execute(db);
  await editFunctionText(db, 'cash_flow_refresh(uuid, date[])', reversed(refreshEdits));
  await sql`DROP FUNCTION cash_flow_is_income(text, bigint)`.execute(db);
}
