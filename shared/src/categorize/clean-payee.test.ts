import { describe, expect, it } from 'vitest';
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
