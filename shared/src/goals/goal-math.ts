import type { Minor } from '../money/minor-units.ts';
import { daysBetween, type LocalDate } from '../reports/local-date.ts';

/*
 * Savings-goal math: pure, no I/O, no clock. A goal plans a straight line from what the linked accounts held when
 * it was set (start) to the target on the target date; it is behind when what is saved is below that line today.
 */

export interface GoalPlan {
  targetMinor: Minor;
  targetDate: LocalDate;
  startMinor: Minor;
  startDate: LocalDate;
}

export type GoalStatus = 'achieved' | 'onTrack' | 'behind' | 'overdue';

export interface GoalProgress {
  savedMinor: Minor;
  /** What is still to save; 0 once reached. */
  remainingMinor: Minor;
  /** Share of the target saved, whole percent rounded down (0 when nothing or less is saved). */
  percent: number;
  /** Calendar months left until the target date, a started month counting as one; 0 once it has passed. */
  monthsLeft: number;
  /** What to save each month from now to reach the target on time, rounded up to a minor unit. */
  monthlyNeededMinor: Minor;
  /** Where the straight line from start to target is today. */
  expectedMinor: Minor;
  status: GoalStatus;
}

/** Calendar months from `today` to `target`, a started month counting as one (1 Jan → 15 Mar: 3). */
export function monthsUntil(today: LocalDate, target: LocalDate): number {
  if (target <= today) return 0;
  const [ty, tm, td] = target.split('-').map(Number) as [number, number, number];
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const whole = (ty - y) * 12 + (tm - m) - (td < d ? 1 : 0);
  // A remainder of days after the whole months is one more month to save in.
  const remainder = td !== d ? 1 : 0;
  return Math.max(1, whole + remainder);
}

/** Integer division rounding up, for non-negative numerators and positive divisors. */
function ceilDiv(a: Minor, b: number): Minor {
  return Number((BigInt(a) + BigInt(b) - 1n) / BigInt(b));
}

export function goalProgress(plan: GoalPlan, savedMinor: Minor, today: LocalDate): GoalProgress {
  const remainingMinor = Math.max(0, plan.targetMinor - savedMinor);
  const percent =
    savedMinor <= 0 ? 0 : Math.min(100, Number((BigInt(savedMinor) * 100n) / BigInt(plan.targetMinor)));
  const monthsLeft = monthsUntil(today, plan.targetDate);
  const monthlyNeededMinor =
    remainingMinor === 0 ? 0 : monthsLeft === 0 ? remainingMinor : ceilDiv(remainingMinor, monthsLeft);
  const total = Math.max(1, daysBetween(plan.startDate, plan.targetDate));
  const elapsed = Math.min(total, Math.max(0, daysBetween(plan.startDate, today)));
  // BigInt: an amount up to 10^13 times ten years of days leaves the exact range of a double.
  const expectedMinor =
    plan.startMinor + Number((BigInt(plan.targetMinor - plan.startMinor) * BigInt(elapsed)) / BigInt(total));
  const status: GoalStatus =
    remainingMinor === 0
      ? 'achieved'
      : today > plan.targetDate
        ? 'overdue'
        : savedMinor < expectedMinor
          ? 'behind'
          : 'onTrack';
  return { savedMinor, remainingMinor, percent, monthsLeft, monthlyNeededMinor, expectedMinor, status };
}
