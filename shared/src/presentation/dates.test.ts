import { describe, expect, it } from 'vitest';
import { formatDate, formatDayMonth, formatPeriod, monthLabel, monthName, weekLabel } from './dates.ts';

const plain = (s: string) => s.replace(/[\u00a0\u202f\u2009]/g, ' ');

describe('dates and periods', () => {
  it('prints a calendar date as the day it names, whatever the runtime zone', () => {
    expect(formatDate('2026-11-02', 'en-US')).toBe('Nov 2, 2026');
    expect(formatDayMonth('2026-11-02', 'en-US')).toBe('Nov 2');
    expect(formatDate('2026-01-01', 'de-DE')).toBe('1. Jan. 2026');
  });

  it('labels a month as a month: "Dec 2025", never "Dec 25"', () => {
    expect(monthLabel('2025-12', 'en-US')).toBe('Dec 2025');
    expect(monthLabel('2025-12-14', 'en-US')).toBe('Dec 2025');
    expect(monthLabel('2026-03', 'fr-FR')).toBe('Mars 2026');
    expect(monthName('2026-10', 'en-US')).toBe('Oct');
  });

  it('labels a week in sentence case, its year implied: "Nov 16 – 22"', () => {
    expect(plain(weekLabel('2026-11-16', '2026-11-22', 'en-US'))).toBe('Nov 16 – 22');
    expect(plain(weekLabel('2026-11-30', '2026-12-06', 'en-US'))).toBe('Nov 30 – Dec 6');
    expect(plain(weekLabel('2026-11-16', '2026-11-22', 'fr-FR'))).toBe('16–22 nov.');
  });

  it('prints a period with its year once', () => {
    expect(plain(formatPeriod('2026-10-01', '2026-10-31', 'en-US'))).toBe('Oct 1 – 31, 2026');
    expect(plain(formatPeriod('2025-12-29', '2026-01-04', 'en-GB'))).toBe('29 Dec 2025 – 4 Jan 2026');
  });
});
