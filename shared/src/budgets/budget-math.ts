import {
  type CashFlowRules,
  type CashFlowTransaction,
  countedDay,
  countTransaction,
} from '../figures/cash-flow.ts';
import type { Minor } from '../money/minor-units.ts';
import {
  addMonths,
  daysBetween,
  type LocalDate,
  lastDayOfMonth,
  localDateOf,
} from '../reports/local-date.ts';

/*
 * Budget math: pure, no I/O, no clock. Budgets are tracking-style (spending against a limit, not envelopes).
 * Spending is never filtered here: it is what the one cash-flow definition (figures/cash-flow.ts) counts, per
 * category, on each transaction's counted day. The database side gets the same figures from dashboardSummary,
 * whose SQL a property test proves equal to that definition.
 */

/** A budget month, 'YYYY-MM'. */
export type BudgetMonth = string;

/** What is carried into the next month: nothing, only what was left, or what was left or overspent. */
export type RolloverMode = 'none' | 'surplus' | 'surplusAndDeficit';

/** Thresholds (percent of the month's available amount) a pace alert can be sent for, once each per month. */
export const ALERT_THRESHOLDS = [80, 100] as const;
export type AlertThreshold = (typeof ALERT_THRESHOLDS)[number];

export function firstDayOf(month: BudgetMonth): LocalDate {
  return `${month}-01`;
}

export function lastDayOf(month: BudgetMonth): LocalDate {
  return lastDayOfMonth(firstDayOf(month));
}

export function shiftMonth(month: BudgetMonth, by: number): BudgetMonth {
  return addMonths(firstDayOf(month), by).slice(0, 7);
}

/**
 * Spending per category key (''= uncategorized) and total income of one month, counted by the one cash-flow
 * definition on each transaction's counted day in the user's zone. (The pure twin of dashboardSummary for a month.)
 */
export function monthFigures(
  transactions: readonly CashFlowTransaction[],
  rules: CashFlowRules,
  timezone: string,
  month: BudgetMonth,
): { spentByCategory: Map<string, Minor>; spentMinor: Minor; incomeMinor: Minor } {
  const spentByCategory = new Map<string, Minor>();
  let spentMinor = 0;
  let incomeMinor = 0;
  for (const txn of transactions) {
    if (countedDay(txn, timezone).slice(0, 7) !== month) continue;
    const counting = countTransaction(txn, rules);
    if (!counting.counted) continue;
    for (const line of counting.lines) {
      spentMinor += line.spentMinor;
      incomeMinor += line.incomeMinor;
      if (line.spentMinor !== 0)
        spentByCategory.set(line.categoryKey, (spentByCategory.get(line.categoryKey) ?? 0) + line.spentMinor);
    }
  }
  return { spentByCategory, spentMinor, incomeMinor };
}

/**
 * Spending against a budget's target: its category, or for a group, the group and every category in it.
 * `parentOf` maps a category id to its group id (null at the top).
 */
export function spentOnTarget(
  spentByCategory: ReadonlyMap<string, Minor>,
  categoryId: string,
  parentOf: ReadonlyMap<string, string | null>,
): Minor {
  let total = 0;
  for (const [key, spent] of spentByCategory) {
    if (key === categoryId || (key !== '' && parentOf.get(key) === categoryId)) total += spent;
  }
  return total;
}

/** What a month passes on to the next one. */
export function carryOut(mode: RolloverMode, availableMinor: Minor, spentMinor: Minor): Minor {
  const left = availableMinor - spentMinor;
  if (mode === 'none') return 0;
  if (mode === 'surplus') return Math.max(0, left);
  return left;
}

/**
 * The carry into the last of `months` (oldest first, each with that month's limit and spending): carried
 * forward month by month; a month without a limit breaks the chain (nothing crosses it), like a new budget.
 */
export function carryInto(
  mode: RolloverMode,
  months: readonly { month: BudgetMonth; limitMinor: Minor | null; spentMinor: Minor }[],
): Minor {
  let carry = 0;
  for (let i = 0; i < months.length - 1; i++) {
    const m = months[i]!;
    const next = months[i + 1]!;
    if (m.limitMinor === null || shiftMonth(m.month, 1) !== next.month) {
      carry = 0;
      continue;
    }
    carry = carryOut(mode, m.limitMinor + carry, m.spentMinor);
  }
  return carry;
}

