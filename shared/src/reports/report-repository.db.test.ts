import { createTestDatabase, type TestDatabase, testContext } from '@finsync/test-support';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recurringSeriesKey } from '../categorize/detect-recurring.ts';
import { transactionSeriesKey } from '../categorize/transaction-series-key.ts';
import { refreshRecurringSeries } from '../categorize-service/refresh-recurring-series.ts';
import { buildReportSummary, reportTrailingStart } from './build-report-summary.ts';
import { addDays } from './local-date.ts';
import type { ReportInput, ReportTransaction } from './report-input.ts';
import type { ReportPeriod } from './report-period.ts';
import { customPeriod, reportPeriod } from './report-period.ts';
import {
  findReport,
  listReports,
  listStoredSummaries,
  loadReportInput,
  saveReport,
} from './report-repository.ts';
import { sampleReportInput } from './sample-report-input.ts';
import { seedSampleHousehold } from './seed-sample-household.ts';

const TZ = 'America/New_York';
const asOf = new Date('2026-11-02T12:00:00Z');

/** A posted dining row on the sample household's checking account, shaped as the sample's own rows. */
const diningRow =
  (sample: ReportInput) =>
  (id: string, date: string, amountMinor: number, name: string, extra: Partial<ReportTransaction> = {}) => ({
    ...sample.transactions[0]!,
    id,
    accountId: 'a-chk',
    date,
    datetime: null,
    amountMinor,
    name,
    categoryId: 'c-dining',
    ...extra,
  });
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase(inject('pgTemplate'));
});
afterAll(async () => {
  await t?.drop();
});

/**
 * Seeds the sample household with `transactions` and loads `period` both ways: the aggregated load reads no row of
 * the trailing periods (but the two days its posting time may move), their figures summed ahead, and gives the
 * summary the raw rows give. Returns that summary.
 */
async function summedAheadAsRows(
  sample: ReportInput,
  transactions: ReportTransaction[],
  period: ReportPeriod,
) {
  const { userId } = await seedSampleHousehold(t.db, { ...sample, transactions });
  const loaded = await loadReportInput(t.db, userId, period, 'USD', asOf);
  const fromRows = await loadReportInput(t.db, userId, period, 'USD', asOf, { rollups: false });
  expect(loaded.trailingTotals).toBeDefined();
  expect(loaded.transactions.filter((r) => r.date < addDays(period.start, -2))).toEqual([]);
  const summary = buildReportSummary(loaded);
  expect(summary).toEqual(buildReportSummary(fromRows));
  return summary;
}

