import { systemCategories } from '@finsync/shared/categorize';
import { type AccountSide, accountSide } from '@finsync/shared/ledger';
import type { Minor } from '@finsync/shared/money';
import {
  addDays,
  buildReportSummary,
  customPeriod,
  type LocalDate,
  localDateOf,
  type ReportCategory,
  type ReportInput,
  type ReportTransaction,
  weekdayOf,
} from '@finsync/shared/reports';
import type { PrototypeData } from './prototype-data.ts';

const TREND_WEEKS = 12;
const RECENT = 15;

/** What the prototype page shows; every amount is integer minor units of `currency`. */
export interface DashboardFigures {
  currency: string;
  timezone: string;
  today: LocalDate;
  banks: {
    itemId: string;
    institutionName: string | null;
    updateStatus: string | null;
    lastSyncedAt: string | null;
  }[];
  /** A card or loan is a debt: `side` liability, its balance shown negative (`signedMinor`). */
  accounts: {
    name: string;
    mask: string | null;
    type: string;
    side: AccountSide;
    currentMinor: Minor | null;
    signedMinor: Minor | null;
    currency: string | null;
  }[];
  /** Assets − liabilities over the accounts in `currency` with a balance. */
  netWorth: { assetsMinor: Minor; liabilitiesMinor: Minor; netMinor: Minor };
  transactionCount: number;
  thisWeek: {
    start: LocalDate;
    end: LocalDate;
    spentMinor: Minor;
    incomeMinor: Minor;
    transactionCount: number;
  };
  byCategory: { name: string; groupName: string; spentMinor: Minor; shareBps: number; count: number }[];
  byGroup: { name: string; spentMinor: Minor; shareBps: number }[];
  weeklyTrend: { start: LocalDate; end: LocalDate; spentMinor: Minor }[];
  monthlyTrend: { month: string; spentMinor: Minor; incomeMinor: Minor }[];
  recent: { date: LocalDate; payee: string; categoryName: string; amountMinor: Minor; pending: boolean }[];
}

const categories: ReportCategory[] = systemCategories().map((c) => ({
  id: c.key,
  name: c.name,
  parentId: c.parentKey,
  kind: c.kind,
  isGroup: c.isGroup,
}));
const categoryNames = new Map(categories.map((c) => [c.id, c.name]));

/**
 * The dashboard for `asOf`: this week (Monday to today, on the user's wall clock), its category breakdown,
 * and 12-week and 12-month spending trends. The figures come from shared's report summary, so the prototype
 * counts spending exactly as the product's reports do (no pending rows, no transfers, refunds net out).
 */
export function dashboardFigures(data: PrototypeData, asOf: Date, timezone: string): DashboardFigures {
  const accounts = Object.values(data.accounts);
  const currency = accounts.find((a) => a.currency)?.currency ?? 'USD';
  const transactions: ReportTransaction[] = Object.values(data.transactions).map((t) => ({
    id: t.plaidTransactionId,
    accountId: t.plaidAccountId,
    amountMinor: t.amountMinor,
    currency: t.currency ?? t.unofficialCurrency,
    date: t.date,
    datetime: t.datetime ? new Date(t.datetime) : null,
    name: t.payee ?? t.merchantName ?? t.rawName,
    categoryId: t.categoryId,
    isTransfer: false,
    excludedFromReports: false,
    pending: t.pending,
  }));
  const today = localDateOf(asOf, timezone);
  const weekStart = addDays(today, -((weekdayOf(today) + 6) % 7));
  const input = (start: LocalDate, end: LocalDate): ReportInput => ({
    period: customPeriod(start, end, timezone),
    currency,
    generatedAt: asOf,
    transactions,
    categories,
    accounts: accounts.map((a) => ({
      id: a.plaidAccountId,
      name: a.name,
      type: a.type,
      currency: a.currency,
    })),
    snapshots: [],
    recurring: [],
  });
  const week = buildReportSummary(input(weekStart, today));
  const weeklyTrend = Array.from({ length: TREND_WEEKS }, (_, i) => {
    const start = addDays(weekStart, -7 * (TREND_WEEKS - 1 - i));
    const end = i === TREND_WEEKS - 1 ? today : addDays(start, 6);
    return { start, end, spentMinor: buildReportSummary(input(start, end)).headline.spentMinor };
  });
  const recent = Object.values(data.transactions)
    .sort((a, b) => b.date.localeCompare(a.date) || a.plaidTransactionId.localeCompare(b.plaidTransactionId))
    .slice(0, RECENT)
    .map((t) => ({
      date: t.date,
      payee: t.payee ?? t.merchantName ?? t.rawName,
      categoryName: (t.categoryId && categoryNames.get(t.categoryId)) || 'Uncategorized',
      amountMinor: t.amountMinor,
      pending: t.pending,
    }));
  return {
    currency,
    timezone,
    today,
    banks: data.items.map((i) => ({
      itemId: i.itemId,
      institutionName: i.institutionName,
      updateStatus: i.updateStatus,
      lastSyncedAt: i.lastSyncedAt,
    })),
    accounts: accounts.map((a) => {
      const side = accountSide(a.type);
      return {
        name: a.name,
        mask: a.mask,
        type: a.type,
        side,
        currentMinor: a.currentMinor,
        signedMinor: a.currentMinor === null ? null : side === 'liability' ? -a.currentMinor : a.currentMinor,
        currency: a.currency,
      };
    }),
    netWorth: netWorthOf(accounts, currency),
    transactionCount: transactions.length,
    thisWeek: {
      start: weekStart,
      end: today,
      spentMinor: week.headline.spentMinor,
      incomeMinor: week.headline.incomeMinor,
      transactionCount: week.headline.transactionCount,
    },
    byCategory: week.byCategory.map((c) => ({
      name: c.name,
      groupName: c.groupName,
      spentMinor: c.spentMinor,
      shareBps: c.shareBps,
      count: c.count,
    })),
    byGroup: week.byGroup.map((g) => ({ name: g.name, spentMinor: g.spentMinor, shareBps: g.shareBps })),
    weeklyTrend,
    monthlyTrend: week.trends.totals.map((m) => ({
      month: m.month,
      spentMinor: m.spentMinor,
      incomeMinor: m.incomeMinor,
    })),
    recent,
  };
}

function netWorthOf(
  accounts: readonly { type: string; currentMinor: Minor | null; currency: string | null }[],
  currency: string,
): DashboardFigures['netWorth'] {
  let assetsMinor = 0;
  let liabilitiesMinor = 0;
  for (const a of accounts) {
    if (a.currentMinor === null || (a.currency ?? currency) !== currency) continue;
    if (accountSide(a.type) === 'liability') liabilitiesMinor += a.currentMinor;
    else assetsMinor += a.currentMinor;
  }
  return { assetsMinor, liabilitiesMinor, netMinor: assetsMinor - liabilitiesMinor };
}
