import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { cleanPayee, merchantKey } from './clean-payee.ts';

describe('cleanPayee', () => {
  it.each([
    ['SQ *BLUE BOTTLE 1234 SAN FRANCISCO CA', null, 'Blue Bottle'],
    ['PURCHASE AUTHORIZED ON 03/14 COUNTRYSIDE DONUT KIRKLAND WA', null, 'Countryside Donut'],
    ['TST* SWEETGREEN #123 NEW YORK NY', null, 'Sweetgreen'],
    ['AMZN Mktp US*2K1AB2CD3', null, 'Amzn Mktp Us'],
    ['POS PURCHASE STARBUCKS STORE 04521 SEATTLE WA', null, 'Starbucks Store'],
    ['UBER   TRIP HELP.UBER.COM', null, 'Uber Trip Help.uber.com'],
    ['Netflix.com', null, 'Netflix.com'],
    ['SQ *BLUE BOTTLE 1234', 'Blue Bottle Coffee', 'Blue Bottle Coffee'],
    ['anything', "MCDONALD'S", "Mcdonald's"],
  ])('%s → %s', (raw, merchant, expected) => {
    expect(cleanPayee(raw, merchant)).toBe(expected);
  });

  it('files descriptors of the same merchant under one key regardless of store numbers and case', () => {
    expect(merchantKey('SQ *BLUE BOTTLE 1234 SAN FRANCISCO CA')).toBe(
      merchantKey('sq *blue bottle 98 oakland ca'),
    );
  });
});

describe('cleanPayee and merchantKey, asked again (each text is cleaned once per process)', () => {
  it('tell a descriptor with a merchant name from the same descriptor without one, in either order', () => {
    expect(cleanPayee('SQ *HARBOR KITCHEN 77', 'Harbor Kitchen Group')).toBe('Harbor Kitchen Group');
    expect(cleanPayee('SQ *HARBOR KITCHEN 77')).toBe('Harbor Kitchen');
    expect(cleanPayee('SQ *HARBOR KITCHEN 77', 'Harbor Kitchen Group')).toBe('Harbor Kitchen Group');
    expect(merchantKey('SQ *HARBOR KITCHEN 77')).toBe('harbor kitchen');
    expect(merchantKey('SQ *HARBOR KITCHEN 77', 'Harbor Kitchen Group')).toBe('harbor kitchen group');
  });

  it('fall back to the descriptor for a blank merchant name every time', () => {
    expect(cleanPayee('TST* NOPA 07', '   ')).toBe('Nopa');
    expect(cleanPayee('TST* NOPA 07', '   ')).toBe('Nopa');
    expect(cleanPayee('DOUBLE DUTCH BAR', '   ')).toBe('Double Dutch Bar');
    expect(cleanPayee('DOUBLE DUTCH BAR', '')).toBe('Double Dutch Bar');
  });

  it('answer the same whatever they were asked before', async () => {
    const text = fc.string({
      unit: fc.constantFrom('A', 'b', ' ', '1', '*', 'SQ', 'CA', 'San', '#'),
      maxLength: 12,
    });
    const inputs = fc.sample(fc.tuple(text, fc.option(text, { nil: null })), { numRuns: 500, seed: 16 });
    const forward = inputs.map(([raw, merchant]) => [cleanPayee(raw, merchant), merchantKey(raw, merchant)]);
    // A process that meets the same texts in the opposite order, key first.
    vi.resetModules();
    const other = await import('./clean-payee.ts');
    const backward = inputs
      .toReversed()
      .map(([raw, merchant]) => [other.merchantKey(raw, merchant), other.cleanPayee(raw, merchant)].reverse())
      .toReversed();
    expect(backward).toEqual(forward);
  });
});
