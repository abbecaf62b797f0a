import { monthLabel } from '@finsync/shared/presentation';
import { describe, expect, it } from 'vitest';
import {
  includesToday,
  periodComparison,
  periodLabel,
  shiftPeriod,
  thisMonth,
  thisWeek,
} from '../src/dates/dashboard-period.ts';

describe('the dashboard period', () => {
  it('a month to date compares with the same days of the month before; a past month with the whole one', () => {
    const now = thisMonth('2026-03-12');
    expect(periodComparison(now, '2026-03-12')).toEqual({
      kind: 'month',
      current: { from: '2026-03-01', to: '2026-03-12' },
      previous: { from: '2026-02-01', to: '2026-02-12' },
    });
    expect(includesToday(now, '2026-03-12')).toBe(true);
    const feb = shiftPeriod(now, -1);
    expect(periodComparison(feb, '2026-03-12')).toEqual({
      kind: 'month',
      current: { from: '2026-02-01', to: '2026-02-28' },
      previous: { from: '2026-01-01', to: '2026-01-31' },
    });
    expect(periodComparison(shiftPeriod(thisMonth('2026-01-31'), -1), '2026-03-12').current).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(includesToday(feb, '2026-03-12')).toBe(false);
    expect(shiftPeriod(feb, 1)).toEqual(now);
  });

  it('weeks run Monday to Sunday and step by seven days; a custom range steps by its own length', () => {
    const week = thisWeek('2026-11-19'); // a Thursday
    expect(week).toEqual({ kind: 'week', start: '2026-11-16' });
    expect(periodComparison(week, '2026-11-19').current).toEqual({ from: '2026-11-16', to: '2026-11-19' });
    expect(periodComparison(week, '2026-11-19').previous).toEqual({ from: '2026-11-09', to: '2026-11-12' });
    expect(shiftPeriod(week, -1)).toEqual({ kind: 'week', start: '2026-11-09' });
    const custom = { kind: 'custom', from: '2026-10-01', to: '2026-10-10' } as const;
    expect(shiftPeriod(custom, -1)).toEqual({ kind: 'custom', from: '2026-09-21', to: '2026-09-30' });
    // Compared by the range alone, as the report of the same days is: from the 1st, like a month to date.
    expect(periodComparison(custom, '2026-11-19').previous).toEqual({ from: '2026-09-01', to: '2026-09-10' });
    const anyRange = { kind: 'custom', from: '2026-10-03', to: '2026-10-12' } as const;
    expect(periodComparison(anyRange, '2026-11-19').previous).toEqual({
      from: '2026-09-23',
      to: '2026-10-02',
    });
  });

  it('labels read as months and ranges in sentence case', () => {
    expect(periodLabel(thisMonth('2025-12-04'), 'en-US')).toBe('Dec 2025');
    expect(periodLabel(thisWeek('2026-11-19'), 'en-US')).toMatch(/^Nov 16\s–\s22$/);
    expect(periodLabel({ kind: 'custom', from: '2026-10-03', to: '2026-11-02' }, 'en-US')).toMatch(
      /^Oct 3\s–\sNov 2, 2026$/,
    );
    expect(monthLabel('2025-12', 'en-US')).toBe('Dec 2025');
  });
});
