import { currencyExponent, type Minor, toDecimalString } from '@finsync/shared/money';

const formatters = new Map<string, Intl.NumberFormat>();

export interface MoneyFormatOptions {
  /** 'always' prints +/− (for money in and out); default prints − only. */
  signDisplay?: 'auto' | 'always' | 'exceptZero' | 'never';
  /** Drops the minor digits, for chart axes and large totals. */
  compact?: boolean;
}

/**
 * Formats integer minor units in the user's locale and currency. The amount reaches Intl as an exact
 * decimal string, so no binary fraction ever appears between the database and the screen.
 */
export function formatMoney(
  minor: Minor,
  currency: string | null | undefined,
  locale: string | undefined,
  options: MoneyFormatOptions = {},
): string {
  const code = (currency ?? 'USD').toUpperCase();
  const digits = options.compact ? 0 : currencyExponent(code);
  const key = `${locale ?? ''}|${code}|${digits}|${options.signDisplay ?? 'auto'}|${options.compact ? 1 : 0}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = makeFormatter(locale, code, digits, options);
    formatters.set(key, formatter);
  }
  return formatter.format(toDecimalString(minor, code) as Intl.StringNumericLiteral);
}

function makeFormatter(
  locale: string | undefined,
  currency: string,
  digits: number,
  options: MoneyFormatOptions,
): Intl.NumberFormat {
  const base: Intl.NumberFormatOptions = {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: options.signDisplay ?? 'auto',
    ...(options.compact
      ? { notation: 'compact' as const, maximumFractionDigits: 1, minimumFractionDigits: 0 }
      : {}),
  };
  try {
    return new Intl.NumberFormat(locale, { ...base, style: 'currency', currency });
  } catch {
    // Plaid sends unofficial codes (e.g. crypto) that Intl rejects: show the number with the code beside it.
    const plain = new Intl.NumberFormat(locale, base);
    return {
      format: (v: Intl.StringNumericLiteral) => `${plain.format(v)} ${currency}`,
    } as Intl.NumberFormat;
  }
}
