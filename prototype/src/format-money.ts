import { type Minor, toDecimalString } from '@finsync/shared/money';

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats integer minor units; Intl receives the exact decimal string, never a binary fraction. */
export function formatMoney(minor: Minor, currency: string): string {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formatters.set(currency, formatter);
  }
  return formatter.format(toDecimalString(minor, currency) as Intl.StringNumericLiteral);
}

/** Basis points as a percentage with two decimals (1234 → "12.34 %"), by integer arithmetic. */
export function formatShare(bps: number): string {
  return `${Math.trunc(bps / 100)}.${String(Math.abs(bps % 100)).padStart(2, '0')} %`;
}
