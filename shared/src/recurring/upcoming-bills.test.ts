import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountBand, type SeriesForCalendar, upcomingCalendar } from './upcoming-bills.ts';

const series = (over: Partial<SeriesForCalendar>): SeriesForCalendar => ({
  id: 's1',
  payee: 'Netflix',
  cadence: 'monthly',
  direction: 'outflow',
  typicalAmountMinor: 17_99,
  nextExpectedDate: '2026-12-05',
  status: 'active',
  ...over,
});

describe('upcoming 30 days', () => {
  it('steps each series by its cadence inside the window and totals what goes out and comes in', () => {
    const cal = upcomingCalendar(
      [
        series({}),
        series({
          id: 's2',
          payee: 'Gym',
          cadence: 'weekly',
          typicalAmountMinor: 10_00,
          nextExpectedDate: '2026-11-30',
        }),
        series({
          id: 's3',
          payee: 'Salary',
          direction: 'inflow',
          cadence: 'biweekly',
          typicalAmountMinor: 2000_00,
          nextExpectedDate: '2026-12-11',
        }),
        series({ id: 's4', payee: 'Old', status: 'ended' }),
        series({ id: 's5', payee: 'Insurance', cadence: 'yearly', nextExpectedDate: '2027-06-01' }),
      ],
      '2026-11-29',
    );
    expect(cal).toMatchObject({ from: '2026-11-29', to: '2026-12-28' });
    expect(cal.occurrences.map((o) => `${o.date} ${o.payee}`)).toEqual([
      '2026-11-30 Gym',
      '2026-12-05 Netflix',
      '2026-12-07 Gym',
      '2026-12-11 Salary',
      '2026-12-14 Gym',
      '2026-12-21 Gym',
      '2026-12-25 Salary',
      '2026-12-28 Gym',
    ]);
    expect(cal.outflowMinor).toBe(17_99 + 5 * 10_00);
    expect(cal.inflowMinor).toBe(4000_00);
  });

  it('lists a late bill once as overdue on its expected date, then its next ones', () => {
    const cal = upcomingCalendar([series({ nextExpectedDate: '2026-11-20', status: 'late' })], '2026-11-29');
    expect(cal.occurrences.map((o) => [o.date, o.overdue])).toEqual([
      ['2026-11-20', true],
      ['2026-12-20', false],
    ]);
  });

  it('property: every occurrence is in the window or overdue, and the totals are the sums', () => {
    const arb = fc.array(
      fc.record({
        cadence: fc.constantFrom(
          'weekly' as const,
          'biweekly' as const,
          'semimonthly' as const,
          'monthly' as const,
          'quarterly' as const,
          'yearly' as const,
        ),
        direction: fc.constantFrom('inflow' as const, 'outflow' as const),
        typicalAmountMinor: fc.integer({ min: 1, max: 1_000_000 }),
        offset: fc.integer({ min: -60, max: 400 }),
        status: fc.constantFrom('active' as const, 'late' as const, 'missed' as const, 'ended' as const),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, (gen) => {
        const list = gen.map((g, i) =>
          series({
            ...g,
            id: `s${i}`,
            payee: `P${i}`,
            nextExpectedDate: new Date(Date.UTC(2026, 10, 29 + g.offset)).toISOString().slice(0, 10),
          }),
        );
        const cal = upcomingCalendar(list, '2026-11-29');
        for (const o of cal.occurrences) {
          if (o.overdue) expect(o.date < cal.from).toBe(true);
          else expect(o.date >= cal.from && o.date <= cal.to).toBe(true);
        }
        const sum = (d: string) =>
          cal.occurrences.filter((o) => o.direction === d).reduce((s, o) => s + o.expectedMinor, 0);
        expect(cal.outflowMinor).toBe(sum('outflow'));
        expect(cal.inflowMinor).toBe(sum('inflow'));
        expect(cal.occurrences.some((o) => list.find((s) => s.id === o.seriesId)?.status === 'ended')).toBe(
          false,
        );
      }),
    );
  });

  it('the amount band is the typical amount ± 30%, in whole minor units', () => {
    expect(amountBand(17_99)).toEqual({ lowMinor: 12_60, highMinor: 23_38 });
  });
});
