import { currencyExponent, toDecimalString } from '@finsync/shared/money';
import { checkSplitParts, type SplitProblem } from '@finsync/shared/splits';
import { typedDecimal } from '../money/typed-amount.ts';

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
  /** The parts to send (none: unsplit), or null while anything is wrong. */
  parts: SplitPartInput[] | null;
  /** What is wrong, at the field the API would name (`splits`, `splits.<i>.amountMinor`), in words. */
  problems: SplitProblem[];
  /** Assigned so far and what is left, as sizes (no sign): left is negative when the parts are too much. */
  assignedMinor: number;
  leftMinor: number;
}

/**
 * Checks a split as typed against the transaction with the API's own rule (checkSplitParts). Amounts are typed
 * without a sign and take the transaction's direction; one typed with a minus goes the other way and is refused
 * as the API would refuse it. Text that is not an amount counts as zero and says so.
 */
export function checkSplit(draft: readonly DraftPart[], amountMinor: number, currency: string): CheckedSplit {
  const sign = amountMinor < 0 ? -1 : 1;
  const typed = draft.map((part) => typedDecimal(part.amount, currency));
  const parts = draft.map((part, i) => ({
    categoryId: part.categoryId || null,
    amountMinor: sign * (typed[i] ?? 0) || 0,
  }));
  const verdict = checkSplitParts(parts, { amountMinor, currency });
  const example = toDecimalString(12 * 10 ** currencyExponent(currency), currency);
  const unreadable = typed.flatMap((minor, i) =>
    minor === null
      ? [{ path: `splits.${i}.amountMinor`, message: `Part ${i + 1}: enter an amount, like ${example}.` }]
      : [],
  );
  const unreadablePaths = new Set(unreadable.map((p) => p.path));
  const problems = [...unreadable, ...verdict.problems.filter((p) => !unreadablePaths.has(p.path))];
  return {
    parts: problems.length === 0 ? parts : null,
    problems,
    assignedMinor: verdict.assignedMinor,
    leftMinor: verdict.leftMinor,
  };
}
