import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// The rollups' recompute (cash_flow_refresh, 2026_11_29_1945_cash_flow_rollups) runs at commit over the days a
// transaction dirtied. A historical sync, an import, a rule applied to history or a zone change dirties
// hundreds of days at once, in a table whose new rows have no statistics yet (they were written in the same
// transaction, and ANALYZE cannot run inside it): PostgreSQL then planned the recompute as if the user had a
// handful of rows — three index look-ups per row (user, split, category) and a sort spilled to disk — 665–885 ms
// for a 50k-row history, against 90–170 ms for the same query with hash joins.
//
// So a recompute of more than BULK_DAYS days runs the same query in its own function whose settings forbid
// nested-loop joins and give the grouping memory; a recompute of a few days (an edit, an incremental sync)
// keeps the index look-ups, which are right for a few hundred rows. One query text serves both, so both
// compute the one definition the rollups migration describes.

const BULK_DAYS = 31;

/** The day a row of `transactions` (alias r, with its user u) counts on. */
const countedDay = `coalesce((r.datetime AT TIME ZONE u.timezone)::date, r.date)`;
/** Whether a row of `transactions` (alias r) can count at all. */
const candidate = `NOT r.pending AND NOT r.is_transfer AND NOT r.excluded_from_reports`;

/** The recompute of one user's rollup rows for the given counted days (all days when null), as written in 1945. */
const recompute = (name: string, settings: string) => `
CREATE OR REPLACE FUNCTION ${name}(p_user uuid, p_days date[]) RETURNS void LANGUAGE plpgsql ${settings} AS $fn$
DECLARE
  lo date;
  hi date;
BEGIN
  IF p_days IS NULL THEN
    DELETE FROM cash_flow_daily WHERE user_id = p_user;
    lo := '-infinity';
    hi := 'infinity';
  ELSE
    IF cardinality(p_days) = 0 THEN RETURN; END IF;
    SELECT min(d) - 2, max(d) + 2 INTO lo, hi FROM unnest(p_days) d;
    DELETE FROM cash_flow_daily WHERE user_id = p_user AND day = ANY (p_days);
  END IF;
  INSERT INTO cash_flow_daily
    (user_id, day, category_id, account_id, currency, spent_minor, income_minor, spent_count, txn_count)
  SELECT p_user, l.day, l.category_id, l.account_id, l.currency,
         sum(l.spent), sum(l.income), count(*) FILTER (WHERE l.spent <> 0), count(*) FILTER (WHERE l.first_line)
  FROM (
    SELECT d.day, c.id AS category_id, r.account_id,
           upper(coalesce(r.currency, r.unofficial_currency, '')) AS currency,
           CASE WHEN c.kind = 'income' OR (c.kind IS NULL AND p.amount_minor < 0) THEN 0
                ELSE p.amount_minor END AS spent,
           CASE WHEN c.kind = 'income' OR (c.kind IS NULL AND p.amount_minor < 0) THEN -p.amount_minor
                ELSE 0 END AS income,
           -- A split transaction counts once: on its first part (by split id) that is not transfer-kind.
           (p.split_id IS NULL OR p.split_id = (
              SELECT s2.id FROM transaction_splits s2
              LEFT JOIN categories c2 ON c2.id = s2.category_id AND c2.user_id = p_user
              WHERE s2.transaction_id = r.id AND s2.user_id = p_user AND c2.kind IS DISTINCT FROM 'transfer'
              ORDER BY s2.id LIMIT 1)) AS first_line
    FROM transactions r
    JOIN users u ON u.id = r.user_id
    CROSS JOIN LATERAL (SELECT ${countedDay} AS day) d
    LEFT JOIN transaction_splits s ON s.transaction_id = r.id AND s.user_id = p_user
    CROSS JOIN LATERAL (
      SELECT s.id AS split_id,
             CASE WHEN s.id IS NULL THEN r.category_id ELSE s.category_id END AS category_id,
             CASE WHEN s.id IS NULL THEN r.amount_minor ELSE s.amount_minor END AS amount_minor
    ) p
    LEFT JOIN categories c ON c.id = p.category_id AND c.user_id = p_user
    WHERE r.user_id = p_user
      AND r.date BETWEEN lo AND hi
      AND ${candidate}
      AND c.kind IS DISTINCT FROM 'transfer'
      AND (p_days IS NULL OR d.day IN (SELECT unnest(p_days)))
  ) l
  GROUP BY l.day, l.category_id, l.account_id, l.currency;
END
$fn$`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(recompute('cash_flow_refresh_days', '')).execute(db);
  await sql
    .raw(recompute('cash_flow_refresh_many', `SET enable_nestloop = off SET work_mem = '64MB'`))
    .execute(db);
  await sql
    .raw(`
CREATE OR REPLACE FUNCTION cash_flow_refresh(p_user uuid, p_days date[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF p_days IS NULL OR cardinality(p_days) > ${BULK_DAYS} THEN
    PERFORM cash_flow_refresh_many(p_user, p_days);
  ELSE
    PERFORM cash_flow_refresh_days(p_user, p_days);
  END IF;
END
$fn$`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(recompute('cash_flow_refresh', '')).execute(db);
  await sql`DROP FUNCTION IF EXISTS cash_flow_refresh_many(uuid, date[])`.execute(db);
  await sql`DROP FUNCTION IF EXISTS cash_flow_refresh_days(uuid, date[])`.execute(db);
}
