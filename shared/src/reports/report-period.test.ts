import { describe, expect, it } from 'vitest';
import { localDateOf, startOfLocalDay, weekdayOf } from './local-date.ts';
import { nextPeriod, previousPeriod, reportPeriod } from './report-period.ts';

describe('reportPeriod', () => {
  it.each([
    // [asOf UTC, timezone, weekday, expected start, expected end]
    ['2026-11-02T12:00:00Z', 'America/New_York', 1, '2026-10-26', '2026-11-01'],
    // Still Sunday evening in New York although Monday in UTC: the week before is reported.
    ['2026-11-02T03:00:00Z', 'America/New_York', 1, '2026-10-19', '2026-10-25'],
    // Already Monday morning in Tokyo while Sunday in UTC.
    ['2026-11-01T23:30:00Z', 'Asia/Tokyo', 1, '2026-10-26', '2026-11-01'],
    ['2026-11-05T08:00:00Z', 'Europe/Paris', 4, '2026-10-29', '2026-11-04'],
    ['2026-11-08T08:00:00Z', 'UTC', 0, '2026-11-01', '2026-11-07'],
  ])('weekly at %s in %s (weekday %d) covers %s..%s', (at, tz, weekday, start, end) => {
    const p = reportPeriod('weekly', new Date(at), tz, weekday);
    expect([p.start, p.end]).toEqual([start, end]);
    expect(weekdayOf(p.end)).toBe((weekday + 6) % 7);
  });

  it('monthly covers the previous calendar month on the user wall clock, across a year end', () => {
    expect(reportPeriod('monthly', new Date('2027-01-01T06:00:00Z'), 'America/Los_Angeles')).toMatchObject({
      start: '2026-11-01',
      end: '2026-11-30',
    });
    expect(reportPeriod('monthly', new Date('2027-01-01T09:00:00Z'), 'America/Los_Angeles')).toMatchObject({
      start: '2026-12-01',
      end: '2026-12-31',
    });
    expect(reportPeriod('monthly', new Date('2028-03-01T00:00:00Z'), 'UTC')).toMatchObject({
      start: '2028-02-01',
      end: '2028-02-29',
    });
  });

  it('steps to the previous and next periods of the same kind', () => {
    const m = reportPeriod('monthly', new Date('2026-04-02T12:00:00Z'), 'UTC');
    expect(previousPeriod(m)).toMatchObject({ start: '2026-02-01', end: '2026-02-28' });
    expect(nextPeriod(m)).toMatchObject({ start: '2026-04-01', end: '2026-04-30' });
    const w = reportPeriod('weekly', new Date('2026-04-02T12:00:00Z'), 'UTC', 1);
    expect(previousPeriod(w)).toMatchObject({ start: '2026-03-16', end: '2026-03-22' });
  });

  it('a weekly report whose week starts a month compares with the week before it, whatever its weekday', () => {
    // Reports on Thursdays: the week Thursday 1 – Wednesday 7 October 2026.
    const thursdays = reportPeriod('weekly', new Date('2026-10-08T12:00:00Z'), 'UTC', 4);
    expect(thursdays).toMatchObject({ start: '2026-10-01', end: '2026-10-07' });
    expect(previousPeriod(thursdays)).toMatchObject({ start: '2026-09-24', end: '2026-09-30' });
    // Reports on Mondays: the week Monday 1 – Sunday 7 June 2026.
    const mondays = reportPeriod('weekly', new Date('2026-06-08T12:00:00Z'), 'UTC', 1);
    expect(mondays).toMatchObject({ start: '2026-06-01', end: '2026-06-07' });
    expect(previousPeriod(mondays)).toMatchObject({ start: '2026-05-25', end: '2026-05-31' });
  });

  it('rejects an unknown timezone and an invalid weekday', () => {
    expect(() => reportPeriod('weekly', new Date(), 'Mars/Olympus', 1)).toThrow(/unknown timezone/);
    expect(() => reportPeriod('weekly', new Date(), 'UTC', 7)).toThrow(/weekday/);
  });
});

describe('local dates', () => {
  it('finds the start of a local day across DST changes', () => {
    expect(startOfLocalDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfLocalDay('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    // Santiago skips midnight when DST starts: the day begins at 01:00.
    const santiago = startOfLocalDay('2026-09-06', 'America/Santiago');
    expect(localDateOf(santiago, 'America/Santiago')).toBe('2026-09-06');
    expect(localDateOf(new Date(santiago.getTime() - 1), 'America/Santiago')).toBe('2026-09-05');
  });
});
