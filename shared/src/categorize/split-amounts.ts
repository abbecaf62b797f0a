import { DomainError } from '../errors/domain-error.ts';
import type { SplitLine } from './categorizable-transaction.ts';
import type { SplitPart } from './rule-schema.ts';

/**
 * Divides a transaction's amount into split lines that always sum to the total exactly.
 * Fixed amounts come first (positive numbers, given the transaction's sign); each percent split takes its
 * share of what the fixed splits left; remainder splits share the rest equally, the last one taking the
 * rounding leftover. Without a remainder split, whatever is left becomes a final line in `fallbackCategoryId`.
 * Throws DomainError SPLIT_EXCEEDS_TOTAL when fixed amounts or percents ask for more than there is.
 */
export function splitAmounts(
  totalMinor: number,
  parts: SplitPart[],
  fallbackCategoryId: string | null,
): SplitLine[] {
  const sign = totalMinor < 0 ? -1 : 1;
  const total = Math.abs(totalMinor);
  const amounts = new Array<number>(parts.length).fill(0);
  let fixedSum = 0;
  parts.forEach((p, i) => {
    if (p.method === 'fixed') {
      amounts[i] = p.amount;
      fixedSum += p.amount;
    }
  });
  if (fixedSum > total) {
    throw new DomainError('SPLIT_EXCEEDS_TOTAL', `fixed splits ${fixedSum} exceed the amount ${total}`);
  }
  const afterFixed = total - fixedSum;
  const percentSum = parts.reduce((s, p) => s + (p.method === 'percent' ? p.percent : 0), 0);
  if (percentSum > 100 + 1e-9) {
    throw new DomainError('SPLIT_EXCEEDS_TOTAL', `percent splits add up to ${percentSum}%`);
  }
  let used = fixedSum;
  parts.forEach((p, i) => {
    if (p.method === 'percent') {
      // Integer arithmetic on basis points of a percent keeps this exact for sane inputs.
      const share = Math.floor((afterFixed * Math.round(p.percent * 10_000)) / 1_000_000);
      amounts[i] = share;
      used += share;
    }
  });
  let left = total - used;
  const remainderIdx = parts.flatMap((p, i) => (p.method === 'remainder' ? [i] : []));
  if (remainderIdx.length > 0) {
    const each = Math.floor(left / remainderIdx.length);
    remainderIdx.forEach((idx, k) => {
      amounts[idx] = k === remainderIdx.length - 1 ? left - each * (remainderIdx.length - 1) : each;
    });
    left = 0;
  }
  const lines: SplitLine[] = parts.map((p, i) => ({
    amountMinor: sign * amounts[i]! || 0,
    categoryId: p.categoryId ?? null,
    notes: p.notes ?? null,
  }));
  if (left > 0) lines.push({ amountMinor: sign * left, categoryId: fallbackCategoryId, notes: null });
  return lines;
}
