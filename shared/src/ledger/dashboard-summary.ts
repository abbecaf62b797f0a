import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

export interface DashboardPeriod {
  from: string;
  to: string;
  /** Omitted: the user's own currency (USD if the user row is gone). */
  currency?: string | undefined;
}

export interface DashboardSummaryView {
  period: { from: string; to: string };
  currency: string;
  spentMinor: number;
  incomeMinor: number;
  netMinor: number;
  transactionCount: number;
  byCategory: { categoryId: string | null; name: string; spentMinor: number; count: number }[];
  trend: {
    granularity: 'day' | 'month';
    points: { bucket: string; spentMinor: number; incomeMinor: number }[];
  };
}

/** Periods longer than this are trended per month rather than per day. */
const DAILY_TREND_MAX_DAYS = 62;

interface AggregateRow {
  level: number;
  category_id: string | null;
  category_name: string | null;
  bucket: string | null;
  currency: string | null;
  spent: number;
  income: number;
  spent_count: number;
  n: number;
}

/**
 * Spending summary over one period in one currency, in one statement (one round trip besides its
 * transaction). The SQL is the one cash-flow definition (figures/cash-flow.ts) written for PostgreSQL:
 * pending rows, rows excluded from reports, other currencies and transfers (flagged, or every part in a
 * transfer-kind category) are left out; splits replace their transaction's category; income-kind parts and
 * uncategorized money in are income, every other part is spending (refunds lower it); each transaction
 * counts on its posting time's day in the user's zone, else Plaid's date. cash-flow-agreement.test.ts
 * proves this equal to the pure definition on randomized ledgers.
 */
export async function dashboardSummary(
  db: Kysely<Database>,
  userId: string,
  period: DashboardPeriod,
): Promise<DashboardSummaryView> {
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 + 1;
  const granularity = days <= DAILY_TREND_MAX_DAYS ? 'day' : 'month';
  // Truncating a timestamp (not timestamptz) gives the same first-of-month without time zone arithmetic.
  const bucket = granularity === 'day' ? sql`l.day` : sql`date_trunc('month', l.day::timestamp)::date`;
  const { rows } = await sql<AggregateRow>`
    WITH me AS (
      SELECT upper(u.currency) AS home, upper(coalesce(${period.currency ?? null}::text, u.currency)) AS wanted,
             u.timezone AS tz
      FROM users u
      WHERE u.id = ${userId}
    ),
    parts AS (
      -- Posted rows that are not flagged transfers or excluded, in a range two days wider than the period: the
      -- posting time's day in the user's zone is within two days of Plaid's date for any pair of zones.
      -- Index-only on transactions_cash_flow_idx (migration 2026_11_29_1710), whose predicate is this one's.
      -- A split transaction's parts replace it; an unsplit one is its own single part. OFFSET 0 keeps the
      -- per-row filters below out of this scan, so the planner keeps its row estimate and joins by hash.
      SELECT t.id, t.currency, t.unofficial_currency, t.date, t.datetime,
             CASE WHEN s.id IS NULL THEN t.category_id ELSE s.category_id END AS category_id,
             CASE WHEN s.id IS NULL THEN t.amount_minor ELSE s.amount_minor END AS amount_minor
      FROM transactions t
      LEFT JOIN transaction_splits s ON s.transaction_id = t.id AND s.user_id = ${userId}
      WHERE t.user_id = ${userId}
        AND t.date BETWEEN ${period.from}::date - 2 AND ${period.to}::date + 2
        AND NOT t.is_transfer
        AND NOT t.excluded_from_reports
        AND NOT t.pending
      OFFSET 0
    ),
    l AS (
      -- Parts in transfer-kind categories drop out (a transaction with no part left is a transfer); income-kind
      -- parts and uncategorized money in are income; every other part is spending (a refund lowers it).
      SELECT p.id, c.id AS category_id, d.day,
             CASE WHEN c.kind = 'income' OR (c.kind IS NULL AND p.amount_minor < 0) THEN 0
                  ELSE p.amount_minor END AS spent,
             CASE WHEN c.kind = 'income' OR (c.kind IS NULL AND p.amount_minor < 0) THEN -p.amount_minor
                  ELSE 0 END AS income
      FROM parts p
      CROSS JOIN me
      CROSS JOIN LATERAL (SELECT coalesce((p.datetime AT TIME ZONE me.tz)::date, p.date) AS day) d
      LEFT JOIN categories c ON c.id = p.category_id AND c.user_id = ${userId}
      WHERE c.kind IS DISTINCT FROM 'transfer'
        AND upper(coalesce(p.currency, p.unofficial_currency, me.home)) = me.wanted
        AND d.day BETWEEN ${period.from}::date AND ${period.to}::date
    ),
    agg AS (
      SELECT grouping(l.category_id, ${bucket})::int AS level,
             l.category_id,
             to_char(${bucket}, 'YYYY-MM-DD') AS bucket,
             coalesce(sum(l.spent), 0)::bigint AS spent,
             coalesce(sum(l.income), 0)::bigint AS income,
             count(*) FILTER (WHERE l.spent <> 0) AS spent_count
      FROM l
      GROUP BY GROUPING SETS ((), (l.category_id), (${bucket}))
    )
    -- Counted transactions once, outside the grouping sets (a DISTINCT there would sort every set).
    SELECT agg.*, c.name AS category_name, (SELECT wanted FROM me) AS currency,
           (SELECT count(DISTINCT l.id) FROM l) AS n
    FROM agg
    LEFT JOIN categories c ON agg.level = 1 AND c.id = agg.category_id AND c.user_id = ${userId}
  `.execute(db);

  // grouping() bits: 2 = category rolled up, 1 = bucket rolled up.
  const total = rows.find((r) => r.level === 3);
  const categoryRows = rows.filter((r) => r.level === 1 && Number(r.spent) !== 0);
  const trendRows = rows.filter((r) => r.level === 2 && r.bucket !== null);
  const spentMinor = total?.spent ?? 0;
  const incomeMinor = total?.income ?? 0;
  return {
    period: { from: period.from, to: period.to },
    currency: total?.currency ?? period.currency ?? 'USD',
    spentMinor,
    incomeMinor,
    netMinor: incomeMinor - spentMinor,
    transactionCount: total?.n ?? 0,
    byCategory: categoryRows
      .map((r) => ({
        categoryId: r.category_id,
        name: r.category_id ? (r.category_name ?? 'Unknown') : 'Uncategorized',
        spentMinor: r.spent,
        count: r.spent_count,
      }))
      .sort((a, b) => b.spentMinor - a.spentMinor || a.name.localeCompare(b.name)),
    trend: {
      granularity,
      points: trendRows
        .map((r) => ({ bucket: r.bucket as string, spentMinor: r.spent, incomeMinor: r.income }))
        .sort((a, b) => a.bucket.localeCompare(b.bucket)),
    },
  };
}
