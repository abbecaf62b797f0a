import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countedDay, countTransaction } from '../figures/cash-flow.ts';
import { buildReportSummary, reportTrailingPeriods } from './build-report-summary.ts';
import { addDays } from './local-date.ts';
import type { ReportTrailingTotals, ReportTransaction } from './report-input.ts';
import { customPeriod, reportPeriod } from './report-period.ts';
import { sampleReportInput } from './sample-report-input.ts';

const TZ = 'America/New_York';
// Monday 2026-11-02, 07:00 in New York: the morning after the week and the month close.
const asOf = new Date('2026-11-02T12:00:00Z');

describe('weekly report on fixed data', () => {
  const period = reportPeriod('weekly', asOf, TZ, 1);
  const summary = buildReportSummary(sampleReportInput(period, asOf));

  it('covers Monday to Sunday of the week just finished', () => {
    expect(summary.period).toEqual({ start: '2026-10-26', end: '2026-11-01', timezone: TZ });
  });

  it('counts a purchase at 23:30 on Sunday in the user zone in that week, and 00:30 Monday in the next', () => {
    const names = summary.largestTransactions.map((t) => t.name);
    expect(names).toContain('Café Olé');
    expect(names).not.toContain('Late Night Diner');
    // 00:15 Monday opens the week; 23:45 the Sunday before belongs to the previous week.
    expect(summary.topPayees.find((p) => p.name === 'Bäckerei Müller')).toEqual({
      name: 'Bäckerei Müller',
      spentMinor: 725,
      count: 1,
    });
  });

  it('adds up spent, income and net to the cent, leaving out transfers, exclusions, pending and other currencies', () => {
    expect(summary.headline).toEqual({
      spentMinor: 26746,
      incomeMinor: 250000,
      netMinor: 223254,
      transactionCount: 7,
    });
    expect(summary.excluded).toEqual({ transfers: 1, excludedByUser: 1, pending: 1, otherCurrency: 1 });
  });

  it('compares with the previous week and the four-week trailing average', () => {
    expect(summary.previous).toEqual({
      start: '2026-10-19',
      end: '2026-10-25',
      spentMinor: 5900,
      incomeMinor: 0,
      netMinor: -5900,
    });
    expect(summary.trailingAverage).toEqual({
      periods: 4,
      spentMinor: 32975,
      incomeMinor: 62500,
      netMinor: 29525,
    });
    expect(summary.change).toEqual({
      spentVsPrevious: { deltaMinor: 20846, bps: 35332 },
      incomeVsPrevious: { deltaMinor: 250000, bps: null },
      netVsPrevious: { deltaMinor: 229154, bps: 388397 },
      spentVsAverage: { deltaMinor: -6229, bps: -1889 },
      incomeVsAverage: { deltaMinor: 187500, bps: 30000 },
      netVsAverage: { deltaMinor: 193729, bps: 65615 },
    });
  });

  it('splits spending by category and group with shares that add up to 100 %', () => {
    expect(summary.byCategory).toEqual([
      {
        categoryId: 'c-groceries',
        name: 'Groceries',
        groupName: 'Food & Drink',
        spentMinor: 17437,
        shareBps: 6520,
        count: 3,
      },
      {
        categoryId: 'c-dining',
        name: 'Restaurants & Cafés',
        groupName: 'Food & Drink',
        spentMinor: 8075,
        shareBps: 3019,
        count: 3,
      },
      {
        categoryId: null,
        name: 'Uncategorized',
        groupName: 'Uncategorized',
        spentMinor: 1234,
        shareBps: 461,
        count: 1,
      },
    ]);
    expect(summary.byGroup).toEqual([
      { groupId: 'g-food', name: 'Food & Drink', spentMinor: 25512, shareBps: 9539 },
      { groupId: null, name: 'Uncategorized', spentMinor: 1234, shareBps: 461 },
    ]);
  });

  it('ranks payees net of refunds and lists the largest purchases with their account', () => {
    expect(summary.topPayees.map((p) => [p.name, p.spentMinor, p.count])).toEqual([
      ['Target', 15000, 1],
      ['Whole Foods', 7437, 2],
      ['Café Olé', 2350, 1],
      ['Mystery Shop', 1234, 1],
      ['Bäckerei Müller', 725, 1],
    ]);
    expect(
      summary.largestTransactions.map((t) => [t.id, t.amountMinor, t.categoryName, t.accountName]),
    ).toEqual([
      ['t10', 15000, 'Split', 'Everyday Checking'],
      ['t1', 8437, 'Groceries', 'Crédit Visa Signature'],
      ['t2', 2350, 'Restaurants & Cafés', 'Everyday Checking'],
      ['t9', 1234, 'Uncategorized', 'Everyday Checking'],
      ['t12', 725, 'Restaurants & Cafés', 'Everyday Checking'],
    ]);
  });

  it('flags categories and payees well above their trailing average', () => {
    expect(summary.anomalies).toEqual([
      {
        scope: 'category',
        name: 'Groceries',
        currentMinor: 17437,
        baselineMinor: 2750,
        excessMinor: 14687,
        changeBps: 53407,
      },
      {
        scope: 'payee',
        name: 'Whole Foods',
        currentMinor: 7437,
        baselineMinor: 2750,
        excessMinor: 4687,
        changeBps: 17044,
      },
    ]);
  });

  it('lists bills due next week and missed bills from the recurring series', () => {
    expect(summary.recurring.dueNext.map((d) => [d.payee, d.date, d.expectedMinor])).toEqual([
      ['Spotify', '2026-11-05', 1099],
    ]);
    expect(summary.recurring.missed.map((d) => [d.payee, d.date, d.expectedMinor])).toEqual([
      ['Gym Fitnéss', '2026-10-03', 4000],
    ]);
    expect(summary.recurring.priceChanges).toEqual([]);
  });

  it('reports opening and closing balances and net worth at each month end', () => {
    expect(summary.balances.accounts.map((a) => [a.name, a.side, a.openingMinor, a.closingMinor])).toEqual([
      ['Everyday Checking', 'asset', 700000, 910000],
      ['Crédit Visa Signature', 'liability', 30000, 45000],
    ]);
    expect(summary.balances.netWorth).toEqual([
      { date: '2026-09-30', assetsMinor: 500000, liabilitiesMinor: 30000, netWorthMinor: 470000 },
      { date: '2026-10-31', assetsMinor: 900000, liabilitiesMinor: 45000, netWorthMinor: 855000 },
      { date: '2026-11-01', assetsMinor: 910000, liabilitiesMinor: 45000, netWorthMinor: 865000 },
    ]);
  });

  it('ends the 12-month trend with the partial month the week ends in', () => {
    expect(summary.trends.months[0]).toBe('2025-12');
    expect(summary.trends.months.at(-1)).toBe('2026-11');
    expect(summary.trends.lastMonthPartial).toBe(true);
    expect(summary.trends.totals.at(-1)).toMatchObject({
      month: '2026-11',
      spentMinor: 2350,
      incomeMinor: 0,
    });
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});

describe('monthly report on fixed data', () => {
  const period = reportPeriod('monthly', asOf, TZ);
  const summary = buildReportSummary(sampleReportInput(period, asOf));

  it('covers the previous calendar month in the user zone', () => {
    expect([summary.period.start, summary.period.end]).toEqual(['2026-10-01', '2026-10-31']);
  });

  it('adds up every headline figure to the cent', () => {
    expect(summary.headline).toEqual({
      spentMinor: 156296,
      incomeMinor: 500000,
      netMinor: 343704,
      transactionCount: 11,
    });
    expect(summary.excluded).toEqual({ transfers: 1, excludedByUser: 1, pending: 0, otherCurrency: 1 });
    expect(summary.previous).toMatchObject({
      start: '2026-09-01',
      end: '2026-09-30',
      spentMinor: 120000,
      incomeMinor: 250000,
      netMinor: 130000,
    });
    expect(summary.trailingAverage).toEqual({
      periods: 3,
      spentMinor: 128333,
      incomeMinor: 83333,
      netMinor: -45000,
    });
    expect(summary.change).toEqual({
      spentVsPrevious: { deltaMinor: 36296, bps: 3025 },
      incomeVsPrevious: { deltaMinor: 250000, bps: 10000 },
      netVsPrevious: { deltaMinor: 213704, bps: 16439 },
      spentVsAverage: { deltaMinor: 27963, bps: 2179 },
      incomeVsAverage: { deltaMinor: 416667, bps: 50000 },
      netVsAverage: { deltaMinor: 388704, bps: 86379 },
    });
  });

  it('shares the month between categories and groups to the basis point', () => {
    expect(summary.byCategory.map((c) => [c.name, c.spentMinor, c.shareBps])).toEqual([
      ['Rent', 120000, 7678],
      ['Groceries', 28437, 1819],
      ['Restaurants & Cafés', 6625, 424],
      ['Uncategorized', 1234, 79],
    ]);
    expect(summary.byGroup.map((g) => [g.name, g.spentMinor, g.shareBps])).toEqual([
      ['Rent', 120000, 7678],
      ['Food & Drink', 35062, 2243],
      ['Uncategorized', 1234, 79],
    ]);
  });

  it('keeps 12 months of per-category trends with a 3-month rolling average', () => {
    const { trends } = summary;
    expect(trends.months).toHaveLength(12);
    expect(trends.lastMonthPartial).toBe(false);
    expect(
      trends.totals.slice(-4).map((t) => [t.month, t.spentMinor, t.incomeMinor, t.spentRollingAverageMinor]),
    ).toEqual([
      ['2026-07', 115000, 0, 38333],
      ['2026-08', 150000, 0, 88333],
      ['2026-09', 120000, 250000, 128333],
      ['2026-10', 156296, 500000, 142099],
    ]);
    const rent = trends.byCategory.find((c) => c.name === 'Rent')!;
    expect(rent.monthlyMinor.slice(-4)).toEqual([115000, 120000, 120000, 120000]);
    expect(rent.rollingAverageMinor.slice(-4)).toEqual([38333, 78333, 118333, 120000]);
    expect(trends.byCategory[0]!.name).toBe('Rent');
  });

  it('flags anomalies, bills due next month, missed bills and a subscription price change', () => {
    expect(
      summary.anomalies.map((a) => [a.scope, a.name, a.currentMinor, a.baselineMinor, a.changeBps]),
    ).toEqual([
      ['category', 'Groceries', 28437, 10000, 18437],
      ['payee', 'Whole Foods', 18437, 10000, 8437],
    ]);
    expect(summary.recurring.dueNext.map((d) => [d.payee, d.date])).toEqual([
      ['Landlord LLC', '2026-11-01'],
      ['Spotify', '2026-11-05'],
      ['Netflix', '2026-11-15'],
    ]);
    expect(summary.recurring.missed.map((d) => d.payee)).toEqual(['Gym Fitnéss']);
    expect(summary.recurring.priceChanges).toEqual([
      {
        seriesId: 'r1',
        payee: 'Netflix',
        cadence: 'monthly',
        date: '2026-10-15',
        previousMinor: 1549,
        currentMinor: 1799,
        deltaMinor: 250,
        changeBps: 1614,
      },
    ]);
  });

  it('reads balances at the end of September and October', () => {
    expect(summary.balances.accounts.map((a) => [a.name, a.openingMinor, a.closingMinor])).toEqual([
      ['Everyday Checking', 500000, 900000],
      ['Crédit Visa Signature', 30000, 45000],
    ]);
    expect(summary.balances.netWorth.map((p) => [p.date, p.netWorthMinor])).toEqual([
      ['2026-09-30', 470000],
      ['2026-10-31', 855000],
    ]);
  });
});

describe('report invariants', () => {
  it('category totals always add up to the spending total and shares to 10000 bps', () => {
    const period = reportPeriod('monthly', asOf, TZ);
    const base = sampleReportInput(period, asOf);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: fc.integer({ min: -50_000, max: 500_000 }),
            day: fc.integer({ min: 1, max: 31 }),
            category: fc.constantFrom('c-groceries', 'c-dining', 'c-rent', 'c-salary', 'c-transfer', null),
          }),
          { maxLength: 60 },
        ),
        (rows) => {
          const transactions = rows.map((r, i) => ({
            ...base.transactions[0]!,
            id: `p${i}`,
            amountMinor: r.amount,
            date: `2026-10-${String(r.day).padStart(2, '0')}`,
            categoryId: r.category,
            name: `Payee ${i % 5}`,
          }));
          const s = buildReportSummary({ ...base, transactions });
          expect(s.byCategory.reduce((a, c) => a + c.spentMinor, 0)).toBe(s.headline.spentMinor);
          expect(s.byGroup.reduce((a, g) => a + g.spentMinor, 0)).toBe(s.headline.spentMinor);
          const positive = s.byCategory.filter((c) => c.spentMinor > 0);
          if (positive.length) expect(positive.reduce((a, c) => a + c.shareBps, 0)).toBe(10_000);
          expect(s.headline.netMinor).toBe(s.headline.incomeMinor - s.headline.spentMinor);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the trailing periods summed ahead give the figures of their rows, in any order of the rows', () => {
    const names = ['Corner Café', '  corner CAFÉ ', 'CORNER café', 'Bakery', 'bakery '];
    fc.assert(
      fc.property(
        // A month to date too: its trailing periods (1–15 September, August, July) leave days between them.
        fc.constantFrom('weekly' as const, 'monthly' as const, 'month to date' as const),
        fc.array(
          fc.record({
            amount: fc.integer({ min: -30_000, max: 60_000 }),
            daysBack: fc.integer({ min: 0, max: 130 }),
            // Near midnight UTC: the evening before in New York.
            atMidnight: fc.boolean(),
            category: fc.constantFrom('c-groceries', 'c-dining', 'c-salary', 'c-transfer', null),
            name: fc.constantFrom(...names),
            flag: fc.constantFrom('none', 'none', 'none', 'transfer', 'pending', 'excluded', 'EUR'),
            split: fc.boolean(),
          }),
          { maxLength: 80 },
        ),
        (kind, rows) => {
          const period =
            kind === 'month to date'
              ? customPeriod('2026-10-01', '2026-10-15', TZ)
              : reportPeriod(kind, asOf, TZ, 1);
          const base =
            period.kind === 'custom'
              ? { ...sampleReportInput(reportPeriod('monthly', asOf, TZ), asOf), period }
              : sampleReportInput(period, asOf);
          const trailing = reportTrailingPeriods(period);
          const transactions: ReportTransaction[] = rows.map((r, i) => {
            const date = new Date(Date.parse(`${period.end}T00:00:00Z`) - r.daysBack * 86_400_000);
            const day = date.toISOString().slice(0, 10);
            return {
              ...base.transactions[0]!,
              id: `p${i}`,
              amountMinor: r.amount,
              date: day,
              datetime: r.atMidnight ? new Date(`${day}T02:00:00Z`) : null,
              categoryId: r.category,
              name: r.name,
              isTransfer: r.flag === 'transfer',
              pending: r.flag === 'pending',
              excludedFromReports: r.flag === 'excluded',
              currency: r.flag === 'EUR' ? 'EUR' : 'USD',
              ...(r.split
                ? {
                    splits: [
                      { categoryId: r.category, amountMinor: r.amount - 1000 },
                      { categoryId: 'c-transfer', amountMinor: 400 },
                      { categoryId: null, amountMinor: 600 },
                    ],
                  }
                : {}),
            };
          });
          // What the loader sums, by the one definition over the rows of the trailing days.
          const rules = { currency: 'USD', categories: new Map(base.categories.map((c) => [c.id, c])) };
          const days = new Map<string, { spentMinor: number; incomeMinor: number }>();
          const byCategory = new Map<string, number>();
          const byName = new Map<string, number>();
          for (const t of transactions) {
            const day = countedDay(t, TZ);
            const counting = countTransaction(t, rules);
            if (!trailing.some((p) => day >= p.start && day <= p.end) || !counting.counted) continue;
            for (const line of counting.lines) {
              const d = days.get(day) ?? { spentMinor: 0, incomeMinor: 0 };
              d.spentMinor += line.spentMinor;
              d.incomeMinor += line.incomeMinor;
              days.set(day, d);
              byCategory.set(line.categoryKey, (byCategory.get(line.categoryKey) ?? 0) + line.spentMinor);
              byName.set(t.name, (byName.get(t.name) ?? 0) + line.spentMinor);
            }
          }
          const trailingTotals: ReportTrailingTotals = {
            days: [...days].map(([day, d]) => ({ day, ...d })),
            spentByCategory: [...byCategory].map(([categoryKey, spentMinor]) => ({
              categoryKey,
              spentMinor,
            })),
            spentByPayeeName: [...byName].map(([name, spentMinor]) => ({ name, spentMinor })),
          };
          const fromRows = buildReportSummary({ ...base, transactions });
          // The period's rows (and the two days before, as loaded), in reverse order: the names shown stay.
          const periodRows = transactions.filter((t) => t.date >= addDays(period.start, -2)).reverse();
          // (The trend months would come from the rollups too: without them, only what the rows give.)
          const { trends: _trends, ...summed } = buildReportSummary({
            ...base,
            transactions: periodRows,
            trailingTotals,
          });
          expect(summed).toEqual({ ...fromRows, trends: undefined });
          // Rows of the trailing periods given as well are not counted twice.
          expect(buildReportSummary({ ...base, transactions, trailingTotals })).toEqual(fromRows);
        },
      ),
      { numRuns: 150 },
    );
  });
});
