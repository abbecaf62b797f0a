import { addDays, dayString, parseDay } from './day-math.ts';
/** This week or month up to today, or the whole last calendar month (what the monthly report covers). */
export type PeriodKind = 'week' | 'month' | 'lastMonth';

export interface DateRange {
  from: string;
  to: string;
}

export interface PeriodComparison {
  kind: PeriodKind;
  current: DateRange;
  /** The days the current ones are compared with (periodBefore, the rule every surface shares). */
  previous: DateRange;
}

// One formatter per zone: building an Intl.DateTimeFormat with a time zone costs far more than using one, and
// every row of a long list asks for today.
const dayInZone = new Map<string, Intl.DateTimeFormat | null>();

/** Today's calendar date in a time zone; the clock is passed in. */
export function todayIn(timeZone: string, now: Date): string {
  let format = dayInZone.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      format = null; // unknown zone: fall back to UTC rather than fail the page
    }
    dayInZone.set(timeZone, format);
  }
  return format ? format.format(now) : now.toISOString().slice(0, 10);
}

/**
 * This week (Monday first) or this month up to today, against the same stretch of the period before; or last
 * calendar month against the one before it.
 */
export function periodToDate(kind: PeriodKind, today: string): PeriodComparison {
  const t = parseDay(today);
  if (kind === 'week') {
    const sinceMonday = (t.getUTCDay() + 6) % 7;
    const from = addDays(t, -sinceMonday);
    return {
      kind,
      current: { from: dayString(from), to: today },
      previous: { from: dayString(addDays(from, -7)), to: dayString(addDays(t, -7)) },
    };
  }
  if (kind === 'lastMonth') {
    const from = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 1, 1));
    const to = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 0));
    const prevFrom = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 2, 1));
    const prevTo = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 1, 0));
    return {
      kind,
      current: { from: dayString(from), to: dayString(to) },
      previous: { from: dayString(prevFrom), to: dayString(prevTo) },
    };
  }
  const from = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
  const prevFrom = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 1, 1));
  const prevMonthDays = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 0)).getUTCDate();
  const prevTo = addDays(prevFrom, Math.min(t.getUTCDate(), prevMonthDays) - 1);
  return {
    kind,
    current: { from: dayString(from), to: today },
    previous: { from: dayString(prevFrom), to: dayString(prevTo) },
  };
}

/** The twelve calendar months ending with today's month. */
export function lastTwelveMonths(today: string): DateRange {
  const t = parseDay(today);
  const from = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 11, 1));
  return { from: dayString(from), to: today };
}
