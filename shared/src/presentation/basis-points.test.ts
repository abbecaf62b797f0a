import { describe, expect, it } from 'vitest';
import { formatBasisPoints } from './basis-points.ts';

describe('formatBasisPoints', () => {
  it.each([
    [1234, {}, '12.3 %'],
    [1235, {}, '12.4 %'],
    [10_000, {}, '100.0 %'],
    [-1234, {}, '\u221212.3 %'],
    [1234, { signDisplay: 'exceptZero' as const }, '+12.3 %'],
    [0, { signDisplay: 'exceptZero' as const }, '0.0 %'],
    [1234, { decimals: 2 as const }, '12.34 %'],
    [5, { decimals: 2 as const }, '0.05 %'],
    // The prototype's old share formatter dropped this sign (Math.trunc(-0.34) prints "0").
    [-34, { decimals: 2 as const }, '\u22120.34 %'],
  ])('%d bps %o → %s', (bps, format, expected) => {
    expect(formatBasisPoints(bps, format)).toBe(expected);
  });
});
