import { describe, expect, it } from 'vitest';
import { dateOrderFromName, guessDateOrder, readDay, readOfxDay } from './statement-date.ts';

describe('readDay', () => {
  it.each([
    ['2026-10-03', 'ymd', '2026-10-03'],
    ['20261003', 'ymd', '2026-10-03'],
    ['03/10/2026', 'dmy', '2026-10-03'],
    ['10/03/2026', 'mdy', '2026-10-03'],
    ['03.10.2026', 'dmy', '2026-10-03'],
    ["1/2'05", 'mdy', '2005-01-02'],
    ["6/ 4'18", 'mdy', '2018-06-04'],
    ['12 May 2025', 'dmy', '2025-05-12'],
    ['12 May 2025', 'mdy', '2025-05-12'],
    ['1/2/99', 'mdy', '1999-01-02'],
    ['29/02/2024', 'dmy', '2024-02-29'],
  ] as const)('%s in %s → %s', (raw, order, day) => {
    expect(readDay(raw, order)).toBe(day);
  });

  it.each([
    ['29/02/2025', 'dmy'],
    ['13/01/2026', 'mdy'],
    ['2026-10-03', 'dmy'],
    ['20261003', 'dmy'],
    ['yesterday', 'ymd'],
  ] as const)('%s is not a date in %s order', (raw, order) => {
    expect(readDay(raw, order)).toBeNull();
  });
});

describe('guessDateOrder', () => {
  it('picks the only order that reads every value, and flags a tie as ambiguous', () => {
    expect(guessDateOrder(['01/02/2026', '25/02/2026'])).toEqual({ order: 'dmy', ambiguous: false });
    expect(guessDateOrder(['01/02/2026', '03/04/2026'])).toEqual({ order: 'mdy', ambiguous: true });
    expect(guessDateOrder(['01/02/2026', '03/04/2026'], ['dmy', 'mdy'])).toEqual({
      order: 'dmy',
      ambiguous: true,
    });
    expect(guessDateOrder(['13/13/2026'])).toBeNull();
  });
});

describe('readOfxDay', () => {
  it.each([
    ['20261003', '2026-10-03'],
    ['20261003120000', '2026-10-03'],
    ['20261031235959.123[-5:EST]', '2026-10-31'],
    ['20261101000000[+1:CET]', '2026-11-01'],
    ['20261101[0]', '2026-11-01'],
    ['20261101120000[-3.30:NST]', '2026-11-01'],
  ])('%s is the calendar day %s', (raw, day) => {
    expect(readOfxDay(raw, {})).toBe(day);
  });

  it.each(['2026-10-03', '20261332', '20261003250000', 'null'])('refuses %s', (raw) => {
    expect(() => readOfxDay(raw, { element: 'STMTTRN/DTPOSTED' })).toThrow(/element STMTTRN\/DTPOSTED/);
  });
});

describe('dateOrderFromName', () => {
  it.each([
    ['DD/MM/YYYY', 'dmy'],
    ['MM/DD/YYYY', 'mdy'],
    ['YYYY-MM-DD', 'ymd'],
    ['YYYYMMDD', 'ymd'],
    ['DD.MM.YYYY', 'dmy'],
    ['mdy', 'mdy'],
    ['whenever', null],
  ])('%s → %s', (name, order) => {
    expect(dateOrderFromName(name)).toBe(order);
  });
});
