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

describe('sumMinor', () => {
  it('adds exactly where floats drift', () => {
    expect(sumMinor(Array.from({ length: 10 }, () => 10))).toBe(100);
    expect(toDecimalString(sumMinor([10, 20]), 'USD')).toBe('0.30');
  });
  it('refuses to overflow the exact range', () => {
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(/out of exact range/);
  });
});
