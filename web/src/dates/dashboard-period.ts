import { formatPeriod, monthLabel, weekLabel } from '@finsync/shared/presentation';
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
  const t = parse(today);
  return { kind: 'week', start: format(addDays(t, -((t.getUTCDay() + 6) % 7))) };
}

/** The period's whole span, ignoring today. */
export function periodSpan(p: DashboardPeriod): DateRange {
  if (p.kind === 'month') {
    const [y, m] = p.month.split('-').map(Number) as [number, number];
    return { from: `${p.month}-01`, to: format(new Date(Date.UTC(y, m, 0))) };
  }
  if (p.kind === 'week') return { from: p.start, to: format(addDays(parse(p.start), 6)) };
  return { from: p.from, to: p.to };
}

/** The period before (-1) or after (+1): the previous month, week, or a range as long as this one. */
export function shiftPeriod(p: DashboardPeriod, step: -1 | 1): DashboardPeriod {
  if (p.kind === 'month') {
    const [y, m] = p.month.split('-').map(Number) as [number, number];
    return { kind: 'month', month: format(new Date(Date.UTC(y, m - 1 + step, 1))).slice(0, 7) };
  }
  if (p.kind === 'week') return { kind: 'week', start: format(addDays(parse(p.start), 7 * step)) };
  const days = dayCount(p.from, p.to);
  return {
    kind: 'custom',
    from: format(addDays(parse(p.from), days * step)),
    to: format(addDays(parse(p.to), days * step)),
  };
}

/** Whether the period reaches today or later (there is nothing after it to step to). */
export function includesToday(p: DashboardPeriod, today: string): boolean {
  return periodSpan(p).to >= today;
}

/**
 * The dates to count, up to today, and the like-for-like stretch before them: the same number of days at the
 * start of the previous period (a month to date against the same days of last month), or the whole previous
 * period when this one is over.
 */
export function periodComparison(p: DashboardPeriod, today: string): PeriodComparison {
  const span = periodSpan(p);
  const to = span.to > today ? today : span.to;
  const current = { from: span.from, to: to < span.from ? span.from : to };
  const before = periodSpan(shiftPeriod(p, -1));
  const elapsed = dayCount(current.from, current.to);
  const beforeTo = format(addDays(parse(before.from), elapsed - 1));
  const previous = { from: before.from, to: beforeTo < before.to ? beforeTo : before.to };
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
  return Math.round((parse(to).getTime() - parse(from).getTime()) / 86_400_000) + 1;
}
function parse(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}
function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}
