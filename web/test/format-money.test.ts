import { describe, expect, it } from 'vitest';
import { formatMoney } from '../src/money/format-money.ts';

// Intl inserts narrow no-break spaces in some locales; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it.each([
    [123456, 'USD', 'en-US', '$1,234.56'],
    [123456, 'EUR', 'de-DE', '1.234,56 €'],
    [123456, 'EUR', 'fr-FR', '1 234,56 €'],
    [1234, 'JPY', 'en-US', '¥1,234'],
    [1234, 'KWD', 'en-US', 'KWD 1.234'],
    [-5, 'USD', 'en-US', '-$0.05'],
    [0, 'GBP', 'en-GB', '£0.00'],
  ])('%d minor %s in %s → %s', (minor, currency, locale, expected) => {
    expect(plain(formatMoney(minor, currency, locale))).toBe(expected);
  });

  it('prints amounts beyond float precision exactly', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
  });

  it('shows a sign for money in and out when asked', () => {
    expect(formatMoney(2500, 'USD', 'en-US', { signDisplay: 'exceptZero' })).toBe('+$25.00');
    expect(formatMoney(-2500, 'USD', 'en-US', { signDisplay: 'exceptZero' })).toBe('-$25.00');
  });

  it('falls back to the bare number and code for currencies Intl does not know', () => {
    expect(formatMoney(150, 'XBT1', 'en-US')).toBe('1.50 XBT1');
  });
});