export type PaceStatus = 'underPace' | 'onPace' | 'overPace' | 'overBudget';

export interface Pace {
  /** Days of the month elapsed, today included (0 before the month, all of them after it). */
  daysElapsed: number;
  daysInMonth: number;
  daysLeft: number;
  /** What the budget expects spent by the end of today: available × elapsed ÷ days, rounded down. */
  expectedMinor: Minor;
  /** Spent as a whole percent of available (floor); null when nothing is available. */
  percentUsed: number | null;
  /** What can still be spent per remaining day (floor; 0 when none is left or no day is left). */
  leftPerDayMinor: Minor;
  status: PaceStatus;
}

/** Today's date in the user's zone: the day pace is measured on. */
export function todayIn(now: Date, timezone: string): LocalDate {
  return localDateOf(now, timezone);
}

/**
 * Pace of a month's spending: spent so far against the share of the month elapsed on `today` (the user's
 * local date). Over pace is more than 10% above what is expected by today; over budget is above available.
 */
export function paceOf(month: BudgetMonth, today: LocalDate, availableMinor: Minor, spentMinor: Minor): Pace {
  const first = firstDayOf(month);
  const daysInMonth = daysBetween(first, lastDayOf(month)) + 1;
  const daysElapsed = Math.min(daysInMonth, Math.max(0, daysBetween(first, today) + 1));
  const daysLeft = daysInMonth - daysElapsed;
  const expectedMinor = Math.floor((Math.max(0, availableMinor) * daysElapsed) / daysInMonth);
  const percentUsed = availableMinor > 0 ? Math.floor((spentMinor * 100) / availableMinor) : null;
  const left = availableMinor - spentMinor;
  const leftPerDayMinor = left > 0 && daysLeft > 0 ? Math.floor(left / daysLeft) : 0;
  let status: PaceStatus;
  if (spentMinor > availableMinor) status = 'overBudget';
  else if (spentMinor * 10 > expectedMinor * 11) status = 'overPace';
  else if (spentMinor * 10 < expectedMinor * 9) status = 'underPace';
  else status = 'onPace';
  return { daysElapsed, daysInMonth, daysLeft, expectedMinor, percentUsed, leftPerDayMinor, status };
}

/** The alert thresholds a month's spending has reached (e.g. [80] at 85%, [80, 100] at 120%). */
export function reachedThresholds(availableMinor: Minor, spentMinor: Minor): AlertThreshold[] {
  if (availableMinor <= 0) return spentMinor > 0 ? [...ALERT_THRESHOLDS] : [];
  return ALERT_THRESHOLDS.filter((t) => spentMinor * 100 >= availableMinor * t);
}

/**
 * A suggested limit from recent months' spending: their average, rounded up to a whole unit of the currency
 * (`unitMinor`, e.g. 100 cents). Months with nothing spent count as zero; refunds can't make it negative.
 */
export function suggestLimit(monthlySpentMinor: readonly Minor[], unitMinor: Minor): Minor {
  if (monthlySpentMinor.length === 0) return 0;
  const total = monthlySpentMinor.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  const average = Math.ceil(total / monthlySpentMinor.length);
  return Math.ceil(average / unitMinor) * unitMinor;
}

/**
 * The month's "left to spend": the income budget (or, when none is set, the income received so far) minus all
 * counted spending of the month, and "left to budget": that income minus the spending budgets' limits.
 */
export function leftToSpend(
  incomeLimitMinor: Minor | null,
  incomeMinor: Minor,
  spentMinor: Minor,
  spendingLimitsMinor: readonly Minor[],
): { plannedIncomeMinor: Minor; leftToSpendMinor: Minor; leftToBudgetMinor: Minor } {
  const plannedIncomeMinor = incomeLimitMinor ?? incomeMinor;
  const budgeted = spendingLimitsMinor.reduce((a, b) => a + b, 0);
  return {
    plannedIncomeMinor,
    leftToSpendMinor: plannedIncomeMinor - spentMinor,
    leftToBudgetMinor: plannedIncomeMinor - budgeted,
  };
}
