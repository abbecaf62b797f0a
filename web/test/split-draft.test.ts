import { toDecimalString } from '@finsync/shared/money';
import { checkSplitParts } from '@finsync/shared/splits';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSplit } from '../src/transactions/split-draft.ts';

const paths = (problems: readonly { path: string }[]) => problems.map((p) => p.path);

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
    ['a cent left', ['60.00', '39.99'], 1, 'splits', '0.01 left to assign'],
    ['a cent too much', ['60.00', '40.01'], -1, 'splits', '0.01 too much'],
    ['a part with three decimals', ['60.001', '39.999'], null, 'splits.0.amountMinor', 'Part 1'],
    ['a zero part', ['100', '0'], 0, 'splits.1.amountMinor', 'Part 2 is zero'],
    ['a part typed with a minus', ['120', '-20'], 0, 'splits.1.amountMinor', 'other way'],
    ['a word', ['sixty', '40'], null, 'splits.0.amountMinor', 'Part 1'],
    ['a lone part', ['100'], 0, 'splits', 'two parts'],
  ])('%s is refused, saying why at the field the API names', (_what, amounts, left, path, words) => {
    const split = checkSplit(
      amounts.map((amount) => ({ categoryId: 'a', amount })),
      100_00,
      'USD',
    );
    expect(split.parts).toBeNull();
    if (left !== null) expect(split.leftMinor).toBe(left);
    expect(paths(split.problems)).toContain(path);
    expect(split.problems.map((p) => p.message).join(' ')).toContain(words);
  });

  it('gives the API’s verdict, at the same fields and in the same words, for parts typed as their sizes', () => {
    const currency = fc.constantFrom('USD', 'JPY', 'BHD');
    const sizes = fc.array(fc.integer({ min: -1_000_00, max: 1_000_00 }), { maxLength: 6 });
    fc.assert(
      fc.property(
        sizes,
        fc.integer({ min: -3_000_00, max: 3_000_00 }),
        currency,
        (typed, amountMinor, cur) => {
          const draft = typed.map((size) => ({ categoryId: 'a', amount: toDecimalString(size, cur) }));
          const sign = amountMinor < 0 ? -1 : 1;
          const api = checkSplitParts(
            typed.map((size) => ({ amountMinor: sign * size })),
            { amountMinor, currency: cur },
          );
          const editor = checkSplit(draft, amountMinor, cur);
          expect(editor.problems).toEqual(api.problems);
          expect(editor.parts === null).toBe(api.problems.length > 0);
        },
      ),
    );
  });
});
