import { DomainError } from '../errors/domain-error.ts';
import {
  addDays,
  addMonths,
  daysBetween,
  type LocalDate,
  lastDayOfMonth,
  localDateOf,
  weekdayOf,
} from './local-date.ts';
import { periodBefore } from './period-before.ts';

export type ScheduledReportKind = 'weekly' | 'monthly';

/** A closed range of calendar days [start, end] in the user's timezone. */
export interface ReportPeriod {
  kind: ScheduledReportKind | 'custom';
  start: LocalDate;
  end: LocalDate;
  timezone: string;
}

/**
 * The period a report generated at `asOf` covers. Weekly: the seven full days before the most recent
 * report weekday (on a Monday weekday, the Monday–Sunday just finished). Monthly: the previous calendar
 * month. Both are computed on the user's wall clock, so a purchase at 23:30 on Sunday belongs to that week.
 */
export function reportPeriod(
  kind: ScheduledReportKind,
  asOf: Date,
  timezone: string,
  reportWeekday = 1,
): ReportPeriod {
  const today = localDateOf(asOf, timezone);
  if (kind === 'monthly') {
    const start = addMonths(today, -1);
    return { kind, start, end: lastDayOfMonth(start), timezone };
  }
  if (!Number.isInteger(reportWeekday) || reportWeekday < 0 || reportWeekday > 6) {
    throw new DomainError('VALIDATION_FAILED', 'report weekday must be 0 (Sunday) to 6 (Saturday)');
  }
  const sinceWeekday = (weekdayOf(today) - reportWeekday + 7) % 7;
  const end = addDays(today, -sinceWeekday - 1);
  return { kind, start: addDays(end, -6), end, timezone };
}

/**
 * The period of the same kind just before this one, which its figures are compared with: the previous
 * calendar month, the previous seven days (a weekly report's week may start on any weekday, and on the 1st),
 * and for a custom range what the dashboard compares the same days with (periodBefore: one rule for both).
 */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  if (period.kind === 'monthly') {
    const start = addMonths(period.start, -1);
    return { ...period, start, end: lastDayOfMonth(start) };
  }
  if (period.kind === 'weekly') {
    return { ...period, start: addDays(period.start, -7), end: addDays(period.end, -7) };
  }
  return { ...period, ...periodBefore(period) };
}

/** The period of the same kind right after this one (for bills due next). */
export function nextPeriod(period: ReportPeriod): ReportPeriod {
  if (period.kind === 'monthly') {
    const start = addMonths(period.start, 1);
    return { ...period, start, end: lastDayOfMonth(start) };
  }
  const length = periodLength(period);
  return { ...period, start: addDays(period.end, 1), end: addDays(period.end, length) };
}

export function periodLength(period: Pick<ReportPeriod, 'start' | 'end'>): number {
  return daysBetween(period.start, period.end) + 1;
}

export function customPeriod(start: LocalDate, end: LocalDate, timezone: string): ReportPeriod {
  if (end < start) throw new DomainError('VALIDATION_FAILED', 'period end is before its start');
  if (daysBetween(start, end) > 366)
    throw new DomainError('VALIDATION_FAILED', 'period is longer than a year');
  return { kind: 'custom', start, end, timezone };
}
