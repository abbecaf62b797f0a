import { StatementError, type StatementLocation } from './statement.ts';

/** Order of day, month and year in a file's dates. Separators ('/', '.', '-', ' ', "'") are read in any case. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';
export const DATE_ORDERS: readonly DateOrder[] = ['ymd', 'dmy', 'mdy'];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Accepts the names people type (`DD/MM/YYYY`, `MM/DD/YYYY`, `YYYY-MM-DD`, `YYYYMMDD`, `DD.MM.YYYY`, `dmy`). */
export function dateOrderFromName(name: string): DateOrder | null {
  const key = name.trim().toLowerCase();
  if (key === 'ymd' || key === 'dmy' || key === 'mdy') return key;
  const order = key.replace(/[^dmy]/g, '').replace(/(.)\1+/g, '$1');
  return order === 'ymd' || order === 'dmy' || order === 'mdy' ? order : null;
}

/**
 * Reads a calendar day ("YYYY-MM-DD") in the given order; null when the text is not a real date in that order.
 * Handles `1/2'05` (QIF: ' = 2000s), `6/ 4'18`, `12 May 2025`, `20261115` and two-digit years.
 */
export function readDay(raw: string, order: DateOrder): string | null {
  const text = raw.trim();
  if (/^\d{8}$/.test(text)) {
    return order === 'ymd' ? calendarDay(+text.slice(0, 4), +text.slice(4, 6), +text.slice(6, 8)) : null;
  }
  const named = /^(\d{1,2})[\s-]+([A-Za-z]{3})[A-Za-z]*\.?[\s-]+(\d{2,4})$/.exec(text);
  if (named) {
    const month = MONTHS.indexOf(named[2]!.toLowerCase()) + 1;
    return month ? calendarDay(fullYear(named[3]!, false), month, +named[1]!) : null;
  }
  const match = /^(\d{1,4})\s*[/.-]\s*(\d{1,2})\s*(?:[/.-]|\s*')\s*(\d{1,4})$/.exec(text);
  if (!match) return null;
  const apostrophe = text.includes("'");
  const [a, b, c] = [match[1]!, match[2]!, match[3]!];
  if (order === 'ymd') return a.length === 4 ? calendarDay(+a, +b, +c) : null;
  if (c.length === 3 || a.length > 2) return null;
  const year = fullYear(c, apostrophe);
  return order === 'dmy' ? calendarDay(year, +b, +a) : calendarDay(year, +a, +b);
}

function fullYear(text: string, apostrophe: boolean): number {
  if (text.length === 4) return +text;
  const yy = +text;
  if (apostrophe) return 2000 + yy;
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

function calendarDay(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The one order that reads every value, or, when several do, the first of `preference` that does.
 * `ambiguous` tells the caller that a person should confirm (every day ≤ 12).
 */
export function guessDateOrder(
  values: readonly string[],
  preference: readonly DateOrder[] = ['ymd', 'mdy', 'dmy'],
): { order: DateOrder; ambiguous: boolean } | null {
  const fitting = preference.filter((order) => values.every((v) => readDay(v, order) !== null));
  if (fitting.length === 0) return null;
  return { order: fitting[0]!, ambiguous: fitting.length > 1 };
}

export function requireDay(raw: string, order: DateOrder, at: StatementLocation): string {
  const day = readDay(raw, order);
  if (day === null) {
    throw new StatementError(
      `"${raw.trim().slice(0, 40)}" is not a date in ${order.toUpperCase()} order`,
      at,
    );
  }
  return day;
}

const OFX_DATE =
  /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:(\d{2})(?:\.\d{1,3})?)?)?\s*(?:\[\s*[+-]?\d{1,2}(?:\.\d{1,2})?(?::[A-Za-z]{1,8})?\s*\])?$/;

/**
 * OFX `YYYYMMDD[HHMMSS[.XXX]][±hh[:TZ]]` → the calendar day the bank states. The day is the one written in the
 * bank's own zone; a date-only value is a calendar day and is never shifted through midnight GMT.
 */
export function readOfxDay(raw: string, at: StatementLocation): string {
  const match = OFX_DATE.exec(raw.trim());
  const day = match ? calendarDay(+match[1]!, +match[2]!, +match[3]!) : null;
  const [hh, mm, ss] = [match?.[4], match?.[5], match?.[6]].map((v) => (v === undefined ? 0 : +v));
  if (day === null || hh! > 23 || mm! > 59 || ss! > 60) {
    throw new StatementError(
      `"${raw.trim().slice(0, 40)}" is not an OFX date (YYYYMMDD[HHMMSS[.XXX]][TZ])`,
      at,
    );
  }
  return day;
}
