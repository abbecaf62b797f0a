import type { LocalDate } from '../reports/local-date.ts';
import { safeLocale } from './safe-locale.ts';

/*
 * Calendar dates ('YYYY-MM-DD') and months ('YYYY-MM') as a person reads them. They are days, not instants:
 * each is placed at noon UTC and formatted in UTC, so no runtime zone can move it to the day before.
 */

const at = (date: LocalDate) => new Date(`${date.slice(0, 10)}T12:00:00Z`);
const monthAt = (month: string) => new Date(`${month.slice(0, 7)}-15T12:00:00Z`);

const cache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(safeLocale(locale), { ...options, timeZone: 'UTC' });
    cache.set(key, format);
  }
  return format;
}

const DAY = { day: 'numeric', month: 'short', year: 'numeric' } as const;

/** First letter upper case in the locale ("déc. 2025" → "Déc. 2025"), for a label that starts a line. */
function sentenceCase(text: string, locale: string | undefined): string {
  return text.charAt(0).toLocaleUpperCase(safeLocale(locale)) + text.slice(1);
}

/** "Nov 2, 2026" in en-US. */
export function formatDate(date: LocalDate, locale: string | undefined): string {
  return dateFormat(locale, DAY).format(at(date));
}

/** "Nov 2" in en-US: a date in the current year, where the year goes without saying. */
export function formatDayMonth(date: LocalDate, locale: string | undefined): string {
  return dateFormat(locale, { day: 'numeric', month: 'short' }).format(at(date));
}

/** A period with its year once: "Oct 1 – 31, 2026" in en-US. */
export function formatPeriod(start: LocalDate, end: LocalDate, locale: string | undefined): string {
  return dateFormat(locale, DAY).formatRange(at(start), at(end));
}

/** A month as a chart or table label: "Dec 2025" in en-US (the year in full, so it never reads as a day). */
export function monthLabel(month: string, locale: string | undefined): string {
  return sentenceCase(dateFormat(locale, { month: 'short', year: 'numeric' }).format(monthAt(month)), locale);
}

/** The month's short name alone ("Oct"), where the year is given once beside it. */
export function monthName(month: string, locale: string | undefined): string {
  return dateFormat(locale, { month: 'short' }).format(monthAt(month));
}

/** A week as a label, its year implied: "Nov 16 – 22" in en-US. */
export function weekLabel(start: LocalDate, end: LocalDate, locale: string | undefined): string {
  return sentenceCase(
    dateFormat(locale, { day: 'numeric', month: 'short' }).formatRange(at(start), at(end)),
    locale,
  );
}
