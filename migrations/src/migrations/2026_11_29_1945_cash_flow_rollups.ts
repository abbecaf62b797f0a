import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Rollups for reads (issue 16). cash_flow_daily holds, per user, counted day, category, account and currency,
// the spending, income and counts of the one cash-flow definition (shared/src/figures/cash-flow.ts, mirrored by
// the dashboard's SQL): posted rows that are not flagged transfers or excluded; a split's parts replace its
// transaction; parts in transfer-kind categories drop out; income-kind parts and uncategorized money in are
// income, every other part spending; the day is the posting time's day in the user's zone, else Plaid's date.
// `currency` is upper(currency or unofficial currency), '' for "the user's own currency" (resolved at read).
// `txn_count` gives each counted transaction to exactly one of its rows, so sums over rows count transactions.
//
// Why triggers and not calls in each write path: statement-level AFTER triggers with transition tables on
// every table the definition reads (transactions, transaction_splits, categories.kind, users.timezone) run in
// the writing statement's own transaction, so no write path — sync commit, edit, rule apply, transfer pairing,
// statement import, manual accounts, an item's removal (cascades), or one added later — can leave them stale.
// They recompute the touched (user, day) pairs from the raw rows rather than adding deltas: the recompute is the
// definition itself, idempotent, and a day is a few hundred rows; a sync's 50k rows are one grouped scan.
//
// ledger_versions.version is bumped by the same triggers (and by accounts/categories changes that only rename)
// and gives the reads their ETag. Bumping first also takes the user's version row lock, so two transactions
// writing one user's ledger recompute one after the other: the second recomputes after the first commits
// (READ COMMITTED: each statement in a volatile function takes a fresh snapshot), never from a stale one.
//
// Both tables are user-owned with the same row-level security as the tables they summarize; the trigger
// functions run as the writer (SECURITY INVOKER), which only ever touches its own user's rows.

const APP_ROLE = 'finsync_app';
const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;

const owned = (table: string) => [
  `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
  `CREATE POLICY ${table}_owner ON ${table} FOR ALL TO ${APP_ROLE}
     USING (user_id = ${currentUser})
     WITH CHECK (user_id = ${currentUser})`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${APP_ROLE}`,
];

/** The day a row of `transactions` (alias r, with its user u) counts on. */
const countedDay = `coalesce((r.datetime AT TIME ZONE u.timezone)::date, r.date)`;
/** Whether a row of `transactions` (alias r) can count at all. */
const candidate = `NOT r.pending AND NOT r.is_transfer AND NOT r.excluded_from_reports`;

/** A statement trigger function that refreshes the (user, day) pairs its transition tables' rows touch. */
function touchFunction(name: string, touched: (table: string) => string, tables: string[]): string {
  const union = tables.map(touched).join('\n        UNION ALL\n        ');
  return `
CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM cash_flow_touch(k.user_id, coalesce(k.days, '{}'))
  FROM (
    SELECT user_id, array_agg(DISTINCT day) FILTER (WHERE day IS NOT NULL) AS days
    FROM (
        ${union}
    ) touched
    GROUP BY user_id
  ) k;
  RETURN NULL;
END
$fn$`;
}

const transactionDays = (table: string) =>
  `SELECT r.user_id, CASE WHEN ${candidate} THEN ${countedDay} END AS day
         FROM ${table} r JOIN users u ON u.id = r.user_id`;
const splitDays = (table: string) =>
  `SELECT s.user_id, CASE WHEN ${candidate} THEN ${countedDay} END AS day
         FROM ${table} s JOIN transactions r ON r.id = s.transaction_id JOIN users u ON u.id = r.user_id`;

