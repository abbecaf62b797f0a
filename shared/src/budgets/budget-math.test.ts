import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CashFlowRules, CashFlowTransaction } from '../figures/cash-flow.ts';
import {
  carryInto,
  carryOut,
  leftToSpend,
  monthFigures,
  paceOf,
  reachedThresholds,
  spentOnTarget,
  suggestLimit,
} from './budget-math.ts';

const rules: CashFlowRules = {
  currency: 'USD',
  categories: new Map([
    ['dining', { id: 'dining', kind: 'expense' }],
    ['groceries', { id: 'groceries', kind: 'expense' }],
    ['food', { id: 'food', kind: 'expense' }],
    ['salary', { id: 'salary', kind: 'income' }],
    ['xfer', { id: 'xfer', kind: 'transfer' }],
  ]),
};
const parentOf = new Map<string, string | null>([
  ['dining', 'food'],
  ['groceries', 'food'],
  ['food', null],
  ['salary', null],
  ['xfer', null],
]);

const txn = (over: Partial<CashFlowTransaction>): CashFlowTransaction => ({
  amountMinor: 10_00,
  currency: 'USD',
  date: '2026-11-10',
  datetime: null,
  categoryId: 'dining',
  isTransfer: false,
  excludedFromReports: false,
  pending: false,
  ...over,
});

