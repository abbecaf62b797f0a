import { describe, expect, it } from 'vitest';
import { recurringSeriesKey } from '../categorize/detect-recurring.ts';
import { crossCheckStreams } from './bank-cross-check.ts';

describe('crossCheckStreams', () => {
  it('pairs a bank stream with the series of the same merchant and direction; the rest are the bank’s alone', () => {
    const netflix = recurringSeriesKey({ payee: 'Netflix', amountMinor: 15_49, currency: 'USD' });
    const checks = crossCheckStreams(
      [
        {
          description: 'NETFLIX.COM',
          merchantName: 'Netflix',
          direction: 'outflow',
          lastDate: '2026-11-05',
          isActive: true,
        },
        {
          description: 'NETFLIX REFUND',
          merchantName: 'Netflix',
          direction: 'inflow',
          lastDate: '2026-10-01',
          isActive: false,
        },
        {
          description: 'GYM CLUB',
          merchantName: null,
          direction: 'outflow',
          lastDate: '2026-11-02',
          isActive: true,
        },
      ],
      [{ id: 's1', seriesKey: netflix, direction: 'outflow' }],
    );
    expect(checks.map((c) => [c.description, c.seriesId])).toEqual([
      ['NETFLIX REFUND', null],
      ['GYM CLUB', null],
      ['NETFLIX.COM', 's1'],
    ]);
  });
});
