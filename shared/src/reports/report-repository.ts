import { type Kysely, type RawBuilder, sql } from 'kysely';
import { budgetMonth } from '../budgets/budget-store.ts';
import { seriesKeyColumns, transactionSeriesKey } from '../categorize/transaction-series-key.ts';
import { paysDebtSql } from '../categorize-service/debt-payments.ts';
import { ReportSummary } from '../contract/report-summary.ts';
import { columnsExcept } from '../db/columns.ts';
import type { Database, ReportKind } from '../db/database.ts';
import { withoutJit } from '../db/without-jit.ts';
import { NotFoundError } from '../errors/domain-error.ts';
import { netWorthHistory } from '../net-worth/net-worth-history.ts';
import { countedTransactionColumns } from '../tables/transactions.ts';
import {
  reportHistoryStart,
  reportTrailingPeriods,
  reportTrailingStart,
  reportTrendStart,
} from './build-report-summary.ts';
import { addDays, type LocalDate, monthOf } from './local-date.ts';
import type {
  ReportBillPayment,
  ReportInput,
  ReportMonthTotal,
  ReportTrailingTotals,
} from './report-input.ts';
import type { ReportPeriod } from './report-period.ts';

type Executor = Kysely<Database>;

/** The user's settings a report needs. */
export async function loadReportOwner(db: Executor, userId: string) {
  const user = await db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'timezone',
      'currency',
      'locale',
      'report_weekday',
      'report_schedule',
      'notification_prefs',
    ])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new NotFoundError('user', userId);
  return user;
}

/**
 * Loads every row a report for `period` reads. Transactions are fetched two days wider than the history
 * window because their posting time may put them up to two days from Plaid's date in the user's zone.
 */
