import { testContext, useTestDatabase } from '@finsync/test-support';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedSystemCategories } from '../categorize-service/seed-system-categories.ts';
import { withUser } from '../db/scoped-transaction.ts';
import { dashboardSummary } from '../ledger/dashboard-summary.ts';
import { exportRows } from '../ledger/export-rows.ts';
import { buildReportSummary } from '../reports/build-report-summary.ts';
import { addDays } from '../reports/local-date.ts';
import { customPeriod } from '../reports/report-period.ts';
import { loadReportInput } from '../reports/report-repository.ts';

/*
 * The acceptance property of issue #12: for randomized ledgers and periods, the dashboard's SQL aggregate on
 * PostgreSQL, the report's figures (the pure definition) and the export's rows summed over the period agree
 * to the cent: spent, income, net, the transaction count, and spending per category.
 */
const TIMEZONE = 'America/Los_Angeles';
const FIRST_DAY = '2026-09-25';
const DAYS = 50;

interface GeneratedTxn {
  amountMinor: number;
  currency: 'USD' | 'usd' | 'EUR' | null;
  unofficialCurrency: 'DOGE' | null;
  day: number;
  /** The posting time: minutes after 00:00 UTC of the row's date, somewhere in that day in a zone from UTC+14 to UTC-12. */
  minuteOffset: number | null;
  category: number | null;
  isTransfer: boolean;
  excluded: boolean;
  pending: boolean;
  split: { category: number | null; share: number }[] | null;
}

/** True about one time in five, so most rows count and the rules around them are exercised. */
const rarely = fc.constantFrom(false, false, false, false, true);

