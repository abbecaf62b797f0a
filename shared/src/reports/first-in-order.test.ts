import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInOrder } from './first-in-order.ts';

describe('firstInOrder', () => {
  const byAmount = (a: { amount: number }, b: { amount: number }) => b.amount - a.amount;

  it('keeps tied items in their input order, as a stable sort does', () => {
    const items = [
      { amount: 5, id: 'a' },
      { amount: 9, id: 'b' },
      { amount: 5, id: 'c' },
      { amount: 5, id: 'd' },
      { amount: 1, id: 'e' },
    ];
    expect(firstInOrder(items, 3, byAmount).map((i) => i.id)).toEqual(['b', 'a', 'c']);
  });

  it('gives what sorting everything and slicing gives', () => {
    fc.assert(
      fc.property(
        // Few distinct amounts: most items tie with another.
        fc.array(fc.record({ amount: fc.integer({ min: -3, max: 3 }), id: fc.nat() })),
        fc.integer({ min: 0, max: 12 }),
        (items, count) => {
          expect(firstInOrder(items, count, byAmount)).toEqual([...items].sort(byAmount).slice(0, count));
        },
      ),
    );
  });
});
