import { currencyExponent } from '../money/currency.ts';
import { type Minor, toDecimalString } from '../money/minor-units.ts';
import { safeLocale } from './safe-locale.ts';

export interface MoneyFormatOptions {
  /** 'exceptZero' prints +/− (for money in and out); default prints − only. */
  signDisplay?: 'auto' | 'always' | 'exceptZero' | 'never';
  /** Intl's compact notation ("$12K"), for chart axes. */
  compact?: boolean;
}

type MinorFormatter = (minor: Minor) => string;
const formatters = new Map<string, MinorFormatter>();

/**
 * Integer minor units as money for a person, in their locale. Intl receives the exact decimal string, so no
 * binary fraction appears between the database and the page. A code Intl refuses (Plaid's unofficial ones,
 * such as crypto tickers) prints as the number followed by the code rather than throwing.
 */
export function formatMoney(
  minor: Minor,
  currency: string | null | undefined,
  locale: string | undefined,
  options: MoneyFormatOptions = {},
): string {
  const code = (currency ?? 'USD').toUpperCase();
  const key = `${locale ?? ''}|${code}|${options.signDisplay ?? 'auto'}|${options.compact ? 1 : 0}`;
  let format = formatters.get(key);
  if (!format) {
    format = moneyFormatter(safeLocale(locale), code, options);
    formatters.set(key, format);
  }
  return format(minor);
}

function moneyFormatter(
  locale: string | undefined,
  code: string,
  options: MoneyFormatOptions,
): MinorFormatter {
  const digits = currencyExponent(code);
  const base: Intl.NumberFormatOptions = options.compact
    ? { notation: 'compact', signDisplay: options.signDisplay ?? 'auto' }
    : {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
        signDisplay: options.signDisplay ?? 'auto',
      };
  // toDecimalString's text is a plain decimal ("-12.30"): exactly what Intl's string input takes.
  const decimal = (minor: Minor) => toDecimalString(minor, code) as Intl.StringNumericLiteral;
  if (isCurrencyIntlKnows(code)) {
    const money = new Intl.NumberFormat(locale, { ...base, style: 'currency', currency: code });
    return (minor) => money.format(decimal(minor));
  }
  const number = new Intl.NumberFormat(locale, base);
  return (minor) => `${number.format(decimal(minor))} ${code}`;
}

/** Intl takes any well-formed three-letter code (formatting an unknown one by its code); others throw. */
function isCurrencyIntlKnows(code: string): boolean {
  return /^[A-Z]{3}$/.test(code);
}
