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
 * transaction), read from the per-day rollups (cash_flow_daily, kept by the triggers of migration
 * 2026_11_29_1945_cash_flow_rollups in the same transaction as every write). The rollups hold the one
 * cash-flow definition (figures/cash-flow.ts) per user, counted day, category, account and currency;
 * cash-flow-agreement.db.test.ts proves this summary equal to the pure definition on randomized ledgers and
 * cash-flow-rollups.db.test.ts the rollups equal to the raw rows after random writes through the write paths.
 */
export async function dashboardSummary(
  db: Kysely<Database>,
  userId: string,
  period: DashboardPeriod,
  options: {
    /** The caller's transaction wrote nothing before this read (an API GET): no rollup is pending, skip the flush. */
    readOnlyTransaction?: boolean;
  } = {},
): Promise<DashboardSummaryView> {
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 + 1;
  const granularity = days <= DAILY_TREND_MAX_DAYS ? 'day' : 'month';
  // Truncating a timestamp (not timestamptz) gives the same first-of-month without time zone arithmetic.
  const bucket = granularity === 'day' ? sql`r.day` : sql`date_trunc('month', r.day::timestamp)::date`;
  // Days this transaction wrote are recomputed at its commit; a reader after a write in it recomputes them now.
  if (!options.readOnlyTransaction) await sql`SELECT cash_flow_flush(${userId}::uuid)`.execute(db);
  const { rows } = await sql<AggregateRow>`
    WITH me AS (
      SELECT upper(u.currency) AS home, upper(coalesce(${period.currency ?? null}::text, u.currency)) AS wanted
      FROM users u
      WHERE u.id = ${userId}
    ),
    agg AS (
      -- '' is the user's own currency (a row with no currency code).
      SELECT grouping(r.category_id, ${bucket})::int AS level,
             r.category_id,
             to_char(${bucket}, 'YYYY-MM-DD') AS bucket,
             coalesce(sum(r.spent_minor), 0)::bigint AS spent,
             coalesce(sum(r.income_minor), 0)::bigint AS income,
             coalesce(sum(r.spent_count), 0)::bigint AS spent_count,
             coalesce(sum(r.txn_count), 0)::bigint AS n
      FROM cash_flow_daily r
      CROSS JOIN me
      WHERE r.user_id = ${userId}
        AND r.day BETWEEN ${period.from}::date AND ${period.to}::date
        AND CASE WHEN r.currency = '' THEN me.home ELSE r.currency END = me.wanted
      GROUP BY GROUPING SETS ((), (r.category_id), (${bucket}))
    )
    SELECT agg.*, c.name AS category_name, (SELECT wanted FROM me) AS currency
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