const statements = [
  `CREATE TABLE cash_flow_daily (
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day date NOT NULL,
    category_id uuid,
    account_id uuid NOT NULL,
    currency text NOT NULL,
    spent_minor bigint NOT NULL,
    income_minor bigint NOT NULL,
    spent_count integer NOT NULL,
    txn_count integer NOT NULL,
    UNIQUE NULLS NOT DISTINCT (user_id, day, category_id, account_id, currency)
  )`,
  `CREATE INDEX cash_flow_daily_read_idx ON cash_flow_daily (user_id, day)
     INCLUDE (category_id, currency, spent_minor, income_minor, spent_count, txn_count)`,
  `CREATE TABLE ledger_versions (
    user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    version bigint NOT NULL DEFAULT 1
  )`,
  ...owned('cash_flow_daily'),
  ...owned('ledger_versions'),

  // Recompute one user's rollup rows for the given counted days from the raw rows (all days when null).
  `CREATE FUNCTION cash_flow_refresh(p_user uuid, p_days date[]) RETURNS void LANGUAGE plpgsql AS $fn$
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
$fn$`,

  // Bump the user's data version (taking its row lock first, see above) and mark the days dirty (null: all,
  // marked '-infinity'). The recompute waits for the commit, so that a bulk write of many statements (an
  // import's 500-row slices, categorization after a sync) recomputes each day once, not once per statement.
  `CREATE UNLOGGED TABLE cash_flow_dirty (
    user_id uuid NOT NULL,
    day date NOT NULL,
    PRIMARY KEY (user_id, day)
  )`,
  ...owned('cash_flow_dirty'),
  `CREATE FUNCTION cash_flow_touch(p_user uuid, p_days date[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  -- A user being deleted cascades here with its row already gone: nothing to version or summarize.
  INSERT INTO ledger_versions AS v (user_id)
  SELECT id FROM users WHERE id = p_user
  ON CONFLICT (user_id) DO UPDATE SET version = v.version + 1;
  IF NOT FOUND THEN RETURN; END IF;
  INSERT INTO cash_flow_dirty (user_id, day)
  SELECT p_user, d FROM unnest(coalesce(p_days, '{-infinity}'::date[])) d
  ON CONFLICT DO NOTHING;
END
$fn$`,
  // Recompute the user's dirty days now; readers in a transaction that wrote call it before reading.
  `CREATE FUNCTION cash_flow_flush(p_user uuid) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  days date[];
BEGIN
  WITH gone AS (DELETE FROM cash_flow_dirty WHERE user_id = p_user RETURNING day)
  SELECT array_agg(day) INTO days FROM gone;
  IF days IS NULL THEN RETURN; END IF;
  IF '-infinity'::date = ANY (days) THEN
    PERFORM cash_flow_refresh(p_user, NULL);
  ELSE
    PERFORM cash_flow_refresh(p_user, days);
  END IF;
END
$fn$`,
  // At commit, the first dirty row of a user recomputes all of that user's dirty days; the rest find none.
  `CREATE FUNCTION cash_flow_on_dirty() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM cash_flow_flush(NEW.user_id);
  RETURN NULL;
END
$fn$`,
  `CREATE CONSTRAINT TRIGGER cash_flow_flush_at_commit AFTER INSERT ON cash_flow_dirty
     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cash_flow_on_dirty()`,

  touchFunction('cash_flow_on_transactions_insert', transactionDays, ['new_rows']),
  touchFunction('cash_flow_on_transactions_update', transactionDays, ['old_rows', 'new_rows']),
  touchFunction('cash_flow_on_transactions_delete', transactionDays, ['old_rows']),
  touchFunction('cash_flow_on_splits_insert', splitDays, ['new_rows']),
  touchFunction('cash_flow_on_splits_update', splitDays, ['old_rows', 'new_rows']),
  touchFunction('cash_flow_on_splits_delete', splitDays, ['old_rows']),
  `CREATE TRIGGER cash_flow_insert AFTER INSERT ON transactions REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION cash_flow_on_transactions_insert()`,
  `CREATE TRIGGER cash_flow_update AFTER UPDATE ON transactions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION cash_flow_on_transactions_update()`,
  `CREATE TRIGGER cash_flow_delete AFTER DELETE ON transactions REFERENCING OLD TABLE AS old_rows
     FOR EACH STATEMENT EXECUTE FUNCTION cash_flow_on_transactions_delete()`,
  `CREATE TRIGGER cash_flow_insert AFTER INSERT ON transaction_splits REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION cash_flow_on_splits_insert()`,
  `CREATE TRIGGER cash_flow_update AFTER UPDATE ON transaction_splits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION cash_flow_on_splits_update()`,
  `CREATE TRIGGER cash_flow_delete AFTER DELETE ON transaction_splits REFERENCING OLD TABLE AS old_rows
     FOR EACH STATEMENT EXECUTE FUNCTION cash_flow_on_splits_delete()`,

  // A category's kind decides how every row in it counts: refresh the days of its rows and parts. Any other
  // change to a category (a rename) or an account only bumps the version: the reads show their names.
  `CREATE FUNCTION cash_flow_on_categories_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM cash_flow_touch(k.user_id, coalesce(d.days, '{}'))
  FROM (SELECT DISTINCT user_id FROM new_rows) k
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT ${countedDay}) AS days
    FROM transactions r JOIN users u ON u.id = r.user_id
    WHERE r.user_id = k.user_id AND ${candidate}
      AND (r.category_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                             WHERE n.user_id = k.user_id AND o.kind IS DISTINCT FROM n.kind)
           OR r.id IN (SELECT s.transaction_id FROM transaction_splits s
                       JOIN new_rows n ON n.id = s.category_id JOIN old_rows o ON o.id = n.id
                       WHERE s.user_id = k.user_id AND o.kind IS DISTINCT FROM n.kind))
  ) d ON true;
  RETURN NULL;
END
$fn$`,
  `CREATE FUNCTION ledger_version_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM cash_flow_touch(k.user_id, '{}') FROM (SELECT DISTINCT user_id FROM changed_rows) k;
  RETURN NULL;
END
$fn$`,
  `CREATE TRIGGER cash_flow_update AFTER UPDATE ON categories REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION cash_flow_on_categories_update()`,
  `CREATE TRIGGER ledger_version_insert AFTER INSERT ON categories REFERENCING NEW TABLE AS changed_rows
     FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump()`,
  `CREATE TRIGGER ledger_version_delete AFTER DELETE ON categories REFERENCING OLD TABLE AS changed_rows
     FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump()`,
  `CREATE TRIGGER ledger_version_insert AFTER INSERT ON accounts REFERENCING NEW TABLE AS changed_rows
     FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump()`,
  `CREATE TRIGGER ledger_version_update AFTER UPDATE ON accounts REFERENCING NEW TABLE AS changed_rows
     FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump()`,
  `CREATE TRIGGER ledger_version_delete AFTER DELETE ON accounts REFERENCING OLD TABLE AS changed_rows
     FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump()`,

  // The user's zone moves posting times across days: refresh all of them. Their currency changes which
  // rows the reads pick (resolved at read time), so it only bumps the version.
  `CREATE FUNCTION cash_flow_on_users_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM cash_flow_touch(n.id, CASE WHEN o.timezone IS DISTINCT FROM n.timezone THEN NULL ELSE '{}'::date[] END)
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE o.timezone IS DISTINCT FROM n.timezone OR o.currency IS DISTINCT FROM n.currency;
  RETURN NULL;
END
$fn$`,
  // (A column list, UPDATE OF timezone, currency, cannot have transition tables: the function filters.)
  `CREATE TRIGGER cash_flow_update AFTER UPDATE ON users
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION cash_flow_on_users_update()`,

  // Backfill: every user's rollups from the rows already stored, and a first version.
  `INSERT INTO ledger_versions (user_id) SELECT id FROM users`,
  `SELECT cash_flow_refresh(id, NULL) FROM users`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const drops = [
    `DROP TRIGGER IF EXISTS cash_flow_update ON users`,
    `DROP TRIGGER IF EXISTS ledger_version_insert ON accounts`,
    `DROP TRIGGER IF EXISTS ledger_version_update ON accounts`,
    `DROP TRIGGER IF EXISTS ledger_version_delete ON accounts`,
    `DROP TRIGGER IF EXISTS ledger_version_insert ON categories`,
    `DROP TRIGGER IF EXISTS ledger_version_delete ON categories`,
    `DROP TRIGGER IF EXISTS cash_flow_update ON categories`,
    ...['transactions', 'transaction_splits'].flatMap((t) => [
      `DROP TRIGGER IF EXISTS cash_flow_insert ON ${t}`,
      `DROP TRIGGER IF EXISTS cash_flow_update ON ${t}`,
      `DROP TRIGGER IF EXISTS cash_flow_delete ON ${t}`,
    ]),
    `DROP FUNCTION IF EXISTS cash_flow_on_users_update()`,
    `DROP FUNCTION IF EXISTS ledger_version_bump()`,
    `DROP FUNCTION IF EXISTS cash_flow_on_categories_update()`,
    ...['transactions', 'splits'].flatMap((t) => [
      `DROP FUNCTION IF EXISTS cash_flow_on_${t}_insert()`,
      `DROP FUNCTION IF EXISTS cash_flow_on_${t}_update()`,
      `DROP FUNCTION IF EXISTS cash_flow_on_${t}_delete()`,
    ]),
    `DROP TRIGGER IF EXISTS cash_flow_flush_at_commit ON cash_flow_dirty`,
    `DROP FUNCTION IF EXISTS cash_flow_on_dirty()`,
    `DROP FUNCTION IF EXISTS cash_flow_flush(uuid)`,
    `DROP FUNCTION IF EXISTS cash_flow_touch(uuid, date[])`,
    `DROP TABLE IF EXISTS cash_flow_dirty`,
    `DROP FUNCTION IF EXISTS cash_flow_refresh(uuid, date[])`,
    `DROP TABLE IF EXISTS ledger_versions`,
    `DROP TABLE IF EXISTS cash_flow_daily`,
  ];
  for (const statement of drops) await sql.raw(statement).execute(db);
}
