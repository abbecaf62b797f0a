import { describe, expect, it } from 'vitest';
import { detectRecurringSeries, type RecurringInput } from './detect-recurring.ts';

const monthly = (payee: string, amounts: number[], start = '2026-01-15'): RecurringInput[] =>
  amounts.map((amountMinor, i) => ({
    id: `${payee}-${i}`,
    date: `2026-${String(Number(start.slice(5, 7)) + i).padStart(2, '0')}-${start.slice(8)}`,
    amountMinor,
    currency: 'USD',
    payee,
  }));

describe('detectRecurringSeries', () => {
  it('finds a monthly subscription with its typical amount and next date', () => {
    const [s] = detectRecurringSeries(monthly('Netflix', [1549, 1549, 1549, 1549]), '2026-04-20');
    expect(s).toMatchObject({
      payee: 'Netflix',
      cadence: 'monthly',
      direction: 'outflow',
      typicalAmountMinor: 1549,
      lastDate: '2026-04-15',
      nextExpectedDate: '2026-05-15',
      status: 'active',
      priceChange: null,
      occurrences: 4,
    });
  });

  it('flags a price change on a steady subscription', () => {
    const [s] = detectRecurringSeries(monthly('Spotify', [1099, 1099, 1099, 1199]), '2026-04-20');
    expect(s?.priceChange).toEqual({ fromMinor: 1099, toMinor: 1199 });
  });

  it.each([
    ['2026-05-18', 'active'],
    ['2026-05-21', 'late'],
    ['2026-06-05', 'missed'],
    ['2026-09-01', 'ended'],
  ])('on %s an expected payment due 2026-05-15 is %s', (today, status) => {
    const [s] = detectRecurringSeries(monthly('Gym', [4000, 4000, 4000, 4000]), today);
    expect(s?.status).toBe(status);
  });

  it('recognises a biweekly salary as inflow', () => {
    const salary: RecurringInput[] = ['2026-01-02', '2026-01-16', '2026-01-30', '2026-02-13'].map(
      (date, i) => ({
        id: `p${i}`,
        date,
        amountMinor: -250_000,
        currency: 'USD',
        payee: 'ACME PAYROLL',
      }),
    );
    expect(detectRecurringSeries(salary, '2026-02-20')[0]).toMatchObject({
      cadence: 'biweekly',
      direction: 'inflow',
      nextExpectedDate: '2026-02-27',
    });
  });

  it('ignores irregular spending at the same merchant', () => {
    const coffee: RecurringInput[] = ['2026-01-02', '2026-01-03', '2026-01-20', '2026-03-01'].map(
      (date, i) => ({
        id: `c${i}`,
        date,
        amountMinor: 450 + i * 100,
        currency: 'USD',
        payee: 'Blue Bottle',
      }),
    );
    expect(detectRecurringSeries(coffee, '2026-03-02')).toEqual([]);
  });
});

describe('detectRecurringSeries with a price jump beyond the band', () => {
  const apple = (amounts: number[]): RecurringInput[] =>
    amounts.map((amountMinor, i) => {
      const month = 12 + i; // from 2025-01
      const date = `${2024 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-03`;
      return { id: `a${i}`, date, amountMinor, currency: 'USD', payee: 'Apple' };
    });

  it('flags the first charge at the new price as a price change, not a missed payment', () => {
    const [s] = detectRecurringSeries(apple([...Array(12).fill(299), 999]), '2026-01-10');
    expect(s).toMatchObject({
      lastDate: '2026-01-03',
      status: 'active',
      nextExpectedDate: '2026-02-03',
      priceChange: { fromMinor: 299, toMinor: 999 },
    });
  });

  it('keeps the series, at its new typical price, while the new price settles', () => {
    for (const atNewPrice of [2, 4, 6, 9]) {
      const list = apple([...Array(12).fill(299), ...Array(atNewPrice).fill(999)]);
      const [s] = detectRecurringSeries(list, list.at(-1)!.date);
      expect(s, `${atNewPrice} charges at the new price`).toMatchObject({
        status: 'active',
        priceChange: null,
      });
      if (atNewPrice >= 4) expect(s?.typicalAmountMinor).toBe(999);
    }
  });
});
