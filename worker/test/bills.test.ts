// Bills on the emulator's demo household (default seed and size): every bill it paid is paid in finsync too
// (none late or missed, now or in any past monthly report), a subscription's price jump is a price change,
// and a payment the household genuinely skipped is reported late.
import { currentReportSummary, lastDayOfMonth, type ReportSummary } from '@finsync/shared/reports';
import type { Transaction } from 'plaid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_TODAY, type DemoHousehold, startDemoHousehold } from './demo-household.ts';
import { admin } from './sync-harness.ts';

let home: DemoHousehold;

beforeAll(async () => {
  home = await startDemoHousehold(inject('pgTemplate' as never));
});
afterAll(async () => {
  await home?.close();
});

const series = () =>
  home.tdb.db
    .selectFrom('recurring_series')
    .select(['payee', 'direction', 'typical_amount_minor', 'next_expected_date', 'status'])
    .where('user_id', '=', home.userId)
    .where('status', '<>', 'ended')
    .orderBy('payee')
    .execute();

const monthlyReport = (month: string): Promise<ReportSummary> =>
  currentReportSummary(
    home.tdb.db,
    home.userId,
    {
      kind: 'monthly',
      period_start: `${month}-01`,
      period_end: lastDayOfMonth(`${month}-01`),
      timezone: 'UTC',
      currency: 'USD',
    },
    new Date(`${DEMO_TODAY}T18:00:00Z`),
  );

describe('bills on the demo household', () => {
  it('reports no paid bill as missed, now or in any past monthly report, and keeps debt payments as bills', async () => {
    const now = await series();
    expect(now.filter((s) => s.status === 'late' || s.status === 'missed')).toEqual([]);
    expect(now).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          payee: 'Navient',
          direction: 'outflow',
          typical_amount_minor: 320_14,
          next_expected_date: '2026-12-15',
          status: 'active',
        }),
        expect.objectContaining({
          payee: 'Plaid Credit Card',
          next_expected_date: '2026-12-25',
          status: 'active',
        }),
      ]),
    );
    const priceChanges: string[] = [];
    for (let m = 0; m < 12; m++) {
      const month = `${m < 1 ? 2025 : 2026}-${String(m < 1 ? 12 : m).padStart(2, '0')}`;
      const report = await monthlyReport(month);
      expect(report.recurring.missed, `missed bills in the ${month} report`).toEqual([]);
      for (const p of report.recurring.priceChanges)
        priceChanges.push(`${month} ${p.payee} ${p.previousMinor}→${p.currentMinor}`);
    }
    // May's report speaks of June's bills, not of anything due in October.
    const may = await monthlyReport('2026-05');
    expect(may.recurring.dueNext.map((d) => [d.payee, d.date])).toContainEqual(['Navient', '2026-06-15']);
    expect(may.recurring.dueNext.every((d) => d.date >= '2026-06-01' && d.date <= '2026-06-30')).toBe(true);
    // The emulator's five subscriptions each change price once; a card payment's balance or a water bill's usage
    // varying is not a price change.
    const subscriptions = /^\d{4}-\d\d (Netflix|Spotify|Apple|The New York Times|Planet Fitness) \d+→\d+$/;
    expect(priceChanges.filter((p) => !subscriptions.test(p))).toEqual([]);
    expect(priceChanges).toEqual(
      expect.arrayContaining([expect.stringMatching(/^2026-\d\d Apple 299→999$/)]),
    );
  });

  it('reports a genuinely skipped payment as late, in the series and in that month’s report', async () => {
    const truth = await admin<{ transactions: Transaction[] }>(
      home.emulatorUrl,
      'GET',
      `/emulator/items/${home.plaidItemId}/ground-truth`,
    );
    // The household skips November's student-loan payment: neither the checking debit nor the loan credit happens.
    const skipped = truth.transactions.filter(
      (t) => t.date === '2026-11-15' && Math.abs(t.amount) === 320.14 && !t.pending,
    );
    expect(skipped).toHaveLength(2);
    for (const t of skipped)
      await admin(
        home.emulatorUrl,
        'POST',
        `/emulator/items/${home.plaidItemId}/transactions/${t.transaction_id}/cancel`,
      );
    await home.sync();
    await home.refresh();

    const late = (await series()).filter((s) => s.status === 'late' || s.status === 'missed');
    expect(late).toEqual([expect.objectContaining({ payee: 'Navient', next_expected_date: '2026-11-15' })]);
    const november = await monthlyReport('2026-11');
    expect(november.recurring.missed.map((d) => [d.payee, d.date, d.expectedMinor])).toEqual([
      ['Navient', '2026-11-15', 320_14],
    ]);
    // October's report is unchanged: at the end of October nothing was late.
    expect((await monthlyReport('2026-10')).recurring.missed).toEqual([]);
  });
});
