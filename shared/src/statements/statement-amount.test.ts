import { describe, expect, it } from 'vitest';
import { readDecimal, toOutflowAmount } from './statement-amount.ts';

describe('readDecimal', () => {
  it.each([
    ['-8.50', 'auto', '-8.50'],
    ['1,650.00', 'auto', '1650.00'],
    ['-2,5', 'auto', '-2.5'],
    ['1.234,56', 'auto', '1234.56'],
    ['1,650', 'auto', '1650'],
    ['$120', 'auto', '120'],
    ['(12.50)', '.', '-12.50'],
    ['12.50-', '.', '-12.50'],
    ['+3', '.', '3'],
    ['-1.250,00', ',', '-1250.00'],
    ['1 234,5', ',', '1234.5'],
    ["1'234.50", '.', '1234.50'],
    ['€ -4,80', ',', '-4.80'],
    ['-0.00', '.', '0.00'],
    ['007.10', '.', '7.10'],
  ] as const)('%s with %s → %s', (raw, mark, expected) => {
    expect(readDecimal(raw, mark, {})).toBe(expected);
  });

  it.each(['null', '', '1.2.3', '12abc', '1,2,3.4.5', '--1'])('refuses "%s" naming the location', (raw) => {
    expect(() => readDecimal(raw, 'auto', { line: 7, field: 'Amount' })).toThrow(/line 7, field "Amount"/);
  });
});

describe('toOutflowAmount', () => {
  it('negates customer-view amounts into Plaid sign and makes them canonical for the currency', () => {
    expect(toOutflowAmount('-8.5', true, 'USD', {})).toBe('8.50');
    expect(toOutflowAmount('100', true, 'JPY', {})).toBe('-100');
    expect(toOutflowAmount('0', true, 'USD', {})).toBe('0.00');
    expect(toOutflowAmount('25.99', false, null, {})).toBe('25.99');
  });

  it('refuses more decimals than the currency has instead of rounding', () => {
    expect(() => toOutflowAmount('1.234', true, 'USD', { line: 3 })).toThrow(
      /line 3: amount 1.234 has more than 2/,
    );
  });
});
