import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, fromDayNumber, localDateOf } from './local-date.ts';

describe('local dates', () => {
  it('a day number reads back as the same date, the first time and from the cache', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(day)).toBe(date);
        expect(fromDayNumber(day)).toBe(date);
        expect(dayNumber(date)).toBe(day);
      }),
    );
  });

  it('places instants around a DST change on the zone’s calendar day', () => {
    // New York leaves DST on 2026-11-01 at 02:00 local (06:00 UTC).
    expect(localDateOf(new Date('2026-11-01T03:59:59Z'), 'America/New_York')).toBe('2026-10-31');
    expect(localDateOf(new Date('2026-11-01T04:00:00Z'), 'America/New_York')).toBe('2026-11-01');
    expect(localDateOf(new Date('2026-11-02T04:59:59Z'), 'America/New_York')).toBe('2026-11-01');
    expect(localDateOf(new Date('2026-11-02T05:00:00Z'), 'America/New_York')).toBe('2026-11-02');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});
