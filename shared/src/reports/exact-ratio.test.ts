import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRounded, ratioBps, sharesBps } from './exact-ratio.ts';

describe('exact ratios', () => {
  it.each([
    [7, 2, 4],
    [-7, 2, -4],
    [5, 3, 2],
    [-5, 3, -2],
    [1, 3, 0],
  ])('%d / %d rounds half away from zero to %d', (n, d, q) => {
    expect(divideRounded(n, d)).toBe(q);
  });

  it('expresses changes in basis points without float drift', () => {
    expect(ratioBps(1, 3)).toBe(3333);
    expect(ratioBps(-250, 1549)).toBe(-1614);
    expect(ratioBps(5, 0)).toBeNull();
    expect(ratioBps(123_456_789_012, 7)).toBe(176_366_841_445_714);
  });

  it('shares always add up to exactly 10000 bps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e9, max: 1e12 }), { minLength: 1, maxLength: 30 }),
        (values) => {
          const shares = sharesBps(values);
          const anyPositive = values.some((v) => v > 0);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(anyPositive ? 10_000 : 0);
          values.forEach((v, i) => {
            if (v <= 0) expect(shares[i]).toBe(0);
          });
        },
      ),
    );
  });
});
