import { currencyExponent, type Minor } from '@finsync/shared/money';

/** Major units as a number, only for placing points on a chart; never used in sums or displayed text. */
export function chartValue(minor: Minor, currency: string | null | undefined): number {
  return minor / 10 ** currencyExponent(currency);
}
