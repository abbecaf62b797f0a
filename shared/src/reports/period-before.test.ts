import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, lastDayOfMonth } from './local-date.ts';
import { periodBefore } from './period-before.ts';

describe('periodBefore', () => {
  it.each([
    // [start, end, expected start, expected end, why]
    ['2026-11-01', '2026-11-30', '2026-10-01', '2026-10-31', 'a whole month: the whole month before'],
    ['2026-03-01', '2026-03-31', '2026-02-01', '2026-02-28', 'a whole month before a shorter one'],
    ['2026-02-01', '2026-02-28', '2026-01-01', '2026-01-31', 'February: all of January'],
    ['2026-11-01', '2026-11-15', '2026-10-01', '2026-10-15', 'a month to date: the same days'],
    ['2026-03-01', '2026-03-30', '2026-02-01', '2026-02-28', 'a month to date longer than the month before'],
    ['2026-11-30', '2026-11-30', '2026-11-23', '2026-11-23', 'a Monday alone: the Monday before'],
    ['2026-11-23', '2026-11-25', '2026-11-16', '2026-11-18', 'a week to date: the same weekdays'],
    ['2026-11-23', '2026-11-29', '2026-11-16', '2026-11-22', 'a whole week: the week before'],
    ['2026-11-24', '2026-11-30', '2026-11-17', '2026-11-23', 'seven days from a Tuesday: the seven before'],
    ['2026-11-10', '2026-11-20', '2026-10-30', '2026-11-09', 'any other range: as many days just before'],
    ['2026-01-01', '2026-01-31', '2025-12-01', '2025-12-31', 'across a year'],
    // 1 June 2026 is a Monday: a week that starts a month is still a week.
    ['2026-06-01', '2026-06-07', '2026-05-25', '2026-05-31', 'a whole week from a Monday the 1st'],
    ['2026-06-01', '2026-06-03', '2026-05-25', '2026-05-27', 'a week to date from a Monday the 1st'],
    ['2026-06-01', '2026-06-08', '2026-05-01', '2026-05-08', 'past that week: a month to date'],
  ])('%s..%s → %s..%s (%s)', (start, end, beforeStart, beforeEnd) => {
    expect(periodBefore({ start, end })).toEqual({ start: beforeStart, end: beforeEnd });
  });

  it('always ends before the range starts and is never longer than it, nor longer than a month', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2020-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 366 }), (start, length) => {
        const end = addDays(start, length);
        const before = periodBefore({ start, end });
        expect(before.end < start).toBe(true);
        expect(before.start <= before.end).toBe(true);
        const beforeDays = daysBetween(before.start, before.end) + 1;
        const wholeMonth = start.endsWith('-01') && end === lastDayOfMonth(start);
        if (!wholeMonth) expect(beforeDays).toBeLessThanOrEqual(length + 1);
      }),
    );
  });
});