const txnArb: fc.Arbitrary<GeneratedTxn> = fc.record({
  amountMinor: fc.oneof(fc.integer({ min: -500_000, max: 500_000 }), fc.constantFrom(0, 1, -1, 300_00)),
  currency: fc.constantFrom('USD' as const, 'usd' as const, 'EUR' as const, null, null, null),
  unofficialCurrency: fc.constantFrom(null, null, null, null, 'DOGE' as const),
  day: fc.integer({ min: 0, max: DAYS - 1 }),
  minuteOffset: fc.option(fc.integer({ min: -14 * 60, max: 36 * 60 - 1 }), { nil: null }),
  category: fc.option(fc.integer({ min: 0, max: 7 }), { nil: null }),
  isTransfer: rarely,
  excluded: rarely,
  pending: rarely,
  split: fc.option(
    fc.array(
      fc.record({
        category: fc.option(fc.integer({ min: 0, max: 7 }), { nil: null }),
        share: fc.integer({ min: 1, max: 5 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    { nil: null, freq: 4 },
  ),
});

const edgeTxn = (day: number, minuteOffset: number): GeneratedTxn => ({
  amountMinor: 12_34,
  currency: 'USD',
  unofficialCurrency: null,
  day,
  minuteOffset,
  category: 1,
  isTransfer: false,
  excluded: false,
  pending: false,
  split: null,
});

/** The user's zone: the day a posting time counts on moves up to two days from the bank's date. */
const zoneArb = fc.constantFrom(TIMEZONE, 'Pacific/Kiritimati', 'Etc/GMT+12', 'Asia/Tokyo', 'UTC');

/** Up to 75 days: periods over 62 days are trended per month by the dashboard, shorter ones per day. */
const periodArb = fc
  .tuple(fc.integer({ min: -2, max: DAYS + 1 }), fc.integer({ min: 0, max: DAYS + 25 }))
  .map(([start, length]) => ({ from: addDays(FIRST_DAY, start), to: addDays(FIRST_DAY, start + length) }));

describe('one cash-flow definition: dashboard SQL, report and export agree to the cent', () => {
  const file = useTestDatabase();
  let userId: string;
  let itemId: string;
  let accountId: string;
  /** Income, expense, transfer (Plaid's and the user's own), a group's child, cash withdrawal… */
  const categoryIds: string[] = [];

  beforeAll(async () => {
    const ctx = testContext(file.t.db);
    userId = (await ctx.newUser({ email: 'figures@example.test', currency: 'USD', timezone: TIMEZONE })).id;
    await seedSystemCategories(file.t.db, userId);
    const byKey = (key: string) => ctx.categoryId(userId, key);
    const own = await file.t.db
      .insertInto('categories')
      .values({ user_id: userId, key: 'user:moving-money', name: 'Moving money', kind: 'transfer' })
      .returning('id')
      .executeTakeFirstOrThrow();
    categoryIds.push(
      await byKey('INCOME_SALARY'),
      await byKey('FOOD_AND_DRINK_GROCERIES'),
      await byKey('FOOD_AND_DRINK_COFFEE'),
      await byKey('TRANSFER_OUT_WITHDRAWAL'),
      await byKey('LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'),
      own.id,
      await byKey('GENERAL_MERCHANDISE_ONLINE_MARKETPLACES'),
      await byKey('TRANSFER_IN_ACCOUNT_TRANSFER'),
    );
    const item = await file.t.db
      .insertInto('plaid_items')
      .values({ user_id: userId, plaid_item_id: 'figures-item', access_token_encrypted: 'k:x:y:z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    itemId = item.id;
    const account = await file.t.db
      .insertInto('accounts')
      .values({
        user_id: userId,
        item_id: itemId,
        plaid_account_id: 'figures-acc',
        name: 'Everyday',
        type: 'depository',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    accountId = account.id;
  });

  async function store(ledger: GeneratedTxn[]): Promise<void> {
    await file.t.db.deleteFrom('transaction_splits').where('user_id', '=', userId).execute();
    await file.t.db.deleteFrom('transactions').where('user_id', '=', userId).execute();
    if (!ledger.length) return;
    const rows = await file.t.db
      .insertInto('transactions')
      .values(
        ledger.map((g, i) => {
          const date = addDays(FIRST_DAY, g.day);
          return {
            user_id: userId,
            item_id: itemId,
            account_id: accountId,
            plaid_transaction_id: `figures-${i}`,
            amount_minor: g.amountMinor,
            currency: g.unofficialCurrency ? null : g.currency,
            unofficial_currency: g.unofficialCurrency,
            date,
            datetime:
              g.minuteOffset === null
                ? null
                : new Date(Date.parse(`${date}T00:00:00Z`) + g.minuteOffset * 60_000),
            raw_name: `Payee ${i % 5}`,
            category_id: g.category === null ? null : categoryIds[g.category]!,
            is_transfer: g.isTransfer,
            excluded_from_reports: g.excluded,
            pending: g.pending,
          };
        }),
      )
      .returning(['id', 'plaid_transaction_id'])
      .execute();
    const idOf = new Map(rows.map((r) => [r.plaid_transaction_id, r.id]));
    const splits = ledger.flatMap((g, i) => {
      if (!g.split) return [];
      // Parts proportional to their shares; the last takes the remainder, so they sum to the amount.
      const total = g.split.reduce((a, p) => a + p.share, 0);
      let left = g.amountMinor;
      return g.split.map((p, j) => {
        const amount = j === g.split!.length - 1 ? left : Math.trunc((g.amountMinor * p.share) / total);
        left -= amount;
        return {
          user_id: userId,
          transaction_id: idOf.get(`figures-${i}`)!,
          category_id: p.category === null ? null : categoryIds[p.category]!,
          amount_minor: amount,
        };
      });
    });
    if (splits.length) await file.t.db.insertInto('transaction_splits').values(splits).execute();
  }

  it('for random ledgers and periods', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(txnArb, { maxLength: 40 }),
        periodArb,
        zoneArb,
        async (ledger, { from, to }, zone) => {
          await store(ledger);
          await file.t.db.updateTable('users').set({ timezone: zone }).where('id', '=', userId).execute();
          const dashboard = await withUser(file.t.db, userId, (trx) =>
            dashboardSummary(trx, userId, { from, to }),
          );
          const report = buildReportSummary(
            await withUser(file.t.db, userId, (trx) =>
              loadReportInput(
                trx,
                userId,
                customPeriod(from, to, zone),
                'USD',
                new Date('2026-12-01T00:00:00Z'),
              ),
            ),
          );
          // The report's trends read from the rollups equal the same report computed from the raw rows alone.
          const fromRows = buildReportSummary(
            await withUser(file.t.db, userId, (trx) =>
              loadReportInput(
                trx,
                userId,
                customPeriod(from, to, zone),
                'USD',
                new Date('2026-12-01T00:00:00Z'),
                { rollups: false },
              ),
            ),
          );
          expect(report).toEqual(fromRows);
          const exported = { spentMinor: 0, incomeMinor: 0, transactionCount: 0 };
          // The export's rows per trend bucket (a day, or a month's first day), as the dashboard buckets them.
          const exportedTrend = new Map<string, { spentMinor: number; incomeMinor: number }>();
          for await (const page of exportRows(file.t.db, userId)) {
            for (const row of page) {
              if (row.countedOn < from || row.countedOn > to) continue;
              exported.spentMinor += row.spentMinor;
              exported.incomeMinor += row.incomeMinor;
              if (
                row.countedAs !== 'spending' &&
                row.countedAs !== 'income' &&
                row.countedAs !== 'spending and income'
              )
                continue;
              const bucket =
                dashboard.trend.granularity === 'day' ? row.countedOn : `${row.countedOn.slice(0, 7)}-01`;
              const point = exportedTrend.get(bucket) ?? { spentMinor: 0, incomeMinor: 0 };
              point.spentMinor += row.spentMinor;
              point.incomeMinor += row.incomeMinor;
              exportedTrend.set(bucket, point);
              if (['spending', 'income', 'spending and income'].includes(row.countedAs))
                exported.transactionCount++;
            }
          }

          const fromReport = {
            spentMinor: report.headline.spentMinor,
            incomeMinor: report.headline.incomeMinor,
            netMinor: report.headline.netMinor,
            transactionCount: report.headline.transactionCount,
          };
          expect({
            spentMinor: dashboard.spentMinor,
            incomeMinor: dashboard.incomeMinor,
            netMinor: dashboard.netMinor,
            transactionCount: dashboard.transactionCount,
          }).toEqual(fromReport);
          expect({
            ...exported,
            netMinor: exported.incomeMinor - exported.spentMinor,
          }).toEqual(fromReport);
          const byCategory = (rows: { categoryId: string | null; spentMinor: number; count: number }[]) =>
            Object.fromEntries(rows.map((c) => [c.categoryId ?? '', [c.spentMinor, c.count]]));
          expect(byCategory(dashboard.byCategory)).toEqual(byCategory(report.byCategory));
          expect(
            Object.fromEntries(dashboard.trend.points.map((p) => [p.bucket, [p.spentMinor, p.incomeMinor]])),
          ).toEqual(
            Object.fromEntries([...exportedTrend].map(([b, p]) => [b, [p.spentMinor, p.incomeMinor]])),
          );
        },
      ),
      {
        numRuns: 100,
        // Posting times two days from the bank's date in the user's zone, at the edge of the period.
        examples: [
          [
            [edgeTxn(10, 36 * 60 - 1)],
            { from: addDays(FIRST_DAY, 12), to: addDays(FIRST_DAY, 20) },
            'Pacific/Kiritimati',
          ],
          [[edgeTxn(10, -14 * 60)], { from: addDays(FIRST_DAY, 0), to: addDays(FIRST_DAY, 8) }, 'Etc/GMT+12'],
        ],
      },
    );
  }, 120_000);
});
