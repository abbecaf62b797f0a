import { describe, expect, it } from 'vitest';
import { comparisonLabel, countedSentence, describeComparison } from './comparison-wording.ts';

const format = {
  money: (minor: number) => `$${(minor / 100).toFixed(2)}`,
  signedMoney: (minor: number) => `${minor > 0 ? '+' : '-'}$${(Math.abs(minor) / 100).toFixed(2)}`,
  signedPercent: (bps: number) => `${bps > 0 ? '+' : ''}${(bps / 100).toFixed(1)} %`,
};
const weekly = { currency: 'USD', kind: 'weekly' as const };

describe('comparison wording (web and PDF)', () => {
  it('names the comparison the same for every surface', () => {
    expect(comparisonLabel('weekly', { with: 'average', periods: 4 })).toBe('4-week average');
    expect(comparisonLabel('monthly', { with: 'average', periods: 3 })).toBe('3-month average');
    expect(comparisonLabel('custom', { with: 'previous' })).toBe('previous period');
  });

  it('gives a percentage against a substantial base', () => {
    expect(
      describeComparison(
        { ...weekly, current: 560_00, reference: 500_00, figure: 'spent', compared: { with: 'previous' } },
        format,
      ),
    ).toBe('+$60.00 (+12.0 %) vs previous week');
  });

  it('shows the base instead of a percentage when the base is near zero (the +1,354.3 % case)', () => {
    expect(
      describeComparison(
        {
          ...weekly,
          current: 1354_30 + 100_00,
          reference: 100_00,
          figure: 'income',
          compared: { with: 'average', periods: 4 },
        },
        format,
      ),
    ).toBe('+$1354.30 vs 4-week average ($100.00)');
    expect(
      describeComparison(
        { ...weekly, current: 80_00, reference: 4_00, figure: 'spent', compared: { with: 'previous' } },
        format,
      ),
    ).toBe('+$76.00 vs previous week ($4.00)');
  });

  it('never gives net cash flow as a percentage, and says when nothing changed', () => {
    expect(
      describeComparison(
        { ...weekly, current: 300_00, reference: -200_00, figure: 'net', compared: { with: 'previous' } },
        format,
      ),
    ).toBe('+$500.00 vs previous week ($-200.00)');
    expect(
      describeComparison(
        { ...weekly, current: 5_00, reference: 5_00, figure: 'spent', compared: { with: 'previous' } },
        format,
      ),
    ).toBe('same as previous week');
  });
});

describe('the counted/left-out sentence (web and PDF)', () => {
  it('names only what was left out, in singular or plural', () => {
    expect(countedSentence(36, { transfers: 1, excludedByUser: 0, pending: 2, otherCurrency: 0 })).toBe(
      '36 transactions counted; left out: 1 transfer between your accounts, 2 still pending.',
    );
    expect(countedSentence(1, { transfers: 0, excludedByUser: 0, pending: 0, otherCurrency: 0 })).toBe(
      '1 transaction counted; none left out.',
    );
  });
});
