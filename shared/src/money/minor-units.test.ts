import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sumMinor, toDecimalString, toMinor } from './minor-units.ts';

describe('toMinor', () => {
  it.each([
    ['12.34', 'USD', 1234],
    [12.34, 'USD', 1234],
    [-4.5, 'USD', -450],
    ['1000', 'JPY', 1000],
    ['1.234', 'KWD', 1234],
    ['7.10', 'USD', 710],
    [1e-7 * 0, 'USD', 0],
  ])('%s %s → %d', (amount, currency, expected) => {
    expect(toMinor(amount, currency)).toBe(expected);
  });

  it('rejects more decimals than the currency has instead of rounding', () => {
    expect(() => toMinor('1.005', 'USD')).toThrow(/more than 2 decimals/);
    expect(() => toMinor('12.5', 'JPY')).toThrow(/more than 0 decimals/);
  });

  it('rejects a computed float that is not a decimal of the currency', () => {
    expect(() => toMinor(0.1 + 0.2, 'USD')).toThrow(/more than 2 decimals/);
  });

  it('rejects text that is not a decimal', () => {
    expect(() => toMinor('12,34', 'USD')).toThrow(/not a decimal/);
    expect(() => toMinor(Number.NaN, 'USD')).toThrow(/finite/);
  });

  it('round-trips through toDecimalString for every cent amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (minor) => {
        expect(toMinor(toDecimalString(minor, 'USD'), 'USD')).toBe(minor);
      }),
    );
  });

  it('reads JSON numbers with two decimals exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), (minor) => {
        const json = JSON.parse(toDecimalString(minor, 'USD')) as number;
        expect(toMinor(json, 'USD')).toBe(minor);
      }),
    );
  });
});

describe('toMinor of a JSON number', () => {
  // A number is read without its text where that is exact: it must agree with reading its text.
  const viaText = (n: number, currency: string | null) => {
    try {
      return toMinor(String(n), currency);
    } catch (error) {
      return (error as Error).message;
    }
  };
  const viaNumber = (n: number, currency: string | null) => {
    try {
      return toMinor(n, currency);
    } catch (error) {
      return (error as Error).message;
    }
  };
  const currencies = fc.constantFrom('USD', 'JPY', 'KWD', null);

  it('reads every decimal of the currency as its text reads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.integer({ min: 0, max: 4 }),
        currencies,
        (m, places, c) => {
          const n = m / 10 ** places;
          if (String(n).includes('e')) return;
          expect(viaNumber(n, c)).toEqual(viaText(n, c));
        },
      ),
    );
  });

  it('reads any double as its text reads, or fails as it does', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), currencies, (n, c) => {
        if (String(n).includes('e')) return;
        expect(viaNumber(n, c)).toEqual(viaText(n, c));
      }),
    );
  });

  it('reads negative zero as 0, and edge amounts exactly', () => {
    expect(Object.is(toMinor(-0, 'USD'), 0)).toBe(true);
    expect(toMinor(999999999.99, 'USD')).toBe(99999999999);
    expect(toMinor(-0.01, 'USD')).toBe(-1);
    expect(toMinor(0.005, 'KWD')).toBe(5);
    expect(() => toMinor(0.005, 'USD')).toThrow(/more than 2 decimals/);
    expect(() => toMinor(Number.POSITIVE_INFINITY, 'USD')).toThrow(/finite/);
    expect(toMinor(12345678901.23, 'USD')).toBe(1234567890123);
  });
});

describe('sumMinor', () => {
  it('adds exactly where floats drift', () => {
    expect(sumMinor(Array.from({ length: 10 }, () => 10))).toBe(100);
    expect(toDecimalString(sumMinor([10, 20]), 'USD')).toBe('0.30');
  });
  it('refuses to overflow the exact range', () => {
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(/out of exact range/);
  });
});
