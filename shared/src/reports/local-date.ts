import { DomainError } from '../errors/domain-error.ts';

/** A calendar date in some timezone, 'YYYY-MM-DD'. Compared as strings; arithmetic goes through UTC days. */
export type LocalDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', {
        timeZone: timezone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch (cause) {
      throw new DomainError('VALIDATION_FAILED', `unknown timezone "${timezone}"`, { timezone }, { cause });
    }
    formatters.set(timezone, f);
  }
  return f;
}

function wallClock(instant: Date, timezone: string): { date: LocalDate; msOfDay: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timezone).formatToParts(instant)) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const msOfDay = (Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second)) * 1000;
  return { date, msOfDay };
}

// Per timezone and UTC day: the zone's offset when it is the same all day, null on a day it changes.
const dayOffsets = new Map<string, Map<number, number | null>>();

function offsetAt(ms: number, timezone: string): number {
  const seen = wallClock(new Date(ms), timezone);
  return dayNumber(seen.date) * DAY_MS + seen.msOfDay - ms;
}

/** The calendar date an instant falls on in an IANA timezone. */
export function localDateOf(instant: Date, timezone: string): LocalDate {
  const ms = instant.getTime();
  const utcDay = Math.floor(ms / DAY_MS);
  let days = dayOffsets.get(timezone);
  if (!days) {
    days = new Map<number, number | null>();
    dayOffsets.set(timezone, days);
  }
  let offset = days.get(utcDay);
  if (offset === undefined) {
    // Formatting is slow; most days have one offset, so two look-ups serve every instant of the day.
    const first = offsetAt(utcDay * DAY_MS, timezone);
    const last = offsetAt((utcDay + 1) * DAY_MS - 1000, timezone);
    offset = first === last ? first : null;
    days.set(utcDay, offset);
  }
  if (offset === null) return wallClock(instant, timezone).date;
  return fromDayNumber(Math.floor((ms + offset) / DAY_MS));
}

/** Days since 1970-01-01 for a calendar date. */
export function dayNumber(date: LocalDate): number {
  const m = DATE.exec(date);
  if (!m) throw new DomainError('VALIDATION_FAILED', `not a YYYY-MM-DD date: "${date}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

// Reports turn thousands of instants into the few hundred days they fall on: each day is formatted once.
const dayStrings = new Map<number, LocalDate>();
const DAY_STRINGS_CAP = 100_000;

export function fromDayNumber(day: number): LocalDate {
  let date = dayStrings.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayStrings.size >= DAY_STRINGS_CAP) dayStrings.clear();
    dayStrings.set(day, date);
  }
  return date;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday, as in cron and users.report_weekday. */
export function weekdayOf(date: LocalDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** The first day of the month `months` away from the month of `date` (negative = earlier). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

export function monthOf(date: LocalDate): string {
  return date.slice(0, 7);
}

export function lastDayOfMonth(date: LocalDate): LocalDate {
  return addDays(addMonths(date, 1), -1);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** The instant a calendar date starts (00:00 wall clock, or the first instant after a DST gap) in a timezone. */
export function startOfLocalDay(date: LocalDate, timezone: string): Date {
  const target = dayNumber(date) * DAY_MS;
  // Two fixed-point steps settle the zone offset, including days where it changes.
  let guess = target;
  for (let i = 0; i < 3; i++) {
    const seen = wallClock(new Date(guess), timezone);
    const seenMs = dayNumber(seen.date) * DAY_MS + seen.msOfDay;
    const delta = target - seenMs;
    if (delta === 0) break;
    guess += delta;
  }
  // In a DST gap at midnight the wall clock skips 00:00: step forward to the first instant of that date.
  while (localDateOf(new Date(guess), timezone) < date) guess += 15 * 60_000;
  while (localDateOf(new Date(guess - 1), timezone) === date) guess -= 15 * 60_000;
  return new Date(guess);
}
