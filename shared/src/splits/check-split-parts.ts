import { toDecimalString } from '../money/minor-units.ts';

/** The most parts one transaction splits into: the editor's limit and the API's. */
export const MAX_SPLIT_PARTS = 20;

/** One thing wrong with a split, at the field it is about: `splits` (the whole) or `splits.<i>.amountMinor`. */
export interface SplitProblem {
  path: string;
  message: string;
}

export interface SplitVerdict {
  /** Empty: the parts may be saved (no parts at all unsplits). */
  problems: SplitProblem[];
  /** What the parts assign in the transaction's direction, and what is left of its size (negative: too much). */
  assignedMinor: number;
  leftMinor: number;
}

/**
 * The one rule for a split, used by the API before it stores parts and by the SPA's editor as you type:
 * two to MAX_SPLIT_PARTS parts, each a non-zero whole number of minor units in the transaction's direction
 * (Plaid's sign), adding up to the transaction's amount exactly. No parts is valid: it unsplits. The currency
 * only shapes the messages, which give amounts as exact decimals without a sign.
 */
export function checkSplitParts(
  parts: readonly { amountMinor: number }[],
  txn: { amountMinor: number; currency: string | null },
): SplitVerdict {
  const size = Math.abs(txn.amountMinor);
  const sign = Math.sign(txn.amountMinor);
  const decimal = (minor: number) => toDecimalString(minor, txn.currency);
  const problems: SplitProblem[] = [];
  const whole = (message: string) => problems.push({ path: 'splits', message });
  if (parts.length === 0) return { problems, assignedMinor: 0, leftMinor: size };

  if (parts.length === 1) whole('A split has two parts or more; with no parts the transaction is not split.');
  if (parts.length > MAX_SPLIT_PARTS) whole(`A split has at most ${MAX_SPLIT_PARTS} parts.`);
  if (sign === 0) {
    whole('A transaction of zero has nothing to split.');
    return { problems, assignedMinor: 0, leftMinor: 0 };
  }

  let assignedMinor = 0;
  let countable = true;
  parts.forEach(({ amountMinor }, i) => {
    const part = (message: string) => problems.push({ path: `splits.${i}.amountMinor`, message });
    const name = `Part ${i + 1}`;
    if (!Number.isSafeInteger(amountMinor)) {
      countable = false;
      part(`${name} is not a whole number of minor units.`);
      return;
    }
    if (amountMinor === 0) part(`${name} is zero: give it an amount or remove it.`);
    else if (Math.sign(amountMinor) !== sign)
      part(
        `${name} goes the other way: every part is ${sign > 0 ? 'money out' : 'money in'}, like the transaction.`,
      );
    if (!countable) return;
    assignedMinor += sign * amountMinor;
    if (!Number.isSafeInteger(assignedMinor)) {
      countable = false;
      whole('The parts add up to more than can be counted exactly.');
    }
  });
  // Parts that cannot be added exactly have no total to compare: what is left is unknown, not a number.
  if (!countable) return { problems, assignedMinor: Number.NaN, leftMinor: Number.NaN };
  const leftMinor = size - assignedMinor;
  if (leftMinor !== 0)
    whole(
      `The parts add up to ${decimal(assignedMinor)} but the transaction is ${decimal(size)}: ${decimal(Math.abs(leftMinor))} ${leftMinor > 0 ? 'left to assign' : 'too much'}.`,
    );
  return { problems, assignedMinor, leftMinor };
}
