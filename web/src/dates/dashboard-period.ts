import { formatPeriod, monthLabel, periodBefore, weekLabel } from '@finsync/shared/presentation';
import { addDays, dayString, parseDay } from './day-math.ts';
import type { DateRange, PeriodComparison } from './period.ts';

/**
 * The one period every dashboard card shows: a calendar month, a Monday-to-Sunday week, or a custom range.
 * Stepping moves by the period's own length; a period that reaches past today stops at today.
 */
export type DashboardPeriod =
  | { kind: 'month'; month: string }
  | { kind: 'week'; start: string }
  | { kind: 'custom'; from: string; to: string };

export function thisMonth(today: string): DashboardPeriod {
  return { kind: 'month', month: today.slice(0, 7) };
}

export function thisWeek(today: string): DashboardPeriod {
  const t = parseDay(today);
  return { kind: 'week', start: dayString(addDays(t, -((t.getUTCDay() + 6) % 7))) };
}

/** The period's whole span, ignoring today. */
export function periodSpan(p: DashboardPeriod): DateRange {
  if (p.kind === 'month') {
    const [y, m] = p.month.split('-').map(Number) as [number, number];
    return { from: `${p.month}-01`, to: dayString(new Date(Date.UTC(y, m, 0))) };
  }
  if (p.kind === 'week') return { from: p.start, to: dayString(addDays(parseDay(p.start), 6)) };
  return { from: p.from, to: p.to };
}

/** The period before (-1) or after (+1): the previous month, week, or a range as long as this one. */
export function shiftPeriod(p: DashboardPeriod, step: -1 | 1): DashboardPeriod {
  if (p.kind === 'month') {
    const [y, m] = p.month.split('-').map(Number) as [number, number];
    return { kind: 'month', month: dayString(new Date(Date.UTC(y, m - 1 + step, 1))).slice(0, 7) };
  }
  if (p.kind === 'week') return { kind: 'week', start: dayString(addDays(parseDay(p.start), 7 * step)) };
  const days = dayCount(p.from, p.to);
  return {
    kind: 'custom',
    from: dayString(addDays(parseDay(p.from), days * step)),
    to: dayString(addDays(parseDay(p.to), days * step)),
  };
}

/** Whether the period reaches today or later (there is nothing after it to step to). */
export function includesToday(p: DashboardPeriod, today: string): boolean {
  return periodSpan(p).to >= today;
}

/**
 * The dates to count, up to today, and the days they are compared with: the shared rule every surface uses
 * (periodBefore), so the report of the same days compares with the same days — a month to date against the
 * same days of last month, a whole month against the whole month before, a week to date against the same
 * weekdays of last week, any other range against as many days just before it.
 */
export function periodComparison(p: DashboardPeriod, today: string): PeriodComparison {
  const span = periodSpan(p);
  const to = span.to > today ? today : span.to;
  const current = { from: span.from, to: to < span.from ? span.from : to };
  const before = periodBefore({ start: current.from, end: current.to });
  const previous = { from: before.start, to: before.end };
  return { kind: p.kind === 'week' ? 'week' : 'month', current, previous };
}

/** "Nov 2026", "Nov 16 – 22" (a week, its year implied), "Oct 3 – Nov 2, 2026", in the locale and sentence case. */
export function periodLabel(p: DashboardPeriod, locale: string | undefined): string {
  const span = periodSpan(p);
  if (p.kind === 'month') return monthLabel(p.month, locale);
  if (p.kind === 'week') return weekLabel(span.from, span.to, locale);
  return formatPeriod(span.from, span.to, locale);
}

function dayCount(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / 86_400_000) + 1;
}
