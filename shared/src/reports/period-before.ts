import { addDays, addMonths, daysBetween, type LocalDate, lastDayOfMonth, weekdayOf } from './local-date.ts';

/** A closed range of calendar days. */
export interface DayRange {
  start: LocalDate;
  end: LocalDate;
}

/**
 * The days a range's figures are compared with ("vs previous"), decided by the range alone, so that every
 * surface showing the same days compares them with the same days: the dashboard and the report of any period.
 * - A week to date or a whole week (from a Monday, within that Monday-to-Sunday week): the same days of the
 *   week before. First, so that a week which starts a month (Monday the 1st) is still a week.
 * - A whole calendar month: the whole month before (November against October, all 31 days).
 * - A month to date (from the 1st, ending before the month's last day): the same days of the month before,
 *   as many as have passed and at most all of it (November 1–15 against October 1–15).
 * - Any other range: as many days, just before it.
 * A stored weekly or monthly report knows what it is, and compares with the week or month before whatever
 * its days (report-period.ts previousPeriod).
 */
export function periodBefore(range: DayRange): DayRange {
  const { start, end } = range;
  const days = daysBetween(start, end) + 1;
  if (weekdayOf(start) === MONDAY && days <= 7) return { start: addDays(start, -7), end: addDays(end, -7) };
  if (start.endsWith('-01') && end <= lastDayOfMonth(start)) {
    const monthBefore = addMonths(start, -1);
    const lastBefore = lastDayOfMonth(monthBefore);
    const sameDays = addDays(monthBefore, days - 1);
    const whole = end === lastDayOfMonth(start) || sameDays > lastBefore;
    return { start: monthBefore, end: whole ? lastBefore : sameDays };
  }
  return { start: addDays(start, -days), end: addDays(start, -1) };
}

const MONDAY = 1;