describe('month figures come from the one cash-flow definition', () => {
  it('transfers, exclusions, pending rows and other currencies never count; refunds lower spending', () => {
    const f = monthFigures(
      [
        txn({ amountMinor: 25_00 }),
        txn({ amountMinor: -5_00 }), // refund in Dining
        txn({ amountMinor: 99_00, isTransfer: true }),
        txn({ amountMinor: 98_00, categoryId: 'xfer' }),
        txn({ amountMinor: 97_00, excludedFromReports: true }),
        txn({ amountMinor: 96_00, pending: true }),
        txn({ amountMinor: 95_00, currency: 'EUR' }),
        txn({ amountMinor: 40_00, categoryId: 'groceries' }),
        txn({ amountMinor: -3000_00, categoryId: 'salary' }),
      ],
      rules,
      'UTC',
      '2026-11',
    );
    expect(f.spentByCategory.get('dining')).toBe(20_00);
    expect(f.spentMinor).toBe(60_00);
    expect(f.incomeMinor).toBe(3000_00);
    expect(spentOnTarget(f.spentByCategory, 'dining', parentOf)).toBe(20_00);
    expect(spentOnTarget(f.spentByCategory, 'food', parentOf)).toBe(60_00);
  });

  it("a purchase posted at 23:30 on Oct 31 in Los Angeles is October's, though it is Nov 1 in UTC", () => {
    const late = txn({ date: '2026-11-01', datetime: new Date('2026-11-01T06:30:00Z'), amountMinor: 12_00 });
    expect(monthFigures([late], rules, 'America/Los_Angeles', '2026-11').spentMinor).toBe(0);
    expect(monthFigures([late], rules, 'America/Los_Angeles', '2026-10').spentMinor).toBe(12_00);
    expect(monthFigures([late], rules, 'UTC', '2026-11').spentMinor).toBe(12_00);
  });

  it('property: a group budget spends exactly the sum of its categories, and months partition spending', () => {
    const arb = fc.array(
      fc.record({
        amountMinor: fc.integer({ min: -50_000, max: 50_000 }),
        day: fc.integer({ min: 0, max: 89 }),
        categoryId: fc.constantFrom('dining', 'groceries', 'food', 'salary', 'xfer', null),
        isTransfer: fc.boolean(),
        excludedFromReports: fc.boolean(),
        hour: fc.option(fc.integer({ min: 0, max: 47 }), { nil: null }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, fc.constantFrom('UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'), (gen, tz) => {
        const txns = gen.map((g) => {
          const date = new Date(Date.UTC(2026, 9, 1 + g.day)).toISOString().slice(0, 10);
          return txn({
            amountMinor: g.amountMinor,
            date,
            datetime:
              g.hour === null ? null : new Date(Date.parse(`${date}T00:00:00Z`) + (g.hour - 12) * 3600_000),
            categoryId: g.categoryId,
            isTransfer: g.isTransfer,
            excludedFromReports: g.excludedFromReports,
          });
        });
        let allSpent = 0;
        for (const month of ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01']) {
          const f = monthFigures(txns, rules, tz, month);
          allSpent += f.spentMinor;
          const group = spentOnTarget(f.spentByCategory, 'food', parentOf);
          const parts = ['dining', 'groceries', 'food'].reduce(
            (s, c) => s + (f.spentByCategory.get(c) ?? 0),
            0,
          );
          expect(group).toBe(parts);
        }
        const everything = txns.reduce((s, t) => {
          if (t.isTransfer || t.excludedFromReports || t.categoryId === 'xfer' || t.categoryId === 'salary')
            return s;
          if (t.categoryId === null && t.amountMinor < 0) return s;
          return s + t.amountMinor;
        }, 0);
        expect(allSpent).toBe(everything);
      }),
    );
  });
});

describe('rollover', () => {
  it('none carries nothing; surplus carries only what was left; surplusAndDeficit carries overspending too', () => {
    expect(carryOut('none', 100_00, 40_00)).toBe(0);
    expect(carryOut('surplus', 100_00, 40_00)).toBe(60_00);
    expect(carryOut('surplus', 100_00, 140_00)).toBe(0);
    expect(carryOut('surplusAndDeficit', 100_00, 140_00)).toBe(-40_00);
  });

  it('carries month over month and a month without a limit breaks the chain', () => {
    const months = [
      { month: '2026-08', limitMinor: 100_00, spentMinor: 30_00 },
      { month: '2026-09', limitMinor: 100_00, spentMinor: 150_00 },
      { month: '2026-10', limitMinor: 100_00, spentMinor: 0 },
    ];
    // Aug leaves 70; Sep has 170 and spends 150 → 20 into Oct.
    expect(carryInto('surplusAndDeficit', months)).toBe(20_00);
    expect(carryInto('surplus', months)).toBe(20_00);
    const gap = [
      { month: '2026-08', limitMinor: 100_00, spentMinor: 30_00 },
      { month: '2026-09', limitMinor: null, spentMinor: 0 },
      { month: '2026-10', limitMinor: 100_00, spentMinor: 0 },
    ];
    expect(carryInto('surplus', gap)).toBe(0);
    const skipped = [
      { month: '2026-07', limitMinor: 100_00, spentMinor: 0 },
      { month: '2026-09', limitMinor: 100_00, spentMinor: 0 },
    ];
    expect(carryInto('surplus', skipped)).toBe(0);
  });

  it('property: with surplus and deficit, carry = Σ limits − Σ spending of the earlier months (nothing lost)', () => {
    const arb = fc.array(
      fc.record({
        limitMinor: fc.integer({ min: 0, max: 1_000_000 }),
        spentMinor: fc.integer({ min: -100_000, max: 2_000_000 }),
      }),
      { minLength: 1, maxLength: 24 },
    );
    fc.assert(
      fc.property(arb, (gen) => {
        const months = gen.map((g, i) => ({
          month: `20${String(20 + Math.floor(i / 12))}-${String((i % 12) + 1).padStart(2, '0')}`,
          ...g,
        }));
        const earlier = months.slice(0, -1);
        const expected = earlier.reduce((s, m) => s + m.limitMinor - m.spentMinor, 0);
        expect(carryInto('surplusAndDeficit', months)).toBe(expected);
        expect(carryInto('surplus', months)).toBeGreaterThanOrEqual(0);
        expect(carryInto('none', months)).toBe(0);
      }),
    );
  });
});

describe('pace', () => {
  it('half way through November with 60% spent is over pace; 12 days left', () => {
    const p = paceOf('2026-11', '2026-11-18', 300_00, 240_00);
    expect(p).toMatchObject({
      daysInMonth: 30,
      daysElapsed: 18,
      daysLeft: 12,
      expectedMinor: 180_00,
      percentUsed: 80,
    });
    expect(p.status).toBe('overPace');
    expect(p.leftPerDayMinor).toBe(5_00);
    expect(reachedThresholds(300_00, 240_00)).toEqual([80]);
  });

  it('partial months: before the month nothing is expected, after it everything; February has 28 days', () => {
    expect(paceOf('2026-11', '2026-10-31', 300_00, 0)).toMatchObject({
      daysElapsed: 0,
      expectedMinor: 0,
      daysLeft: 30,
    });
    expect(paceOf('2026-11', '2026-12-05', 300_00, 300_00)).toMatchObject({
      daysElapsed: 30,
      expectedMinor: 300_00,
      daysLeft: 0,
      leftPerDayMinor: 0,
      status: 'onPace',
    });
    expect(paceOf('2027-02', '2027-02-14', 280_00, 0)).toMatchObject({
      daysInMonth: 28,
      expectedMinor: 140_00,
      status: 'underPace',
    });
    expect(paceOf('2026-11', '2026-11-05', 100_00, 100_01).status).toBe('overBudget');
  });

  it('property: expected never exceeds available, grows with the day, and whole-day shares are exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 12_000_000 }),
        (available, day, spent) => {
          const today = new Date(Date.UTC(2026, 10, day)).toISOString().slice(0, 10);
          const p = paceOf('2026-11', today, available, spent);
          expect(p.expectedMinor).toBeLessThanOrEqual(available);
          expect(p.daysElapsed + p.daysLeft).toBe(30);
          const next = paceOf(
            '2026-11',
            new Date(Date.UTC(2026, 10, day + 1)).toISOString().slice(0, 10),
            available,
            spent,
          );
          expect(next.expectedMinor).toBeGreaterThanOrEqual(p.expectedMinor);
          expect(p.leftPerDayMinor * p.daysLeft).toBeLessThanOrEqual(Math.max(0, available - spent));
          expect(reachedThresholds(available, spent).includes(100)).toBe(
            spent >= available && (available > 0 || spent > 0),
          );
        },
      ),
    );
  });
});

describe('starting points and left to spend', () => {
  it('suggests the 3-month average rounded up to a whole unit', () => {
    expect(suggestLimit([100_00, 200_00, 150_01], 100)).toBe(151_00);
    expect(suggestLimit([0, 0, 0], 100)).toBe(0);
    expect(suggestLimit([-50_00, 10_00, 0], 100)).toBe(0);
    expect(suggestLimit([1, 0, 0], 1)).toBe(1);
  });

  it('left to spend is planned income minus counted spending; left to budget is income minus the limits', () => {
    expect(leftToSpend(4000_00, 1000_00, 1500_00, [500_00, 300_00])).toEqual({
      plannedIncomeMinor: 4000_00,
      leftToSpendMinor: 2500_00,
      leftToBudgetMinor: 3200_00,
    });
    expect(leftToSpend(null, 1000_00, 1500_00, [])).toEqual({
      plannedIncomeMinor: 1000_00,
      leftToSpendMinor: -500_00,
      leftToBudgetMinor: 1000_00,
    });
  });
});
