import { describe, expect, it } from 'vitest';
import { formatMoney } from './money.ts';

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
    [150, 'BTC', 'en-US', 'BTC 1.50'],
  ])('%d minor %s in %s → %s', (minor, currency, locale, expected) => {
    expect(plain(formatMoney(minor, currency, locale))).toBe(expected);
  });

  it('prints amounts beyond float precision exactly', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
  });

  it('shows a sign for money in and out when asked', () => {
    expect(formatMoney(2500, 'USD', 'en-US', { signDisplay: 'exceptZero' })).toBe('+$25.00');
    expect(formatMoney(-2500, 'USD', 'en-US', { signDisplay: 'exceptZero' })).toBe('-$25.00');
    expect(formatMoney(0, 'USD', 'en-US', { signDisplay: 'exceptZero' })).toBe('$0.00');
  });

  it('formats a code Intl refuses (Plaid’s unofficial crypto codes) as the number and the code', () => {
    expect(formatMoney(150, 'USDC', 'en-US')).toBe('1.50 USDC');
    expect(formatMoney(-123456, 'DOGE', 'en-US', { signDisplay: 'exceptZero' })).toBe('-1,234.56 DOGE');
    expect(plain(formatMoney(123456, 'doge', 'fr-FR'))).toBe('1 234,56 DOGE');
    expect(formatMoney(1_234_000, 'USDC', 'en-US', { compact: true })).toBe('12K USDC');
  });

  it('shortens axis labels to Intl’s compact notation', () => {
    expect(formatMoney(1_234_000, 'USD', 'en-US', { compact: true })).toBe('$12K');
    expect(formatMoney(123_400, 'USD', 'en-US', { compact: true })).toBe('$1.2K');
  });

  it('falls back to a default locale for a tag Intl refuses, instead of throwing', () => {
    expect(formatMoney(150, 'USD', 'not a locale!')).toBe('$1.50');
  });
});
