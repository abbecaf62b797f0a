import type { BudgetLine } from '../budgets/budget-store.ts';
import type { Cadence, CategoryKind } from '../db/database.ts';
import type { Minor } from '../money/minor-units.ts';
import type { LocalDate } from './local-date.ts';
import type { ReportPeriod } from './report-period.ts';

/** A transaction as the report sees it: Plaid's sign (positive = money out), exact minor units. */
export interface ReportTransaction {
  id: string;
  accountId: string;
  amountMinor: Minor;
  /** ISO code, or Plaid's unofficial code; null means the user's currency. */
  currency: string | null;
  /** Plaid's calendar date, used when the exact time is unknown. */
  date: LocalDate;
  /** The exact posting time when the bank gave one; placed on the user's wall clock. */
  datetime: Date | null;
  /** What the user sees as the payee (their edit, else the merchant, else the raw text). */
  name: string;
  categoryId: string | null;
  isTransfer: boolean;
  excludedFromReports: boolean;
  pending: boolean;
  /** When present, these parts (summing to amountMinor) replace the transaction's own category. */
  splits?: readonly { categoryId: string | null; amountMinor: Minor }[];
  /** The recurring series it would belong to (recurringSeriesKey); absent in hand-made inputs. */
  seriesKey?: string;
  /** A payment of one of the person's debts (a bill even when it is a transfer). */
  paysDebt?: boolean;
}

/** A transaction of an outgoing recurring series, as the bills section reads it (see ReportInput.billPayments). */
export type ReportBillPayment = Pick<
  ReportTransaction,
  'date' | 'amountMinor' | 'pending' | 'isTransfer' | 'paysDebt'
> & { seriesKey: string };

export interface ReportCategory {
  id: string;
  name: string;
  parentId: string | null;
  kind: CategoryKind;
  isGroup: boolean;
}

export interface ReportAccount {
  id: string;
  name: string;
  /** Plaid account type: depository, credit, loan, investment, other. */
  type: string;
  currency: string | null;
}

export interface ReportBalanceSnapshot {
  accountId: string;
  date: LocalDate;
  currentMinor: Minor | null;
  /** Walked back through transactions (shared/src/net-worth) where the bank reported no balance yet. */
  estimated?: boolean;
}

export interface ReportRecurringSeries {
  id: string;
  /** Matches ReportTransaction.seriesKey; with it the report finds the series' payments itself. */
  seriesKey?: string;
  payee: string;
  cadence: Cadence;
  direction: 'inflow' | 'outflow';
  typicalAmountMinor: Minor;
  lastAmountMinor: Minor;
  currency: string | null;
  lastDate: LocalDate;
  nextExpectedDate: LocalDate;
  status: 'active' | 'late' | 'missed' | 'ended';
}

/** Everything a report is computed from; the caller loads it (see report-repository.ts) and passes the clock. */
export interface ReportInput {
  period: ReportPeriod;
  currency: string;
  generatedAt: Date;
  transactions: readonly ReportTransaction[];
  categories: readonly ReportCategory[];
  accounts: readonly ReportAccount[];
  snapshots: readonly ReportBalanceSnapshot[];
  recurring: readonly ReportRecurringSeries[];
  /**
   * The transactions of the outgoing series' keys over the same days as `transactions` (the loader reads them
   * by their stored key); when absent, the bills section finds them among `transactions` by their seriesKey.
   */
  billPayments?: readonly ReportBillPayment[] | undefined;
  /** The budgets of the month the period ends in, as of its last day (shared/src/budgets). */
  budgets?: readonly BudgetLine[] | undefined;
  /**
   * The trend months' counted spending and income per category, summed from the cash-flow rollups (issue 16).
   * When given, the trends come from these and `transactions` need only reach back to the trailing periods
   * (only to the period itself, two days wider, when `trailingTotals` are given as well).
   */
  monthTotals?: readonly ReportMonthTotal[] | undefined;
  /**
   * The trailing periods' counted figures, summed by the loader (issue 16). When given, they are what the
   * trailing average and the anomaly baseline read, and rows of `transactions` before the period are not
   * counted there (they may still count in the trend months when `monthTotals` is absent).
   */
  trailingTotals?: ReportTrailingTotals | undefined;
}

/**
 * The trailing periods' figures as the summary reads them: over the counted days of the trailing periods
 * (reportTrailingPeriods; a month or a week to date leaves days between them, which count in none), in the
 * report's currency and zone, by the one cash-flow definition. Spending and
 * income are per counted day (the summary assigns the days to its trailing periods, so no caller can bucket
 * them differently); spending per category and per payee is summed over all the trailing days, since only its
 * average over the periods (the anomaly baseline) is read. Days and keys without figures may be absent.
 */
export interface ReportTrailingTotals {
  days: readonly { day: LocalDate; spentMinor: Minor; incomeMinor: Minor }[];
  /** '' = uncategorized (as ReportMonthTotal.categoryKey). */
  spentByCategory: readonly { categoryKey: string; spentMinor: Minor }[];
  /**
   * By the payee's name as shown (ReportTransaction.name, untrimmed): the summary keys each name as it keys
   * a row's, so names the summary takes for one payee (case, surrounding spaces) may come as several entries.
   */
  spentByPayeeName: readonly { name: string; spentMinor: Minor }[];
}

/** One month's counted figures in one category ('' = uncategorized), in the report's currency. */
export interface ReportMonthTotal {
  /** YYYY-MM */
  month: string;
  categoryKey: string;
  spentMinor: Minor;
  incomeMinor: Minor;
}
