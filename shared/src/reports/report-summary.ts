import type { BudgetLine } from '../budgets/budget-store.ts';
import type { Cadence } from '../db/database.ts';
import type { Minor } from '../money/minor-units.ts';
import type { LocalDate } from './local-date.ts';

/**
 * A report as stored in reports.summary and served by the API: plain JSON. Every amount is integer
 * minor units of `currency` with Plaid's sign turned into plain words (spent and income are both
 * positive when money went that way). Shares and changes are basis points (1234 = 12.34 %).
 */
export interface ReportSummary {
  version: 1;
  kind: 'weekly' | 'monthly' | 'custom';
  period: { start: LocalDate; end: LocalDate; timezone: string };
  currency: string;
  generatedAt: string;
  headline: CashFlow & { transactionCount: number };
  previous: CashFlow & { start: LocalDate; end: LocalDate };
  /** Mean of the `periods` periods before this one, rounded half away from zero to a minor unit. */
  trailingAverage: CashFlow & { periods: number };
  change: {
    spentVsPrevious: Change;
    incomeVsPrevious: Change;
    netVsPrevious: Change;
    spentVsAverage: Change;
    incomeVsAverage: Change;
    netVsAverage: Change;
  };
  byCategory: CategorySpend[];
  byGroup: GroupSpend[];
  topPayees: PayeeSpend[];
  largestTransactions: LargeTransaction[];
  trends: Trends;
  anomalies: Anomaly[];
  recurring: {
    dueNext: RecurringDue[];
    missed: RecurringDue[];
    priceChanges: PriceChange[];
  };
  balances: {
    accounts: AccountBalance[];
    netWorth: NetWorthPoint[];
  };
  excluded: { transfers: number; excludedByUser: number; pending: number; otherCurrency: number };
  /** The budgets of the month the period ends in, as of its last day; absent when there are none. */
  budgets?: BudgetLine[];
}

export interface CashFlow {
  spentMinor: Minor;
  incomeMinor: Minor;
  /** income - spent */
  netMinor: Minor;
}

/** deltaMinor = current - reference; bps is that change relative to |reference|, null when reference is 0. */
export interface Change {
  deltaMinor: Minor;
  bps: number | null;
}

export interface CategorySpend {
  categoryId: string | null;
  name: string;
  groupName: string;
  spentMinor: Minor;
  /** Of the period's spending in categories that went up (largest-remainder, sums to 10000). */
  shareBps: number;
  count: number;
}

export interface GroupSpend {
  groupId: string | null;
  name: string;
  spentMinor: Minor;
  shareBps: number;
}

export interface PayeeSpend {
  name: string;
  spentMinor: Minor;
  count: number;
}

export interface LargeTransaction {
  id: string;
  date: LocalDate;
  name: string;
  categoryName: string;
  accountName: string;
  amountMinor: Minor;
}

export interface Trends {
  /** 'YYYY-MM', oldest first, ending with the month the period ends in. */
  months: string[];
  /** True when the last month is not complete within the period (weekly reports). */
  lastMonthPartial: boolean;
  /** Window of the rolling averages, in months. */
  rollingWindow: number;
  totals: (CashFlow & { month: string; spentRollingAverageMinor: Minor })[];
  byCategory: {
    categoryId: string | null;
    name: string;
    monthlyMinor: Minor[];
    rollingAverageMinor: Minor[];
  }[];
}

export interface Anomaly {
  scope: 'category' | 'payee';
  name: string;
  currentMinor: Minor;
  baselineMinor: Minor;
  excessMinor: Minor;
  changeBps: number;
}

export interface RecurringDue {
  seriesId: string;
  payee: string;
  cadence: Cadence;
  date: LocalDate;
  expectedMinor: Minor;
}

export interface PriceChange {
  seriesId: string;
  payee: string;
  cadence: Cadence;
  date: LocalDate;
  previousMinor: Minor;
  currentMinor: Minor;
  deltaMinor: Minor;
  changeBps: number | null;
}

export interface AccountBalance {
  accountId: string;
  name: string;
  type: string;
  side: 'asset' | 'liability';
  /** Balance at the end of the day before the period; null without a snapshot. */
  openingMinor: Minor | null;
  closingMinor: Minor | null;
}

export interface NetWorthPoint {
  date: LocalDate;
  assetsMinor: Minor;
  liabilitiesMinor: Minor;
  netWorthMinor: Minor;
}
