import { DomainError } from '../errors/domain-error.ts';
import { currencyExponent } from './currency.ts';

/** An exact amount: integer minor units (cents for USD). Never a binary fraction. */
export type Minor = number;

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * Converts a decimal (a string, or a JSON number as Plaid sends it) to integer minor units exactly.
 * JSON numbers are read through their shortest round-trip text, so 12.34 becomes 1234, never 1233.
 * Digits beyond the currency's precision are rejected rather than rounded silently.
 */
export function toMinor(amount: string | number, currency: string | null | undefined): Minor {
  const text = typeof amount === 'number' ? numberText(amount) : amount.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new DomainError('MONEY_INVALID', `not a decimal amount: "${text}"`);
  const [, sign, whole, frac = ''] = match;
  const exp = currencyExponent(currency);
  const significant = frac.replace(/0+$/, '');
  if (significant.length > exp) {
    throw new DomainError(
      'MONEY_INVALID',
      `amount ${text} has more than ${exp} decimals for ${currency ?? 'its currency'}`,
    );
  }
  const minor = Number(whole! + frac.padEnd(exp, '0').slice(0, exp));
  if (!Number.isSafeInteger(minor)) throw new DomainError('MONEY_INVALID', `amount ${text} is out of range`);
  return sign === '-' && minor !== 0 ? -minor : minor;
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new DomainError('MONEY_INVALID', `not a finite amount: ${n}`);
  const text = String(n);
  // Tiny or huge numbers print in exponent form; toFixed(20) is exact enough to expose them as invalid.
  return text.includes('e') ? n.toFixed(20) : text;
}

/** Formats minor units as a plain decimal string ("-12.30"), the exact inverse of toMinor. */
export function toDecimalString(minor: Minor, currency: string | null | undefined): string {
  const exp = currencyExponent(currency);
  const negative = minor < 0;
  const digits = Math.abs(minor)
    .toString()
    .padStart(exp + 1, '0');
  const whole = exp ? digits.slice(0, -exp) : digits;
  const frac = exp ? `.${digits.slice(-exp)}` : '';
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** Sums minor units, refusing to leave the exact integer range. */
export function sumMinor(values: Iterable<Minor>): Minor {
  let total = 0;
  for (const v of values) {
    total += v;
    if (!Number.isSafeInteger(total)) throw new DomainError('MONEY_INVALID', 'sum out of exact range');
  }
  return total;
}