describe('report repository against PostgreSQL', () => {
  it('loads stored rows that yield the same weekly figures as the in-memory sample', async () => {
    const period = reportPeriod('weekly', asOf, TZ, 1);
    const sample = sampleReportInput(period, asOf);
    const { userId } = await seedSampleHousehold(t.db, sample);
    const loaded = await loadReportInput(t.db, userId, period, 'USD', asOf);
    const fromDb = buildReportSummary(loaded);
    const inMemory = buildReportSummary(sample);
    expect(fromDb.headline).toEqual(inMemory.headline);
    expect(fromDb.excluded).toEqual(inMemory.excluded);
    expect(fromDb.byCategory.map((c) => [c.name, c.spentMinor, c.shareBps])).toEqual(
      inMemory.byCategory.map((c) => [c.name, c.spentMinor, c.shareBps]),
    );
    expect(fromDb.balances.netWorth).toEqual(inMemory.balances.netWorth);
    expect(fromDb.recurring.missed.map((m) => m.payee)).toEqual(['Gym Fitnéss']);
  });

  it("reads the bills' payments by their stored series keys, which an edit of a key's inputs clears", async () => {
    const period = reportPeriod('monthly', asOf, TZ);
    const sample = sampleReportInput(period, asOf);
    const netflix = (id: string, date: string, amountMinor: number) => ({
      ...sample.transactions[0]!,
      id,
      accountId: 'a-chk',
      date,
      amountMinor,
      name: 'Netflix',
      categoryId: null,
    });
    const keyOf = (payee: string) => recurringSeriesKey({ payee, amountMinor: 1, currency: 'USD' });
    const { userId, ids } = await seedSampleHousehold(t.db, {
      ...sample,
      transactions: [
        ...sample.transactions,
        netflix('n1', '2026-07-15', 1549),
        netflix('n2', '2026-08-15', 1549),
        netflix('n3', '2026-09-15', 1549),
        netflix('n4', '2026-10-15', 1799),
      ],
      recurring: sample.recurring.map((r) =>
        r.payee === 'Netflix' || r.payee === 'Landlord LLC' ? { ...r, seriesKey: keyOf(r.payee) } : r,
      ),
    });
    const stored = async () => {
      const rows = await t.db
        .selectFrom('transactions')
        .select(['id', 'series_key', 'payee', 'raw_name', 'merchant_name', 'amount_minor', 'currency'])
        .where('user_id', '=', userId)
        .execute();
      return new Map(rows.map((r) => [r.id, r]));
    };
    const report = async () => {
      const loaded = await loadReportInput(t.db, userId, period, 'USD', asOf);
      const fromRows = await loadReportInput(t.db, userId, period, 'USD', asOf, { rollups: false });
      expect(loaded.billPayments).toBeDefined();
      const summary = buildReportSummary(loaded);
      expect(summary).toEqual(buildReportSummary(fromRows));
      return summary;
    };

    // Inserted rows carry their key.
    const before = await stored();
    for (const row of before.values()) expect(row.series_key).toBe(transactionSeriesKey(row));
    expect(before.get(ids.get('n4')!)?.series_key).toBe(keyOf('Netflix'));
    // Three steady payments, then a new price.
    expect((await report()).recurring.priceChanges).toMatchObject([
      { payee: 'Netflix', previousMinor: 1549, currentMinor: 1799 },
    ]);

    // Writes that know nothing of keys: each of the key's inputs changes on one row, and a note on another.
    const edit = (id: string, set: Record<string, unknown>) =>
      t.db.updateTable('transactions').set(set).where('id', '=', ids.get(id)!).execute();
    await edit('n2', { payee: 'Netflix Family' });
    await edit('n3', { amount_minor: -1549 });
    await edit('t21', { payee: null, merchant_name: 'NETFLIX' }); // Whole Foods becomes a Netflix payment
    await edit('t18', { currency: 'EUR' });
    await edit('t20', { payee: null, raw_name: 'ACH DEBIT LANDLORD LLC 1234' });
    await edit('n4', { notes: 'family plan' });
    const after = await stored();
    for (const id of ['n2', 'n3', 't21', 't18', 't20'])
      expect(after.get(ids.get(id)!)?.series_key).toBeNull();
    expect(after.get(ids.get('n4')!)?.series_key).toBe(keyOf('Netflix'));
    // A writer that writes the new key itself keeps it.
    await edit('n1', { payee: 'Hulu', series_key: keyOf('Hulu') });
    expect((await stored()).get(ids.get('n1')!)?.series_key).toBe(keyOf('Hulu'));
    // 30000 (the former Whole Foods), then 1799: no steady price left to change.
    expect((await report()).recurring.priceChanges).toEqual([]);

    // The recurring refresh after a sync stores the keys the edits cleared.
    await refreshRecurringSeries(t.db, userId, '2026-11-02');
    const refreshed = await stored();
    for (const id of ['n2', 't21', 't18', 't20']) {
      const row = refreshed.get(ids.get(id)!)!;
      expect(row.series_key).toBe(transactionSeriesKey(row));
    }
    expect(refreshed.get(ids.get('t21')!)?.series_key).toBe(keyOf('Netflix'));
    await report();
  });

  it('sums the trailing periods ahead of the summary to the figures the raw rows give', async () => {
    // October 2026 in New York; the trailing periods are July, August and September.
    const period = reportPeriod('monthly', asOf, TZ);
    const sample = sampleReportInput(period, asOf);
    const row = diningRow(sample);
    // 00:30 UTC on the 1st is the evening before in New York (EDT, UTC-4).
    const evening = (day: string) => ({ datetime: new Date(`${day}T00:30:00Z`) });
    const transactions = [
      ...sample.transactions,
      // One payee spelt four ways (case, surrounding spaces): one payee, spending well above its usual.
      row('p1', '2026-07-10', 3000, 'Corner Café'),
      row('p2', '2026-08-10', 3000, '  CORNER CAFÉ '),
      row('p3', '2026-09-10', 2000, 'corner café'),
      row('p4', '2026-10-10', 9000, 'Corner Café '),
      row('p5', '2026-10-11', 4000, 'corner CAFÉ'),
      // On the boundaries, by their posting time in New York: Plaid's date is a day later.
      row('b1', '2026-07-01', 50000, 'Corner Café', evening('2026-07-01')), // 30 June: before the trailing periods
      row('b2', '2026-08-01', 7000, 'Corner Café', evening('2026-08-01')), // 31 July
      row('b3', '2026-10-01', 8000, 'CORNER café', evening('2026-10-01')), // 30 September: trailing, not October
      row('b4', '2026-09-30', 6000, 'Bakery', { datetime: new Date('2026-10-01T04:30:00Z') }), // 1 October
      row('b5', '2026-09-01', -40000, 'Side Gig', { categoryId: null, ...evening('2026-09-01') }), // 31 August
      // Left out: flagged and transfer-kind transfers, pending, excluded, another currency.
      row('x1', '2026-08-20', 70000, 'Corner Café', { isTransfer: true }),
      row('x2', '2026-08-21', 70000, 'Corner Café', { categoryId: 'c-transfer' }),
      row('x3', '2026-09-20', 70000, 'Corner Café', { pending: true }),
      row('x4', '2026-09-21', 70000, 'Corner Café', { excludedFromReports: true }),
      row('x5', '2026-07-22', 70000, 'Corner Café', { currency: 'EUR' }),
      // No currency is the user's own.
      row('u1', '2026-07-23', 1500, 'Corner Café', { currency: null }),
      // Splits: a transfer part dropped, an income part, spending parts in two categories.
      // (An uncategorized part stays uncategorized whatever the transaction's own category.)
      row('s1', '2026-08-25', 27000, 'Big Box', {
        categoryId: 'c-dining',
        splits: [
          { categoryId: 'c-groceries', amountMinor: 12000 },
          { categoryId: 'c-dining', amountMinor: 8000 },
          { categoryId: 'c-transfer', amountMinor: 15000 },
          { categoryId: 'c-salary', amountMinor: -5000 },
          { categoryId: null, amountMinor: -3000 }, // money in: income
        ],
      }),
      row('s2', '2026-09-25', 20000, 'big box ', {
        categoryId: null,
        splits: [
          { categoryId: 'c-transfer', amountMinor: 15000 },
          { categoryId: 'c-transfer', amountMinor: 5000 },
        ],
      }),
      row('s3', '2026-10-25', 90000, 'Big Box', {
        categoryId: null,
        splits: [
          { categoryId: 'c-groceries', amountMinor: 60000 },
          { categoryId: null, amountMinor: 30000 },
        ],
      }),
      // A refund lowers its payee's and category's spending; uncategorized money in is income.
      row('r1', '2026-09-12', -1000, 'Corner Café'),
      row('r2', '2026-07-12', -2500, 'Corner Café', { categoryId: null }),
      // Before the trailing periods: only the trends.
      row('e1', '2026-03-05', 45000, 'Corner Café'),
    ];
    const summary = await summedAheadAsRows(sample, transactions, period);
    // The data reaches every part of the trailing figures.
    expect(summary.previous).toMatchObject({ spentMinor: 120000 + 2000 - 1000 + 8000, incomeMinor: 250000 });
    expect(summary.anomalies.map((a) => [a.scope, a.name])).toContainEqual(['payee', 'Corner Café']);
    expect(summary.anomalies.map((a) => [a.scope, a.name])).toContainEqual(['category', 'Groceries']);
  });

  it('a month to date, whose trailing periods leave gaps, sums them from the rollups and counts none of the days between them', async () => {
    // 1–15 October in New York: compared like for like with 1–15 September, August and July.
    const period = customPeriod('2026-10-01', '2026-10-15', TZ);
    const sample = sampleReportInput(reportPeriod('monthly', asOf, TZ), asOf);
    const row = diningRow(sample);
    const transactions = [
      ...sample.transactions,
      row('in1', '2026-07-05', 2000, 'Corner Café'),
      row('in2', '2026-08-05', 2000, 'Corner Café'),
      row('in3', '2026-09-05', 2000, 'Corner Café'),
      row('now', '2026-10-05', 9000, 'Corner Café'),
      // Between the trailing periods (the 16th to the month's end): no part of any of them.
      row('gap1', '2026-07-20', 80000, 'Corner Café'),
      row('gap2', '2026-08-31', 80000, 'Corner Café'),
      row('gap3', '2026-09-16', 80000, 'Corner Café'),
    ];
    // Summed ahead, as a whole month's are.
    const summary = await summedAheadAsRows(sample, transactions, period);
    expect(summary.previous).toMatchObject({ start: '2026-09-01', end: '2026-09-15' });
    expect(summary.anomalies.map((a) => [a.scope, a.name])).toContainEqual(['payee', 'Corner Café']);
  });

  it('reads a posting time a microsecond before local midnight on its own day, never the next', async () => {
    const period = reportPeriod('monthly', asOf, TZ);
    const sample = sampleReportInput(period, asOf);
    const { userId, ids } = await seedSampleHousehold(t.db, sample);
    const id = ids.get(sample.transactions[0]!.id)!;
    // 23:59:59.999999 on Oct 30 in New York: rounding the microseconds to milliseconds would move it to Oct 31.
    await sql`UPDATE transactions SET datetime = '2026-10-31T03:59:59.999999Z' WHERE id = ${id}`.execute(
      t.db,
    );
    const loaded = await loadReportInput(t.db, userId, period, 'USD', asOf);
    const row = loaded.transactions.find((r) => r.id === id);
    expect(row?.datetime?.toISOString()).toBe('2026-10-31T03:59:59.999Z');
  });

  it('stores one report per user, kind and period and keeps its id when regenerated', async () => {
    const period = reportPeriod('monthly', asOf, TZ);
    const sample = sampleReportInput(period, asOf);
    const { userId } = await seedSampleHousehold(t.db, sample);
    const summary = buildReportSummary(await loadReportInput(t.db, userId, period, 'USD', asOf));
    const common = { userId, kind: 'monthly' as const, period, currency: 'USD', summary, generatedAt: asOf };
    const first = await saveReport(t.db, { ...common, pdf: Buffer.from('%PDF-first') });
    const second = await saveReport(t.db, { ...common, pdf: Buffer.from('%PDF-second!') });
    expect(second.id).toBe(first.id);
    const listed = await listReports(t.db, userId);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      id: first.id,
      period_start: '2026-10-01',
      period_end: '2026-10-31',
      pdf_bytes: 12,
    });
    // The list, the one report and the refresh's view each read their own columns, never the PDF unasked.
    const listing = [
      'currency',
      'generated_at',
      'id',
      'kind',
      'pdf_bytes',
      'period_end',
      'period_start',
      'timezone',
    ];
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(listing);
    expect(Object.keys(await findReport(t.db, userId, first.id)).sort()).toEqual(
      [...listing, 'summary', 'user_id'].sort(),
    );
    const stored = await listStoredSummaries(t.db, userId);
    expect(stored).toHaveLength(1);
    expect(Object.keys(stored[0] ?? {}).sort()).toEqual(
      [...listing.filter((c) => c !== 'id'), 'summary'].sort(),
    );
    expect(stored[0]?.summary).toEqual(JSON.parse(JSON.stringify(summary)));
    const found = await findReport(t.db, userId, first.id, true);
    // Read back through the summary schema: the same figures, typed, no cast.
    expect(found.summary).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(found.summary?.headline.spentMinor).toBe(156296);
    expect((found as { pdf: Buffer }).pdf.toString()).toBe('%PDF-second!');
    const other = await seedSampleHousehold(t.db, { ...sample, transactions: [], recurring: [] });
    await expect(findReport(t.db, other.userId, first.id)).rejects.toThrow(/not found/);
  });

  it('reads the trend months from the raw rows when the rollups are in another zone than the report', async () => {
    const period = reportPeriod('monthly', asOf, TZ);
    const sample = sampleReportInput(period, asOf);
    const first = sample.transactions[0]!;
    // A purchase in the trend months, before the trailing periods.
    const earlier = {
      ...first,
      id: 'earlier-purchase',
      date: '2026-02-10',
      datetime: null,
      amountMinor: 4321,
    };
    // The user has since moved to UTC: the rollups are kept in UTC days, not the report's.
    const { userId } = await seedSampleHousehold(
      t.db,
      { ...sample, transactions: [...sample.transactions, earlier] },
      { timezone: 'UTC' },
    );
    const loaded = await loadReportInput(t.db, userId, period, 'USD', asOf);
    const fromRows = await loadReportInput(t.db, userId, period, 'USD', asOf, { rollups: false });
    expect(loaded.monthTotals).toBeUndefined();
    expect(loaded.transactions.map((r) => r.id).sort()).toEqual(
      fromRows.transactions.map((r) => r.id).sort(),
    );
    expect(loaded.transactions.filter((r) => r.date < reportTrailingStart(period))).toMatchObject([
      { date: '2026-02-10', amountMinor: 4321 },
    ]);
    expect(buildReportSummary(loaded)).toEqual(buildReportSummary(fromRows));
  });

  it("fills a new user's net worth by walking back from today's balances, the bank's snapshots taking over", async () => {
    const ctx = testContext(t.db);
    const user = await ctx.newUser({ timezone: 'UTC' });
    const checking = await ctx.newLinkedItem(user.id, { account: { current_minor: 1000_00 } });
    const card = await ctx.newLinkedItem(user.id, {
      account: { type: 'credit', name: 'Card', current_minor: 300_00 },
    });
    await ctx.newTransactions(user.id, checking, [
      { date: '2026-10-15', amount_minor: -2000_00 }, // pay: 2000 more now than before
      { date: '2026-11-01', amount_minor: 50_00 },
    ]);
    await ctx.newTransactions(user.id, card, [{ date: '2026-10-20', amount_minor: 100_00 }]);
    await t.db
      .insertInto('balance_snapshots')
      .values({
        user_id: user.id,
        account_id: card.accountId,
        date: '2026-10-25',
        current_minor: 280_00,
        currency: 'USD',
      })
      .execute();
    const period = reportPeriod('monthly', asOf, 'UTC'); // October 2026
    const summary = buildReportSummary(await loadReportInput(t.db, user.id, period, 'USD', asOf));
    // Checking on 30 Sep: 1000 + 50 (out on 1 Nov) - 2000 (in on 15 Oct); on 31 Oct: 1050.
    // Card: 180 owed on 30 Sep (280 reported on 25 Oct, less the 100 on 20 Oct), 280 on 31 Oct (the snapshot).
    expect(summary.balances.accounts.map((a) => [a.name, a.openingMinor, a.closingMinor])).toEqual([
      ['Checking', -950_00, 1050_00],
      ['Card', 180_00, 280_00],
    ]);
    expect(summary.balances.netWorth.at(-1)).toEqual({
      date: '2026-10-31',
      assetsMinor: 1050_00,
      liabilitiesMinor: 280_00,
      netWorthMinor: 770_00,
      estimated: true,
    });
    expect(summary.balances.netWorthChange).toEqual({
      fromDate: '2026-09-30',
      toDate: '2026-10-31',
      openingMinor: -950_00 - 180_00,
      closingMinor: 770_00,
      changeMinor: 770_00 + 1130_00,
      estimated: true,
    });
  });
});
