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
  if (typeof amount === 'number') {
    const fast = exactNumberMinor(amount, currencyExponent(currency));
    if (fast !== null) return fast;
  }
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

/** 10^exponent for the exponents currencies have. */
const SCALES = [1, 10, 100, 1000, 10000];
/**
 * Below this, decimals of at most four places lie much further apart (1e-4) than doubles do (1e-7 at most),
 * so the double nearest such a decimal prints as that decimal: the shortest text toMinor would read.
 */
const FAST_LIMIT = 1e9;

/**
 * `n` in minor units without going through its text (String(n) costs more than the rest of a Plaid row's
 * conversion; a sync converts every row's amount), or null where only the text can tell. The scaled,
 * rounded amount is exact iff scaling back gives `n` again: `n` is then the double nearest that decimal,
 * which below FAST_LIMIT is the decimal its shortest text spells, the one toMinor reads from the text.
 * Anything else (more decimals than the currency has, huge, not finite) goes the text's way, which explains it.
 */
function exactNumberMinor(n: number, exp: number): Minor | null {
  const scale = SCALES[exp];
  if (scale === undefined || !(Math.abs(n) < FAST_LIMIT)) return null;
  const minor = Math.round(n * scale);
  if (minor / scale !== n) return null;
  // Math.round keeps a negative zero's sign; the text of -0 is "0".
  return minor === 0 ? 0 : minor;
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
