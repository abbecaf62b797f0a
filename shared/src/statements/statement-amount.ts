import { toDecimalString, toMinor } from '../money/minor-units.ts';
import { StatementError, type StatementLocation } from './statement.ts';

/** The decimal mark of a file: '.', ',' or 'auto' (the last of '.'/',' followed by 1–2 digits is the mark). */
export type DecimalSeparator = '.' | ',' | 'auto';

/**
 * Reads an amount as banks write it — `1.234,56`, `1,650.00`, `$120`, `(12.50)`, `12.50-`, `+3` — into a
 * plain decimal string ("-1234.56"), exactly, never through a float. Anything else is refused with its location.
 */
export function readDecimal(raw: string, separator: DecimalSeparator, at: StatementLocation): string {
  let text = raw.trim().replace(/[\s\u00a0\u202f'’]/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (/^[+-]/.test(text)) {
    negative = negative !== (text[0] === '-');
    text = text.slice(1);
  } else if (/-$/.test(text)) {
    negative = !negative;
    text = text.slice(0, -1);
  }
  const unsymboled = text
    .replace(/^[$€£¥]|[$€£¥]$/g, '')
    .replace(/^(?:USD|EUR|GBP|CAD|CHF)|(?:USD|EUR|GBP|CAD|CHF)$/i, '');
  // "€ -4,80": a sign may follow the currency symbol (never a second sign after a first).
  const symbolFirst = unsymboled !== text && !/^[+-]/.test(raw.trim());
  text = unsymboled;
  if (symbolFirst && /^[+-]/.test(text)) {
    negative = negative !== (text[0] === '-');
    text = text.slice(1);
  }
  const mark = separator === 'auto' ? guessMark(text) : separator;
  const grouping = mark === '.' ? ',' : '.';
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) {
    throw new StatementError(`"${raw.trim().slice(0, 40)}" is not an amount`, at);
  }
  const parts = text.split(mark);
  if (parts.length > 2) throw new StatementError(`"${raw.trim()}" has more than one decimal mark`, at);
  const whole = parts[0]!;
  const frac = parts[1] ?? '';
  if (frac.includes(grouping) || (whole.includes(grouping) && !/^\d{1,3}(?:[.,]\d{3})+$/.test(whole))) {
    throw new StatementError(`"${raw.trim()}" has a misplaced digit group separator`, at);
  }
  const digits = whole.split(grouping).join('') || '0';
  const normalized = `${digits.replace(/^0+(?=\d)/, '')}${frac ? `.${frac}` : ''}`;
  return negative && /[1-9]/.test(normalized) ? `-${normalized}` : normalized;
}

function guessMark(text: string): '.' | ',' {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  if (lastComma >= 0) {
    // "1,650" is a thousands group; "8,5" and "8,50" are decimal commas.
    return /^\d{1,3}(?:,\d{3})+$/.test(text) ? '.' : ',';
  }
  return '.';
}

/**
 * The amount in Plaid's sign (positive = money out), canonical for its currency ("12.30" for USD).
 * `outIsNegative` says how the file signs money leaving the account.
 */
export function toOutflowAmount(
  decimal: string,
  outIsNegative: boolean,
  currency: string | null,
  at: StatementLocation,
): string {
  let minor: number;
  try {
    minor = toMinor(decimal, currency ?? 'USD');
  } catch (error) {
    throw new StatementError(error instanceof Error ? error.message : String(error), at);
  }
  return toDecimalString(outIsNegative ? -minor || 0 : minor, currency ?? 'USD');
}
