import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SplitPart } from './rule-schema.ts';
import { splitAmounts } from './split-amounts.ts';

describe('splitAmounts', () => {
  it('puts what fixed and percent splits leave on a final line when there is no remainder split', () => {
    expect(
      splitAmounts(
        -1000,
        [
          { method: 'fixed', amount: 300, categoryId: 'a' },
          { method: 'percent', percent: 50 },
        ],
        'own',
      ),
    ).toEqual([
      { amountMinor: -300, categoryId: 'a', notes: null },
      { amountMinor: -350, categoryId: null, notes: null },
      { amountMinor: -350, categoryId: 'own', notes: null },
    ]);
  });

  it('refuses percents over 100', () => {
    expect(() =>
      splitAmounts(
        100,
        [
          { method: 'percent', percent: 60 },
          { method: 'percent', percent: 50 },
        ],
        null,
      ),
    ).toThrow(expect.objectContaining({ code: 'SPLIT_EXCEEDS_TOTAL' }));
  });

  const part: fc.Arbitrary<SplitPart> = fc.oneof(
    fc.record({ method: fc.constant('fixed' as const), amount: fc.integer({ min: 1, max: 500 }) }),
    fc.record({ method: fc.constant('percent' as const), percent: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ method: fc.constant('remainder' as const) }),
  );

  it('lines always sum to the total, with the total’s sign, whenever the split is accepted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.array(part, { minLength: 2, maxLength: 6 }),
        (total, parts) => {
          let lines: ReturnType<typeof splitAmounts>;
          try {
            lines = splitAmounts(total, parts, null);
          } catch (error) {
            expect((error as { code: string }).code).toBe('SPLIT_EXCEEDS_TOTAL');
            return;
          }
          expect(lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(total);
          for (const l of lines) {
            expect(Number.isInteger(l.amountMinor)).toBe(true);
            if (total > 0) expect(l.amountMinor).toBeGreaterThanOrEqual(0);
            if (total < 0) expect(l.amountMinor).toBeLessThanOrEqual(0);
          }
        },
      ),
    );
  });
});