export async function loadReportInput(
  db: Executor,
  userId: string,
  period: ReportPeriod,
  currency: string,
  generatedAt: Date,
  options: {
    /**
     * false: everything from the raw rows alone — the trends summed from the rows, the bills' payments found
     * among them by keys computed here — the cross-check of the rollups and of the stored series keys in tests.
     */
    rollups?: boolean;
  } = {},
): Promise<ReportInput> {
  // The trend months and the trailing periods' figures come from the cash-flow rollups (issue 16) when they
  // are in the report's zone (the user's own), the trailing spending per payee summed by SQL; the rows are
  // then read only for the period itself, not a year back. The bills' payments are read by their stored series
  // key. Every read below is independent of the others, so they run side by side (each on its own pool
  // connection): the period's rows are read while the rollups are summed, and read again from the history's
  // start only when the rollups turn out to be in another zone.
  // The trailing figures are summed over the trailing periods' days only (a month or a week to date leaves days
  // between them: see inTrailingPeriods).
  const withRollups = options.rollups !== false;
  // (The balances read the snapshots from the trailing periods on, as they did before the trailing periods'
  // rows were summed ahead.)
  const snapshotsStart = withRollups ? reportTrailingStart(period) : reportHistoryStart(period);
  const rowsStart = withRollups ? period.start : reportHistoryStart(period);
  const series = db.selectFrom('recurring_series').selectAll().where('user_id', '=', userId).execute();
  const [totals, periodRows, billRows, categories, accounts, recurring, { budgets }, history] =
    await Promise.all([
      withRollups ? loadRollupTotals(db, userId, period, currency) : undefined,
      loadPeriodRows(db, userId, { rows: rowsStart, snapshots: snapshotsStart }, period, !withRollups),
      withRollups ? series.then((r) => loadBillPayments(db, userId, snapshotsStart, period, r)) : undefined,
      db
        .selectFrom('categories')
        .select(['id', 'name', 'parent_id', 'kind', 'is_group'])
        .where('user_id', '=', userId)
        .execute(),
      db
        .selectFrom('accounts')
        .select(['id', 'name', 'type', 'currency', 'unofficial_currency'])
        .where('user_id', '=', userId)
        .execute(),
      series,
      budgetMonth(db, userId, monthOf(period.end), generatedAt, { through: period.end }),
      netWorthHistory(
        db,
        userId,
        { from: addDays(reportHistoryStart(period), -1), to: period.end },
        generatedAt,
      ),
    ]);
  const historyStart = reportHistoryStart(period);
  const [{ txns, splits, snapshots }, billPayments] =
    totals || !withRollups
      ? [periodRows, billRows]
      : await Promise.all([
          loadPeriodRows(db, userId, { rows: historyStart, snapshots: historyStart }, period, false),
          loadBillPayments(db, userId, historyStart, period, recurring),
        ]);
  const splitsByTxn = new Map<string, { categoryId: string | null; amountMinor: number }[]>();
  for (const s of splits) {
    const list = splitsByTxn.get(s.transaction_id) ?? [];
    list.push({ categoryId: s.category_id, amountMinor: s.amount_minor });
    splitsByTxn.set(s.transaction_id, list);
  }
  return {
    period,
    currency,
    generatedAt,
    budgets,
    ...(totals ?? {}),
    ...(billPayments ? { billPayments } : {}),
    transactions: txns.map((t) => ({
      id: t.id,
      accountId: t.account_id,
      amountMinor: t.amount_minor,
      currency: t.currency ?? t.unofficial_currency,
      date: t.date,
      datetime: t.datetime_ms === null ? null : new Date(t.datetime_ms),
      name: t.name,
      categoryId: t.category_id,
      isTransfer: t.is_transfer,
      excludedFromReports: t.excluded_from_reports,
      pending: t.pending,
      // Only when computed from the raw rows (else the bills read billPayments). Always set, like splits:
      // spreading a conditional object into each of 17k rows cost more than the rest of the mapping.
      seriesKey: t.keyed ? transactionSeriesKey(t.keyed) : undefined,
      paysDebt: t.keyed?.pays_debt,
      splits: splitsByTxn.get(t.id),
    })),
    categories: categories.map((c) => ({
      id: c.id,
      name: c.name,
      parentId: c.parent_id,
      kind: c.kind,
      isGroup: c.is_group,
    })),
    accounts: accounts.map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type,
      currency: a.currency ?? a.unofficial_currency,
    })),
    snapshots: [
      ...snapshots.map((s) => ({
        accountId: s.account_id,
        date: s.date,
        currentMinor: s.current_minor,
      })),
      ...estimatedBalances(snapshots, history),
    ],
    recurring: recurring.map((r) => ({
      id: r.id,
      seriesKey: r.series_key,
      payee: r.payee,
      cadence: r.cadence,
      direction: r.direction,
      typicalAmountMinor: r.typical_amount_minor,
      lastAmountMinor: r.last_amount_minor,
      currency: r.currency,
      lastDate: r.last_date,
      nextExpectedDate: r.next_expected_date,
      status: r.status,
    })),
  };
}

/**
 * The posting time as milliseconds since the epoch (floored: the instant's own day, as the rollups' exact
 * timestamp gives it): a number parses in a fraction of the time node-postgres takes to parse a timestamptz
 * text, ~17 ms of a report's 17k rows.
 */
const postedAtMs = sql<number | null>`floor(extract(epoch from t.datetime) * 1000)::float8`;
/** The name the user sees (their edit, else the merchant, else the raw text), as ONE column. */
const shownName = sql<string>`coalesce(t.payee, t.merchant_name, t.raw_name)`;

/**
 * The transactions and their splits a report reads from `start.rows` on, and the balance snapshots from
 * `start.snapshots` on. Transactions are fetched two days wider than that because their posting time may put
 * them up to two days from Plaid's date in the user's zone. `keyed`: with the columns their series key and
 * debt payment are computed from (the bills from the raw rows); else the bills are read by loadBillPayments.
 */
async function loadPeriodRows(
  db: Executor,
  userId: string,
  start: { rows: LocalDate; snapshots: LocalDate },
  period: ReportPeriod,
  keyed: boolean,
) {
  const from = addDays(start.rows, -2);
  const to = addDays(period.end, 2);
  const [txns, splits, snapshots] = await Promise.all([
    keyed ? loadKeyedRows(db, userId, from, to) : loadRows(db, userId, from, to),
    db
      .selectFrom('transaction_splits as s')
      .innerJoin('transactions as t', 't.id', 's.transaction_id')
      .select(['s.transaction_id', 's.category_id', 's.amount_minor'])
      .where('t.user_id', '=', userId)
      .where('t.date', '>=', from)
      .where('t.date', '<=', to)
      .execute(),
    db
      .selectFrom('balance_snapshots')
      .select(['account_id', 'date', 'current_minor'])
      .where('user_id', '=', userId)
      .where('date', '<=', period.end)
      .where('date', '>=', addDays(start.snapshots, -42))
      .execute(),
  ]);
  return { txns, splits, snapshots };
}

