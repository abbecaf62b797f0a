import type { Cadence } from '../db/database.ts';
import { merchantKey } from './clean-payee.ts';

export interface RecurringInput {
  id: string;
  date: string;
  /** Minor units, positive = money out. */
  amountMinor: number;
  currency: string | null;
  payee: string;
  categoryId?: string | null | undefined;
  /** A card or loan payment: a bill whose amount follows the balance owed (never a price change). */
  paysDebt?: boolean | undefined;
}

export interface DetectedSeries {
  seriesKey: string;
  payee: string;
  categoryId: string | null;
  cadence: Cadence;
  direction: 'inflow' | 'outflow';
  /** Median of the recent amounts (the last six), absolute minor units. */
  typicalAmountMinor: number;
  lastAmountMinor: number;
  currency: string | null;
  occurrences: number;
  lastDate: string;
  nextExpectedDate: string;
  /** late: past the expected date plus grace; missed: a whole half-cycle past it; ended: 3 cycles past. */
  status: 'active' | 'late' | 'missed' | 'ended';
  /** A subscription whose steady price moved on the last charge. */
  priceChange: { fromMinor: number; toMinor: number } | null;
  transactionIds: string[];
}

const DAY_MS = 86_400_000;
const cadences: { cadence: Cadence; days: number; tolerance: number; grace: number }[] = [
  { cadence: 'weekly', days: 7, tolerance: 1, grace: 2 },
  { cadence: 'biweekly', days: 14, tolerance: 2, grace: 3 },
  { cadence: 'semimonthly', days: 15.2, tolerance: 3, grace: 3 },
  { cadence: 'monthly', days: 30.4, tolerance: 4, grace: 5 },
  { cadence: 'quarterly', days: 91.3, tolerance: 8, grace: 10 },
  { cadence: 'yearly', days: 365.25, tolerance: 12, grace: 14 },
];

function toDay(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The date one cadence after `last` (YYYY-MM-DD). */
export function nextDate(last: string, cadence: Cadence): string {
  switch (cadence) {
    case 'weekly':
      return fromDay(toDay(last) + 7);
    case 'biweekly':
      return fromDay(toDay(last) + 14);
    case 'semimonthly':
      return fromDay(toDay(last) + 15);
    case 'monthly':
      return addMonths(last, 1);
    case 'quarterly':
      return addMonths(last, 3);
    case 'yearly':
      return addMonths(last, 12);
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/** The key a transaction's recurring series is grouped under: its merchant, its direction and currency. */
export function recurringSeriesKey(t: Pick<RecurringInput, 'payee' | 'amountMinor' | 'currency'>): string {
  return `${merchantKey(t.payee)}|${t.amountMinor > 0 ? 'out' : 'in'}|${t.currency ?? ''}`;
}

/** How far (relative) a payment may be from the series' typical amount and still be an ordinary one. */
export const RECURRING_AMOUNT_BAND = 0.3;

const RECENT_CHARGES = 6;

/** Whether `amountMinor` (absolute) is outside the series' band around its typical amount. */
export function outsideAmountBand(amountMinor: number, typicalMinor: number): boolean {
  return Math.abs(Math.abs(amountMinor) - typicalMinor) > typicalMinor * RECURRING_AMOUNT_BAND;
}

/**
 * How late a payment expected on `expected` is on `asOf` (YYYY-MM-DD): active until the cadence's grace has
 * passed, then late, missed half a cycle past it, ended 3 cycles past it.
 */
export function overdueStatus(cadence: Cadence, expected: string, asOf: string): DetectedSeries['status'] {
  const fit = cadences.find((c) => c.cadence === cadence)!;
  const overdue = toDay(asOf) - toDay(expected);
  return overdue > fit.days * 3
    ? 'ended'
    : overdue > fit.days / 2
      ? 'missed'
      : overdue > fit.grace
        ? 'late'
        : 'active';
}

/** How many days before or after its expected date a payment still counts as that occurrence's. */
export function cadenceTolerance(cadence: Cadence): number {
  return cadences.find((c) => c.cadence === cadence)!.tolerance;
}

/**
 * A series' state on `asOf` (YYYY-MM-DD) given its last payment on or before that day: the next expected
 * date, and late (past it plus the cadence's grace), missed (half a cycle past it) or ended (3 cycles past).
 * A payment that arrived within the cadence's tolerance of its expected date is the last payment, so the
 * series is never late or missed for it.
 */
export function seriesStateAsOf(
  cadence: Cadence,
  lastDate: string,
  asOf: string,
): { nextExpectedDate: string; status: DetectedSeries['status'] } {
  const next = nextDate(lastDate, cadence);
  return { nextExpectedDate: next, status: overdueStatus(cadence, next, asOf) };
}

/**
 * Finds recurring series (subscriptions, bills, salary) among a user's transactions: same payee and
 * direction, at least three occurrences, intervals that fit one cadence, each amount within the band of the one
 * before for most of them (so a one-time price change keeps the series; its typical amount is the recent median).
 * `today` (YYYY-MM-DD, the user's date) decides late / missed.
 */
export function detectRecurringSeries(
  transactions: readonly RecurringInput[],
  today: string,
): DetectedSeries[] {
  const groups = new Map<string, RecurringInput[]>();
  for (const t of transactions) {
    if (t.amountMinor === 0) continue;
    const key = recurringSeriesKey(t);
    if (key.startsWith('|')) continue;
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  const found: DetectedSeries[] = [];
  for (const [seriesKey, list] of groups) {
    if (list.length < 3) continue;
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const intervals: number[] = [];
    for (let i = 1; i < list.length; i++) intervals.push(toDay(list[i]!.date) - toDay(list[i - 1]!.date));
    const typicalInterval = median(intervals);
    const fit = cadences.find((c) => Math.abs(typicalInterval - c.days) <= c.tolerance);
    if (!fit) continue;
    const fitting = intervals.filter((d) => Math.abs(d - fit.days) <= fit.tolerance).length;
    if (fitting < Math.ceil(intervals.length * 0.7)) continue;
    const amounts = list.map((t) => Math.abs(t.amountMinor));
    // Each amount close to the one before: a price change breaks one link, one-off purchases break many.
    const steps = amounts.slice(1).filter((a, i) => !outsideAmountBand(a, amounts[i]!)).length;
    if (steps < Math.ceil((amounts.length - 1) * 0.67)) continue;
    // The price as it is now: the median of the recent charges.
    const typical = median(amounts.slice(-RECENT_CHARGES));
    const last = list.at(-1)!;
    const { nextExpectedDate: next, status } = seriesStateAsOf(fit.cadence, last.date, today);
    const previous = amounts.slice(-4, -1);
    const steady = previous.length >= 2 && previous.every((a) => a === previous[0]);
    const lastAmount = amounts.at(-1)!;
    found.push({
      seriesKey,
      payee: last.payee,
      categoryId: last.categoryId ?? null,
      cadence: fit.cadence,
      direction: last.amountMinor > 0 ? 'outflow' : 'inflow',
      typicalAmountMinor: typical,
      lastAmountMinor: lastAmount,
      currency: last.currency,
      occurrences: list.length,
      lastDate: last.date,
      nextExpectedDate: next,
      status,
      priceChange:
        steady && lastAmount !== previous[0] && !last.paysDebt
          ? { fromMinor: previous[0]!, toMinor: lastAmount }
          : null,
      transactionIds: list.map((t) => t.id),
    });
  }
  return found.sort((a, b) => (a.seriesKey < b.seriesKey ? -1 : 1));
}
