import { currencyExponent } from '../money/currency.ts';
import type { Minor } from '../money/minor-units.ts';
import { changeOf } from '../reports/exact-ratio.ts';

/**
 * How finsync words a comparison of a figure with an earlier one, the same on the web and in the PDF.
 * A percentage is shown only against a base that can carry one: a percentage of a near-zero base
 * ("+1,354.3 %") says more about the base than about the change, so then the base amount is shown instead.
 * Net cash flow changes sign, so its changes are never given as percentages.
 */

/** Money and percent text in the surface's locale; wording and choices stay here. */
export interface ComparisonFormat {
  money(minor: Minor): string;
  signedMoney(minor: Minor): string;
  signedPercent(bps: number): string;
}

export type PeriodKind = 'weekly' | 'monthly' | 'custom';
export type ComparedWith = { with: 'previous' } | { with: 'average'; periods: number };

/** The base must be at least this many whole currency units… */
const MIN_BASE_UNITS = 20;
/** …and at least a tenth of the figure (so no change above +900 % is given as a percentage). */
const MIN_BASE_SHARE_DIVISOR = 10;

/** "previous week", "4-week average", "3-period average". */
export function comparisonLabel(kind: PeriodKind, compared: ComparedWith): string {
  const unit = { weekly: 'week', monthly: 'month', custom: 'period' }[kind];
  return compared.with === 'previous' ? `previous ${unit}` : `${compared.periods}-${unit} average`;
}

/** Whether a change from `reference` to `current` is worth a percentage. */
export function percentIsMeaningful(
  current: Minor,
  reference: Minor,
  currency: string,
  figure: 'spent' | 'income' | 'net',
): boolean {
  if (figure === 'net' || reference === 0) return false;
  const base = Math.abs(reference);
  return (
    base >= MIN_BASE_UNITS * 10 ** currencyExponent(currency) &&
    base * MIN_BASE_SHARE_DIVISOR >= Math.abs(current)
  );
}

/**
 * One comparison as a sentence fragment: "+$312.40 (+12.3 %) vs previous month",
 * "+$1,240.00 vs 4-week average ($85.20)" (base too small for a percentage), "same as previous week".
 */
export function describeComparison(
  input: {
    current: Minor;
    reference: Minor;
    currency: string;
    figure: 'spent' | 'income' | 'net';
    kind: PeriodKind;
    compared: ComparedWith;
  },
  format: ComparisonFormat,
): string {
  const label = comparisonLabel(input.kind, input.compared);
  const { deltaMinor, bps } = changeOf(input.current, input.reference);
  if (deltaMinor === 0) return `same as ${label}`;
  const delta = format.signedMoney(deltaMinor);
  if (bps !== null && percentIsMeaningful(input.current, input.reference, input.currency, input.figure))
    return `${delta} (${format.signedPercent(bps)}) vs ${label}`;
  return `${delta} vs ${label} (${format.money(input.reference)})`;
}

/**
 * What the figures count and leave out, in one sentence for the web report and the PDF:
 * "36 transactions counted; left out: 1 transfer between your accounts, 2 still pending."
 */
export function countedSentence(
  transactionCount: number,
  excluded: { transfers: number; excludedByUser: number; pending: number; otherCurrency: number },
): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  const parts = [
    excluded.transfers ? n(excluded.transfers, 'transfer', 'transfers') + ' between your accounts' : '',
    excluded.excludedByUser ? `${excluded.excludedByUser} you excluded` : '',
    excluded.pending ? `${excluded.pending} still pending` : '',
    excluded.otherCurrency ? `${excluded.otherCurrency} in another currency` : '',
  ].filter(Boolean);
  const counted = `${n(transactionCount, 'transaction', 'transactions')} counted`;
  return parts.length ? `${counted}; left out: ${parts.join(', ')}.` : `${counted}; none left out.`;
}
