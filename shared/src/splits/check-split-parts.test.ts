import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMinor } from '../money/minor-units.ts';
import { checkSplitParts, MAX_SPLIT_PARTS } from './check-split-parts.ts';

const CURRENCIES = ['USD', 'JPY', 'BHD', 'EUR', null] as const;
const currency = fc.constantFrom(...CURRENCIES);
/** A transaction amount in Plaid's sign (positive: money out), never zero. */
const nonZeroAmount = fc
  .integer({ min: 2, max: 10_000_000_00 })
  .chain((size) => fc.constantFrom(size, -size));

/** Cuts |amount| into 2..8 positive sizes that add up to it exactly, each signed like the transaction. */
const exactParts = nonZeroAmount.chain((amountMinor) => {
  const size = Math.abs(amountMinor);
  return fc
    .uniqueArray(fc.integer({ min: 1, max: size - 1 }), { minLength: 1, maxLength: Math.min(7, size - 1) })
    .map((cuts) => {
      const edges = [0, ...cuts.sort((a, b) => a - b), size];
      const sign = Math.sign(amountMinor);
      const parts = edges.slice(1).map((edge, i) => ({ amountMinor: sign * (edge - edges[i]!) }));
      return { amountMinor, parts };
    });
});

const paths = (v: { problems: { path: string }[] }) => v.problems.map((p) => p.path);

describe('checkSplitParts', () => {
  it('passes parts in the transaction’s direction that add up to it exactly, in any currency', () => {
    fc.assert(
      fc.property(exactParts, currency, ({ amountMinor, parts }, cur) => {
        const verdict = checkSplitParts(parts, { amountMinor, currency: cur });
        expect(verdict.problems).toEqual([]);
        expect(verdict.assignedMinor).toBe(Math.abs(amountMinor));
        expect(verdict.leftMinor).toBe(0);
      }),
    );
  });

  it('refuses parts a few minor units off at `splits`, naming the exact difference in the currency', () => {
    fc.assert(
      fc.property(
        exactParts,
        currency,
        fc.integer({ min: 1, max: 500 }),
        fc.boolean(),
        ({ amountMinor, parts }, cur, delta, more) => {
          const sign = Math.sign(amountMinor);
          const changed = parts.map((p, i) =>
            i === 0 ? { amountMinor: p.amountMinor + sign * (more ? delta : -delta) } : p,
          );
          fc.pre(Math.sign(changed[0]!.amountMinor) === sign);
          const verdict = checkSplitParts(changed, { amountMinor, currency: cur });
          expect(paths(verdict)).toEqual(['splits']);
          expect(verdict.leftMinor).toBe(more ? -delta : delta);
          // Every figure in the message is the exact decimal of minor units, in the currency's decimals.
          const figures = verdict.problems[0]!.message.match(/\d+(?:\.\d+)?/g)!.map((f) => toMinor(f, cur));
          expect(figures).toEqual([
            Math.abs(amountMinor) + (more ? delta : -delta),
            Math.abs(amountMinor),
            delta,
          ]);
          expect(verdict.problems[0]!.message).toContain(more ? 'too much' : 'left to assign');
        },
      ),
    );
  });

  it('refuses a zero part, or one against the transaction’s direction, at that part’s amount', () => {
    fc.assert(
      fc.property(
        exactParts,
        currency,
        fc.nat(),
        fc.constantFrom('zero', 'flipped'),
        ({ amountMinor, parts }, cur, pick, how) => {
          const at = pick % parts.length;
          const changed = parts.map((p, i) =>
            i === at ? { amountMinor: how === 'zero' ? 0 : -p.amountMinor } : p,
          );
          const verdict = checkSplitParts(changed, { amountMinor, currency: cur });
          expect(paths(verdict)).toContain(`splits.${at}.amountMinor`);
          expect(paths(verdict).filter((p) => p !== 'splits')).toEqual([`splits.${at}.amountMinor`]);
        },
      ),
    );
  });

  it('gives the same verdict, at the same fields, whatever the currency', () => {
    const anyParts = fc.array(fc.record({ amountMinor: fc.integer({ min: -1_000_00, max: 1_000_00 }) }), {
      maxLength: 6,
    });
    fc.assert(
      fc.property(anyParts, fc.integer({ min: -1_000_00, max: 1_000_00 }), (parts, amountMinor) => {
        const verdicts = CURRENCIES.map((cur) => checkSplitParts(parts, { amountMinor, currency: cur }));
        for (const v of verdicts) expect(paths(v)).toEqual(paths(verdicts[0]!));
      }),
    );
  });

  it('no parts is valid: it unsplits', () => {
    expect(checkSplitParts([], { amountMinor: 100_00, currency: 'USD' }).problems).toEqual([]);
  });

  it.each([
    ['a lone part, even of the whole amount', [100_00], 100_00, ['splits']],
    ['more parts than the limit', Array(MAX_SPLIT_PARTS + 1).fill(5_00), 105_00, ['splits']],
    [
      'a part that is not a whole number of minor units',
      [99_99.5, 0.5],
      100_00,
      ['splits.0.amountMinor', 'splits.1.amountMinor'],
    ],
    ['parts of a zero transaction', [5_00, -5_00], 0, ['splits']],
    [
      'parts past the exact integer range',
      [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
      100,
      ['splits'],
    ],
  ])('refuses %s', (_what, amounts, amountMinor, expected) => {
    const verdict = checkSplitParts(
      amounts.map((a) => ({ amountMinor: a })),
      { amountMinor, currency: 'USD' },
    );
    expect(paths(verdict)).toEqual(expected);
    for (const p of verdict.problems) expect(p.message).toMatch(/\w/);
  });

  it('adds cents exactly: 0.10 + 0.20 is the whole of 0.30', () => {
    const verdict = checkSplitParts([{ amountMinor: 10 }, { amountMinor: 20 }], {
      amountMinor: 30,
      currency: 'USD',
    });
    expect(verdict).toEqual({ problems: [], assignedMinor: 30, leftMinor: 0 });
  });
});
