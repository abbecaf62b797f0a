import { describe, expect, it } from 'vitest';
import { checkSplit } from '../src/transactions/split-draft.ts';

describe('split draft', () => {
  it('sends parts in the transaction’s direction when they add up exactly', () => {
    const purchase = checkSplit(
      [
        { categoryId: 'food', amount: '60.10' },
        { categoryId: '', amount: '39.90' },
      ],
      100_00,
      'USD',
    );
    expect(purchase).toEqual({
      parts: [
        { categoryId: 'food', amountMinor: 60_10 },
        { categoryId: null, amountMinor: 39_90 },
      ],
      problems: [],
      assignedMinor: 100_00,
      leftMinor: 0,
    });
    const refund = checkSplit(
      [
        { categoryId: 'a', amount: '1' },
        { categoryId: 'b', amount: '2' },
      ],
      -3_00,
      'USD',
    );
    expect(refund.parts).toEqual([
      { categoryId: 'a', amountMinor: -1_00 },
      { categoryId: 'b', amountMinor: -2_00 },
    ]);
  });

  it('adds cents exactly: 0.10 + 0.20 is 0.30, not 0.30000000000000004', () => {
    const split = checkSplit(
      [
        { categoryId: 'a', amount: '0.10' },
        { categoryId: 'b', amount: '0.20' },
      ],
      30,
      'USD',
    );
    expect(split.leftMinor).toBe(0);
    expect(split.parts).not.toBeNull();
  });

  it.each([
    ['a cent left', ['60.00', '39.99'], 1, 'add up'],
    ['a cent too much', ['60.00', '40.01'], -1, 'add up'],
    ['a part with three decimals', ['60.001', '39.999'], null, 'Part 1'],
    ['a zero part', ['100', '0'], 0, 'Part 2'],
    ['a word', ['sixty', '40'], null, 'Part 1'],
    ['a lone part', ['100'], 0, 'two parts'],
  ])('%s is refused, saying why', (_what, amounts, left, words) => {
    const split = checkSplit(
      amounts.map((amount) => ({ categoryId: 'a', amount })),
      100_00,
      'USD',
    );
    expect(split.parts).toBeNull();
    if (left !== null) expect(split.leftMinor).toBe(left);
    expect(split.problems.join(' ')).toContain(words);
  });
});
