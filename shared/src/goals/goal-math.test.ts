import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../reports/local-date.ts';
import { goalProgress, monthsUntil } from './goal-math.ts';

const plan = { targetMinor: 1200_00, targetDate: '2027-01-01', startMinor: 0, startDate: '2026-01-01' };

describe('goalProgress', () => {
  it.each([
    ['2026-01-01', '2027-01-01', 12],
    ['2026-01-15', '2027-01-01', 12],
    ['2026-01-01', '2026-03-15', 3],
    ['2026-11-29', '2026-11-30', 1],
    ['2026-11-29', '2026-11-29', 0],
    ['2026-12-31', '2026-01-01', 0],
  ])('months from %s to %s: %i', (today, target, months) => {
    expect(monthsUntil(today, target)).toBe(months);
  });

  it('on track: saved on the line, the monthly amount spreads what is left over the months left', () => {
    expect(goalProgress(plan, 600_00, '2026-07-02')).toEqual({
      savedMinor: 600_00,
      remainingMinor: 600_00,
      percent: 50,
      monthsLeft: 6,
      monthlyNeededMinor: 100_00,
      expectedMinor: Math.floor((1200_00 * 182) / 365), // 182 of 365 days along the line
      status: 'onTrack',
    });
  });

  it('behind when below the straight line, with more to save each month; rounding up to the cent', () => {
    const p = goalProgress(plan, 100_00, '2026-07-02');
    expect(p.status).toBe('behind');
    expect(p.monthlyNeededMinor).toBe(183_34); // 1100.00 / 6, rounded up
  });

  it('achieved once the target is reached, overdue after the date without it', () => {
    expect(goalProgress(plan, 1300_00, '2026-05-01')).toMatchObject({
      status: 'achieved',
      remainingMinor: 0,
      percent: 100,
      monthlyNeededMinor: 0,
    });
    expect(goalProgress(plan, 1000_00, '2027-02-01')).toMatchObject({
      status: 'overdue',
      monthsLeft: 0,
      monthlyNeededMinor: 200_00,
    });
  });

  it('saving the monthly amount every month from today reaches the target by the date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000_000 }),
        fc.integer({ min: -1_000_000_00, max: 10_000_000_000_000 }),
        fc.integer({ min: 1, max: 3650 }),
        fc.integer({ min: 0, max: 3650 }),
        (target, saved, days, elapsed) => {
          const startDate = '2026-01-01';
          const targetDate = addDays(startDate, days);
          const today = addDays(startDate, Math.min(elapsed, days - 1));
          const p = goalProgress({ targetMinor: target, targetDate, startMinor: 0, startDate }, saved, today);
          expect(saved + p.monthlyNeededMinor * p.monthsLeft).toBeGreaterThanOrEqual(target);
          expect(Number.isSafeInteger(p.expectedMinor)).toBe(true);
          expect(p.status === 'behind').toBe(saved < p.expectedMinor && saved < target);
        },
      ),
    );
  });
});