/** The columns the figures count by and the name shown, one row per transaction from `from` to `to`. */
async function loadRows(db: Executor, userId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('transactions as t')
    .select(rowColumns)
    .select([postedAtMs.as('datetime_ms'), shownName.as('name')])
    .where('user_id', '=', userId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  return rows as ((typeof rows)[number] & { keyed?: undefined })[];
}

/** loadRows with what the series key and a debt payment are computed from, per row. */
async function loadKeyedRows(db: Executor, userId: string, from: string, to: string) {
  // pays_debt's subquery per row puts the estimate over jit_above_cost; JIT took ~30 ms of a 78 ms query.
  const rows = await withoutJit(db, (q) =>
    q
      .selectFrom('transactions as t')
      .select([...rowColumns, 'payee', 'merchant_name', 'raw_name'])
      .select([postedAtMs.as('datetime_ms'), shownName.as('name'), paysDebtSql.as('pays_debt')])
      .where('user_id', '=', userId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute(),
  );
  return rows.map((r) => ({ ...r, keyed: r }));
}

/** The counted columns but the posting time (read as postedAtMs) and the three names (read as shownName). */
const readAsOne = ['datetime', 'payee', 'merchant_name', 'raw_name'] as const;
const rowColumns = countedTransactionColumns.filter(
  (c): c is Exclude<(typeof countedTransactionColumns)[number], (typeof readAsOne)[number]> =>
    !(readAsOne as readonly string[]).includes(c),
);

/**
 * The transactions from `start` (two days wider, as loadPeriodRows) to the period's end whose stored series
 * key is one of the user's outgoing series', and those whose key is not stored yet (synced since the last
 * recurring refresh, or cleared by an edit), keyed here: what the bills section reads of a report's rows.
 */
async function loadBillPayments(
  db: Executor,
  userId: string,
  start: string,
  period: ReportPeriod,
  series: readonly { series_key: string; direction: string }[],
): Promise<ReportBillPayment[]> {
  // The keys are sent as values, not read by a subquery: planned with them, the read is a look-up of a few
  // index entries. Planned without them (a join, or ANY of a subquery), the estimate took a key for common
  // (the bench household's payees all clean to one key), crossed jit_above_cost and spent 63-125 ms compiling.
  const keys = series.filter((s) => s.direction === 'outflow').map((s) => s.series_key);
  const rows = await db
    .selectFrom('transactions as t')
    .select(['t.date', 't.pending', 't.is_transfer', 't.series_key', ...seriesKeyColumns])
    .select(paysDebtSql.as('pays_debt'))
    .where('t.user_id', '=', userId)
    .where('t.date', '>=', addDays(start, -2))
    .where('t.date', '<=', addDays(period.end, 2))
    .where((eb) =>
      eb.or([
        eb('t.series_key', 'is', null),
        ...(keys.length ? [eb('t.series_key', '=', sql<string>`ANY (${keys}::text[])`)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    date: r.date,
    amountMinor: r.amount_minor,
    pending: r.pending,
    isTransfer: r.is_transfer,
    paysDebt: r.pays_debt,
    seriesKey: r.series_key ?? transactionSeriesKey(r),
  }));
}

/**
 * What a report reads summed ahead of its rows (issue 16): the trend months and the trailing periods from the
 * cash-flow rollups, the trailing spending per payee by SQL over the raw rows; undefined when the rollups are in
 * another zone than the report's (the user changed theirs since the period).
 */
async function loadRollupTotals(
  db: Executor,
  userId: string,
  period: ReportPeriod,
  currency: string,
): Promise<{ monthTotals: ReportMonthTotal[]; trailingTotals: ReportTrailingTotals } | undefined> {
  const fromRollups = async () => {
    // Days written earlier in this transaction are recomputed now (else at its commit).
    await sql`SELECT cash_flow_flush(${userId}::uuid)`.execute(db);
    return Promise.all([
      loadMonthTotals(db, userId, period, currency),
      loadTrailingDays(db, userId, period, currency),
    ]);
  };
  const [[monthTotals, trailing], spentByPayeeName] = await Promise.all([
    fromRollups(),
    loadTrailingPayees(db, userId, period, currency),
  ]);
  if (!monthTotals || !trailing) return undefined;
  return { monthTotals, trailingTotals: { ...trailing, spentByPayeeName } };
}

/**
 * Whether a currency key (cash_flow_currency_key: the rollups' upper-cased code, '' for "the user's own
 * currency") is the report's: cash_flow_in_currency, the one reading of it for every figure summed in SQL.
 */
const inReportCurrency = (key: RawBuilder<unknown>, userCurrency: RawBuilder<unknown>, currency: string) =>
  sql<boolean>`cash_flow_in_currency(${key}, ${userCurrency}, ${currency})`;

/**
 * Whether the counted day `day` (a date column) falls in one of the report's trailing periods: within the
 * stretch they span (the bound an index reads by) and in one of them, since a month or a week to date, compared
 * like for like, leaves days between them (1–15 October against 1–15 September, August and July) that count
 * in none. The summary places days in periods by the same list (reportTrailingPeriods).
 */
function inTrailingPeriods(day: RawBuilder<unknown>, period: ReportPeriod): RawBuilder<boolean> {
  const { first, last, trailing } = trailingDays(period);
  const inOne = trailing.map((p) => sql`${day} BETWEEN ${p.start}::date AND ${p.end}::date`);
  return sql<boolean>`(${day} BETWEEN ${first}::date AND ${last}::date AND (${sql.join(inOne, sql` OR `)}))`;
}

/** The trailing periods (latest first), and the first and last days of the stretch they span. */
function trailingDays(period: ReportPeriod): { first: LocalDate; last: LocalDate; trailing: ReportPeriod[] } {
  const trailing = reportTrailingPeriods(period);
  const latest = trailing[0];
  const earliest = trailing.at(-1);
  if (!latest || !earliest) throw new Error('a report compares with at least one trailing period');
  return { first: earliest.start, last: latest.end, trailing };
}

/**
 * The trailing periods' spending and income per counted day and their spending per category, summed from
 * cash_flow_daily; undefined when the rollups are in another zone than the report's.
 */
async function loadTrailingDays(
  db: Executor,
  userId: string,
  period: ReportPeriod,
  currency: string,
): Promise<Omit<ReportTrailingTotals, 'spentByPayeeName'> | undefined> {
  const { rows } = await sql<{
    by_day: boolean | null;
    day: LocalDate | null;
    category_id: string | null;
    spent: number;
    income: number;
    timezone: string;
  }>`
    SELECT r.by_day, to_char(r.day, 'YYYY-MM-DD') AS day, r.category_id, r.spent, r.income, u.timezone
    FROM users u
    LEFT JOIN LATERAL (
      SELECT GROUPING(d.day) = 0 AS by_day, d.day, d.category_id,
             sum(d.spent_minor)::bigint AS spent, sum(d.income_minor)::bigint AS income
      FROM cash_flow_daily d
      WHERE d.user_id = u.id
        AND ${inTrailingPeriods(sql.ref('d.day'), period)}
        AND ${inReportCurrency(sql.ref('d.currency'), sql.ref('u.currency'), currency)}
      GROUP BY GROUPING SETS ((d.day), (d.category_id))
    ) r ON true
    WHERE u.id = ${userId}
  `.execute(db);
  if (rows.length === 0 || rows[0]!.timezone !== period.timezone) return undefined;
  const days: ReportTrailingTotals['days'][number][] = [];
  const spentByCategory: ReportTrailingTotals['spentByCategory'][number][] = [];
  for (const r of rows) {
    if (r.by_day === null) continue; // no rollup row in the trailing days
    if (r.by_day) days.push({ day: r.day!, spentMinor: r.spent, incomeMinor: r.income });
    else spentByCategory.push({ categoryKey: r.category_id ?? '', spentMinor: r.spent });
  }
  return { days, spentByCategory };
}

/**
 * The trailing periods' counted spending per payee name as shown, summed over the raw rows: the rollups have
 * no payee, so this is the rollups' recompute (cash_flow_refresh) with the name for its grouping, calling the
 * same SQL rules (migration 2026_11_30_1500): the rows that count (cash_flow_counts), a split's parts in place of
 * its transaction (an uncategorized part stays uncategorized), transfer-kind parts dropped
 * (cash_flow_kind_counts), the side (cash_flow_is_income), the counted day in the report's zone (cash_flow_day),
 * the currency key (cash_flow_currency_key). The report-repository DB
 * test proves its figures equal to the raw rows' through figures/cash-flow.ts. The summary keys the names
 * (payeeKeyOf), so the payee key has no second definition in SQL (lower() and btrim() differ from JavaScript's
 * toLowerCase() and trim() outside ASCII).
 */
async function loadTrailingPayees(
  db: Executor,
  userId: string,
  period: ReportPeriod,
  currency: string,
): Promise<ReportTrailingTotals['spentByPayeeName'][number][]> {
  const { first, last } = trailingDays(period);
  const userCurrency = sql`(SELECT u.currency FROM users u WHERE u.id = ${userId})`;
  // The counted day is filtered outside the fenced (OFFSET 0) rows: the planner then sizes the rows by the
  // date index (~13k for the bench's quarter) and hashes the splits and categories once, where its guess for a
  // day filter (one row) had it probe both per row (~110 → ~60 ms on the bench's household). Grouped by the name's bytes (COLLATE "C":
  // equal under any deterministic collation), the sort does not go through the locale's comparison.
  const { rows } = await sql<{ name: string; spent: number }>`
    SELECT l.name COLLATE "C" AS name,
           sum(CASE WHEN cash_flow_is_income(c.kind, l.amount_minor) THEN 0 ELSE l.amount_minor END)::bigint
             AS spent
    FROM (
      SELECT ${shownName} AS name,
             CASE WHEN s.id IS NULL THEN t.category_id ELSE s.category_id END AS category_id,
             CASE WHEN s.id IS NULL THEN t.amount_minor ELSE s.amount_minor END AS amount_minor,
             cash_flow_day(t.datetime, t.date, ${period.timezone}) AS day
      FROM transactions t
      LEFT JOIN transaction_splits s ON s.transaction_id = t.id AND s.user_id = ${userId}
      WHERE t.user_id = ${userId}
        AND t.date BETWEEN ${addDays(first, -2)}::date AND ${addDays(last, 2)}::date
        AND cash_flow_counts(t.pending, t.is_transfer, t.excluded_from_reports)
        AND ${inReportCurrency(sql`cash_flow_currency_key(t.currency, t.unofficial_currency)`, userCurrency, currency)}
      OFFSET 0
    ) l
    LEFT JOIN categories c ON c.id = l.category_id AND c.user_id = ${userId}
    WHERE ${inTrailingPeriods(sql.ref('l.day'), period)}
      AND cash_flow_kind_counts(c.kind)
    GROUP BY 1
  `.execute(db);
  return rows.map((r) => ({ name: r.name, spentMinor: r.spent }));
}

/**
 * The trend months' spending and income per category in `currency`, summed from cash_flow_daily; undefined
 * when the rollups are in another zone than the report's (the user changed theirs since the period).
 */
async function loadMonthTotals(
  db: Executor,
  userId: string,
  period: ReportPeriod,
  currency: string,
): Promise<ReportMonthTotal[] | undefined> {
  // Summed per month inside the lateral (a hash aggregate over the year's daily rows), then joined to the user
  // for the zone: grouping the joined rows by a formatted month sorted all ~18k of them (128 → 34 ms).
  const { rows } = await sql<{
    month: string | null;
    category_id: string | null;
    spent: number;
    income: number;
    timezone: string;
  }>`
    SELECT to_char(r.month, 'YYYY-MM') AS month, r.category_id, r.spent, r.income, u.timezone
    FROM users u
    LEFT JOIN LATERAL (
      SELECT date_trunc('month', d.day::timestamp) AS month, d.category_id,
             sum(d.spent_minor)::bigint AS spent, sum(d.income_minor)::bigint AS income
      FROM cash_flow_daily d
      WHERE d.user_id = u.id
        AND d.day BETWEEN ${reportTrendStart(period)}::date AND ${period.end}::date
        AND ${inReportCurrency(sql.ref('d.currency'), sql.ref('u.currency'), currency)}
      GROUP BY 1, 2
    ) r ON true
    WHERE u.id = ${userId}
  `.execute(db);
  if (rows.length === 0 || rows[0]!.timezone !== period.timezone) return undefined;
  return rows
    .filter((r) => r.month !== null)
    .map((r) => ({
      month: r.month!,
      categoryKey: r.category_id ?? '',
      spentMinor: r.spent,
      incomeMinor: r.income,
    }));
}

export interface StoredReport {
  userId: string;
  kind: ReportKind;
  period: ReportPeriod;
  currency: string;
  summary: ReportSummary;
  pdf: Buffer | null;
  generatedAt: Date;
}

/** Inserts or replaces the report for (user, kind, period); the id stays the same across regenerations. */
export async function saveReport(db: Executor, report: StoredReport): Promise<{ id: string }> {
  const values = {
    user_id: report.userId,
    kind: report.kind,
    period_start: report.period.start,
    period_end: report.period.end,
    timezone: report.period.timezone,
    currency: report.currency,
    summary: JSON.stringify(report.summary),
    pdf: report.pdf,
    pdf_bytes: report.pdf?.length ?? null,
    generated_at: report.generatedAt,
  };
  return db
    .insertInto('reports')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['user_id', 'kind', 'period_start', 'period_end']).doUpdateSet({
        timezone: values.timezone,
        currency: values.currency,
        summary: values.summary,
        pdf: values.pdf,
        pdf_bytes: values.pdf_bytes,
        generated_at: values.generated_at,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A user's reports, newest period first, without the PDF bytes. */
export async function listReports(db: Executor, userId: string, limit = 50) {
  return db
    .selectFrom('reports')
    .select(columnsExcept('reports', ['user_id', 'summary', 'pdf']))
    .where('user_id', '=', userId)
    .orderBy('period_start', 'desc')
    .orderBy('kind')
    .limit(limit)
    .execute();
}

/**
 * Every stored report of a user as a refresh compares it with the ledger: its period, its summary as stored
 * (any shape an older release wrote) and its PDF's size, without the PDF bytes.
 */
export async function listStoredSummaries(db: Executor, userId: string) {
  return db
    .selectFrom('reports')
    .select(columnsExcept('reports', ['id', 'user_id', 'pdf']))
    .where('user_id', '=', userId)
    .execute();
}

/** One report of this user (another user's id is simply not found). */
export async function findReport(db: Executor, userId: string, reportId: string, withPdf = false) {
  const row = await db
    .selectFrom('reports')
    .select(columnsExcept('reports', ['pdf']))
    .$if(withPdf, (q) => q.select('pdf'))
    .where('user_id', '=', userId)
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('report', reportId);
  // A summary stored by an older release may not have today's shape: null, which no current summary equals,
  // so the report is recomputed and stored again (report-freshness.ts).
  const stored = ReportSummary.safeParse(row.summary);
  return { ...row, summary: stored.success ? stored.data : null };
}

/**
 * Balances walked back from today's through the transactions (shared/src/net-worth, `history`), for each
 * account on the days before the bank's first reported balance: a new user's report has net worth from the
 * first sync on. From that snapshot on, the reported balances are what the report uses.
 */
function estimatedBalances(
  snapshots: readonly { account_id: string; date: string; current_minor: number | null }[],
  history: Awaited<ReturnType<typeof netWorthHistory>>,
): { accountId: string; date: string; currentMinor: number; estimated: true }[] {
  const firstReported = new Map<string, string>();
  for (const s of snapshots) {
    if (s.current_minor === null) continue;
    const seen = firstReported.get(s.account_id);
    if (seen === undefined || s.date < seen) firstReported.set(s.account_id, s.date);
  }
  return history.accounts.flatMap((a) => {
    const first = firstReported.get(a.accountId);
    return a.points
      .filter((p) => p.estimated && (first === undefined || p.date < first))
      .map((p) => ({
        accountId: a.accountId,
        date: p.date,
        currentMinor: p.balanceMinor,
        estimated: true as const,
      }));
  });
}
