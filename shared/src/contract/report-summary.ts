import { z } from 'zod';
import { Budget } from './budgets.ts';
import { Cadence } from './recurring.ts';

/*
 * A report as stored in reports.summary and served by the API: plain JSON. Every amount is integer minor units
 * of `currency` with Plaid's sign turned into plain words (spent and income are both positive when money went
 * that way). Shares and changes are basis points (1234 = 12.34 %). One schema from the database row to the PDF
 * and the SPA: a stored summary is parsed, never cast.
 */

const Minor = z.number().int();
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const Bps = z.number().int();

export const CashFlow = z.object({
  spentMinor: Minor,
  incomeMinor: Minor,
  /** income - spent */
  netMinor: Minor,
});
export type CashFlow = z.infer<typeof CashFlow>;

/** deltaMinor = current - reference; bps is that change relative to |reference|, null when reference is 0. */
export const Change = z.object({ deltaMinor: Minor, bps: Bps.nullable() });
export type Change = z.infer<typeof Change>;

export const CategorySpend = z.object({
  categoryId: z.string().nullable(),
  name: z.string(),
  groupName: z.string(),
  spentMinor: Minor,
  /** Of the period's spending in categories that went up (largest-remainder, sums to 10000). */
  shareBps: Bps,
  count: z.number().int(),
});
export type CategorySpend = z.infer<typeof CategorySpend>;

export const GroupSpend = z.object({
  groupId: z.string().nullable(),
  name: z.string(),
  spentMinor: Minor,
  shareBps: Bps,
});
export type GroupSpend = z.infer<typeof GroupSpend>;

export const PayeeSpend = z.object({ name: z.string(), spentMinor: Minor, count: z.number().int() });
export type PayeeSpend = z.infer<typeof PayeeSpend>;

export const LargeTransaction = z.object({
  id: z.string(),
  date: LocalDate,
  name: z.string(),
  categoryName: z.string(),
  accountName: z.string(),
  amountMinor: Minor,
});
export type LargeTransaction = z.infer<typeof LargeTransaction>;

export const Trends = z.object({
  /** 'YYYY-MM', oldest first, ending with the month the period ends in. */
  months: z.array(z.string()),
  /** True when the last month is not complete within the period (weekly reports). */
  lastMonthPartial: z.boolean(),
  /** Window of the rolling averages, in months. */
  rollingWindow: z.number().int(),
  totals: z.array(CashFlow.extend({ month: z.string(), spentRollingAverageMinor: Minor })),
  byCategory: z.array(
    z.object({
      categoryId: z.string().nullable(),
      name: z.string(),
      monthlyMinor: z.array(Minor),
      rollingAverageMinor: z.array(Minor),
    }),
  ),
});
export type Trends = z.infer<typeof Trends>;

export const Anomaly = z.object({
  scope: z.enum(['category', 'payee']),
  name: z.string(),
  currentMinor: Minor,
  baselineMinor: Minor,
  excessMinor: Minor,
  changeBps: Bps,
});
export type Anomaly = z.infer<typeof Anomaly>;

export const RecurringDue = z.object({
  seriesId: z.string(),
  payee: z.string(),
  cadence: Cadence,
  date: LocalDate,
  expectedMinor: Minor,
});
export type RecurringDue = z.infer<typeof RecurringDue>;

export const PriceChange = z.object({
  seriesId: z.string(),
  payee: z.string(),
  cadence: Cadence,
  date: LocalDate,
  previousMinor: Minor,
  currentMinor: Minor,
  deltaMinor: Minor,
  changeBps: Bps.nullable(),
});
export type PriceChange = z.infer<typeof PriceChange>;

export const AccountBalance = z.object({
  accountId: z.string(),
  name: z.string(),
  type: z.string(),
  side: z.enum(['asset', 'liability']),
  /** Balance at the end of the day before the period; null without a snapshot. */
  openingMinor: Minor.nullable(),
  closingMinor: Minor.nullable(),
});
export type AccountBalance = z.infer<typeof AccountBalance>;

export const NetWorthPoint = z.object({
  date: LocalDate,
  assetsMinor: Minor,
  liabilitiesMinor: Minor,
  netWorthMinor: Minor,
  /** Some balance on the day was walked back through transactions, not reported by the bank. */
  estimated: z.boolean().optional(),
});
export type NetWorthPoint = z.infer<typeof NetWorthPoint>;

/** Net worth at the end of the day before the period and at its end, on the accounts with a balance at both. */
export const NetWorthChange = z.object({
  fromDate: LocalDate,
  toDate: LocalDate,
  openingMinor: Minor,
  closingMinor: Minor,
  changeMinor: Minor,
  estimated: z.boolean(),
});
export type NetWorthChange = z.infer<typeof NetWorthChange>;

export const ReportSummary = z.object({
  version: z.literal(1),
  kind: z.enum(['weekly', 'monthly', 'custom']),
  period: z.object({ start: LocalDate, end: LocalDate, timezone: z.string() }),
  currency: z.string(),
  generatedAt: z.string(),
  headline: CashFlow.extend({ transactionCount: z.number().int() }),
  previous: CashFlow.extend({ start: LocalDate, end: LocalDate }),
  /** Mean of the `periods` periods before this one, rounded half away from zero to a minor unit. */
  trailingAverage: CashFlow.extend({ periods: z.number().int() }),
  change: z.object({
    spentVsPrevious: Change,
    incomeVsPrevious: Change,
    netVsPrevious: Change,
    spentVsAverage: Change,
    incomeVsAverage: Change,
    netVsAverage: Change,
  }),
  byCategory: z.array(CategorySpend),
  byGroup: z.array(GroupSpend),
  topPayees: z.array(PayeeSpend),
  largestTransactions: z.array(LargeTransaction),
  trends: Trends,
  anomalies: z.array(Anomaly),
  recurring: z.object({
    dueNext: z.array(RecurringDue),
    missed: z.array(RecurringDue),
    priceChanges: z.array(PriceChange),
  }),
  balances: z.object({
    accounts: z.array(AccountBalance),
    netWorth: z.array(NetWorthPoint),
    /** Absent on reports stored before issue 18; null without balances at both ends of the period. */
    netWorthChange: NetWorthChange.nullable().optional(),
  }),
  excluded: z.object({
    transfers: z.number().int(),
    excludedByUser: z.number().int(),
    pending: z.number().int(),
    otherCurrency: z.number().int(),
  }),
  /** The budgets of the month the period ends in, as of its last day; absent when there are none. */
  budgets: z.array(Budget).optional(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;
