import { typedAmount } from '../money/typed-amount.ts';

/** One row of the split editor as typed: a category ('' for uncategorized) and an amount as shown. */
export interface DraftPart {
  categoryId: string;
  amount: string;
}

/** What the API takes for one part: Plaid's sign, like the transaction's. */
export interface SplitPartInput {
  categoryId: string | null;
  amountMinor: number;
}

export interface CheckedSplit {
  /** The parts to send, or null while anything is wrong. */
  parts: SplitPartInput[] | null;
  /** What is wrong, in words, one line each. */
  problems: string[];
  /** Assigned so far and what is left, as sizes (no sign): left is negative when the parts are too much. */
  assignedMinor: number;
  leftMinor: number;
}

/**
 * Checks a split as typed against the transaction: every part a positive amount in the currency's decimals,
 * at least two parts, and together exactly the transaction's size (in minor units, never floats). Amounts
 * are typed without a sign and take the transaction's direction.
 */
export function checkSplit(draft: readonly DraftPart[], amountMinor: number, currency: string): CheckedSplit {
  const problems: string[] = [];
  const sizes = draft.map((part, i) => {
    const size = typedAmount(part.amount, currency);
    if (size === null || size === 0) problems.push(`Part ${i + 1}: enter an amount above zero, like 12.50.`);
    return size ?? 0;
  });
  const assignedMinor = sizes.reduce((sum, size) => sum + size, 0);
  const leftMinor = Math.abs(amountMinor) - assignedMinor;
  if (draft.length < 2) problems.push('A split needs two parts or more.');
  if (leftMinor !== 0) problems.push('The parts must add up to the whole amount.');
  const sign = amountMinor < 0 ? -1 : 1;
  return {
    parts:
      problems.length === 0
        ? draft.map((part, i) => ({ categoryId: part.categoryId || null, amountMinor: sign * sizes[i]! }))
        : null,
    problems,
    assignedMinor,
    leftMinor,
  };
}
