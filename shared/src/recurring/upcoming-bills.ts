import { nextDate, RECURRING_AMOUNT_BAND } from '../categorize/detect-recurring.ts';
import type { Cadence } from '../db/database.ts';
import type { Minor } from '../money/minor-units.ts';
import { addDays, type LocalDate } from '../reports/local-date.ts';

/** A recurring series as the bills page needs it (recurring_series, written by refresh-recurring-series). */
export interface SeriesForCalendar {
  id: string;
  payee: string;
  cadence: Cadence;
  direction: 'inflow' | 'outflow';
  typicalAmountMinor: Minor;
  nextExpectedDate: LocalDate;
  status: 'active' | 'late' | 'missed' | 'ended';
}

export interface UpcomingOccurrence {
  seriesId: string;
  payee: string;
  date: LocalDate;
  direction: 'inflow' | 'outflow';
  expectedMinor: Minor;
  /** Expected before today and not seen yet. */
  overdue: boolean;
}

/** The band an ordinary payment of a series falls in: typical ± the detector's tolerance, whole minor units. */
export function amountBand(typicalMinor: Minor): { lowMinor: Minor; highMinor: Minor } {
  const spread = Math.floor(typicalMinor * RECURRING_AMOUNT_BAND);
  return { lowMinor: typicalMinor - spread, highMinor: typicalMinor + spread };
}

/**
 * The expected payments of the `days` days from `today` (included): each series that has not ended, from its
 * next expected date stepped by its cadence. A late or missed one's expected date that already passed is listed
 * once, as overdue, on that date. Sorted by date, then payee; totals per direction.
 */
export function upcomingCalendar(
  series: readonly SeriesForCalendar[],
  today: LocalDate,
  days = 30,
): {
  from: LocalDate;
  to: LocalDate;
  occurrences: UpcomingOccurrence[];
  outflowMinor: Minor;
  inflowMinor: Minor;
} {
  const to = addDays(today, days - 1);
  const occurrences: UpcomingOccurrence[] = [];
  for (const s of series) {
    if (s.status === 'ended') continue;
    const due = (date: string, overdue: boolean) =>
      occurrences.push({
        seriesId: s.id,
        payee: s.payee,
        date,
        direction: s.direction,
        expectedMinor: s.typicalAmountMinor,
        overdue,
      });
    let date = s.nextExpectedDate;
    if (date < today) {
      due(date, true);
      while (date < today) date = nextDate(date, s.cadence);
    }
    while (date <= to) {
      due(date, false);
      date = nextDate(date, s.cadence);
    }
  }
  occurrences.sort((a, b) => a.date.localeCompare(b.date) || a.payee.localeCompare(b.payee));
  let outflowMinor = 0;
  let inflowMinor = 0;
  for (const o of occurrences) {
    if (o.direction === 'outflow') outflowMinor += o.expectedMinor;
    else inflowMinor += o.expectedMinor;
  }
  return { from: today, to, occurrences, outflowMinor, inflowMinor };
}
