import { testContext, useTestDatabase } from '@finsync/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedSystemCategories } from '../categorize-service/seed-system-categories.ts';
import { withUser } from '../db/scoped-transaction.ts';
import { dashboardSummary } from './dashboard-summary.ts';

describe('dashboardSummary against real Postgres under row-level security', () => {
  const file = useTestDatabase();
  let userId: string;
  let groceries: string;
  let coffee: string;

  beforeAll(async () => {
    const ctx = testContext(file.t.db);
    userId = (await ctx.newUser({ email: 'dash@example.test', currency: 'EUR' })).id;
    await seedSystemCategories(file.t.db, userId);
    const byKey = (key: string) => ctx.categoryId(userId, key);
    groceries = await byKey('FOOD_AND_DRINK_GROCERIES');
    coffee = await byKey('FOOD_AND_DRINK_COFFEE');
    await file.t.db.updateTable('categories').set({ name: 'Beans' }).where('id', '=', coffee).execute();
    const item = await file.t.db
      .insertInto('plaid_items')
      .values({ user_id: userId, plaid_item_id: 'dash-item', access_token_encrypted: 'k:x:y:z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const account = await file.t.db
      .insertInto('accounts')
      .values({
        user_id: userId,
        item_id: item.id,
        plaid_account_id: 'dash-acc',
        name: 'A',
        type: 'depository',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows: [
      number,
      string | null,
      string,
      string | null,
      { transfer?: boolean; excluded?: boolean }?,
    ][] = [
      [12_00, 'EUR', '2026-10-03', groceries],
      [3_50, null, '2026-10-03', coffee], // no currency: the user's own (EUR)
      [4_00, 'EUR', '2026-11-20', coffee],
      [7_00, 'EUR', '2026-11-21', null],
      [-1000_00, 'EUR', '2026-11-25', null],
      [99_00, 'USD', '2026-11-02', groceries], // other currency
      [500_00, 'EUR', '2026-11-03', null, { transfer: true }],
      [60_00, 'EUR', '2026-11-04', groceries, { excluded: true }],
      [1_00, 'EUR', '2026-12-01', groceries], // after the period
    ];
    await file.t.db
      .insertInto('transactions')
      .values(
        rows.map(([amount, currency, date, categoryId, flags], i) => ({
          user_id: userId,
          item_id: item.id,
          account_id: account.id,
          plaid_transaction_id: `dash-${i}`,
          amount_minor: amount,
          currency,
          date,
          raw_name: `T${i}`,
          category_id: categoryId,
          is_transfer: flags?.transfer ?? false,
          excluded_from_reports: flags?.excluded ?? false,
        })),
      )
      .execute();
  });

  it("defaults to the user's currency, counts rows without one as it, and names categories in one query", async () => {
    const summary = await withUser(file.t.db, userId, (trx) =>
      dashboardSummary(trx, userId, { from: '2026-10-01', to: '2026-11-30' }),
    );
    expect(summary).toEqual({
      period: { from: '2026-10-01', to: '2026-11-30' },
      currency: 'EUR',
      spentMinor: 26_50,
      incomeMinor: 1000_00,
      netMinor: 1000_00 - 26_50,
      transactionCount: 5,
      byCategory: [
        { categoryId: groceries, name: 'Groceries', spentMinor: 12_00, count: 1 },
        { categoryId: coffee, name: 'Beans', spentMinor: 7_50, count: 2 },
        { categoryId: null, name: 'Uncategorized', spentMinor: 7_00, count: 1 },
      ],
      trend: {
        granularity: 'day',
        points: [
          { bucket: '2026-10-03', spentMinor: 15_50, incomeMinor: 0 },
          { bucket: '2026-11-20', spentMinor: 4_00, incomeMinor: 0 },
          { bucket: '2026-11-21', spentMinor: 7_00, incomeMinor: 0 },
          { bucket: '2026-11-25', spentMinor: 0, incomeMinor: 1000_00 },
        ],
      },
    });
  });

  it('an explicit currency selects only its rows; long periods trend per month', async () => {
    const usd = await withUser(file.t.db, userId, (trx) =>
      dashboardSummary(trx, userId, { from: '2026-01-01', to: '2026-12-31', currency: 'USD' }),
    );
    expect(usd.currency).toBe('USD');
    expect(usd.spentMinor).toBe(99_00);
    expect(usd.trend).toEqual({
      granularity: 'month',
      points: [{ bucket: '2026-11-01', spentMinor: 99_00, incomeMinor: 0 }],
    });
    const eur = await withUser(file.t.db, userId, (trx) =>
      dashboardSummary(trx, userId, { from: '2026-01-01', to: '2026-12-31' }),
    );
    expect(eur.trend.points.map((p) => [p.bucket, p.spentMinor])).toEqual([
      ['2026-10-01', 15_50],
      ['2026-11-01', 11_00],
      ['2026-12-01', 1_00],
    ]);
  });

  it('another user sees nothing and gets the default currency', async () => {
    const other = await file.t.db
      .insertInto('users')
      .values({ email: 'other@example.test', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const summary = await withUser(file.t.db, other.id, (trx) =>
      dashboardSummary(trx, other.id, { from: '2026-01-01', to: '2026-12-31' }),
    );
    expect(summary).toMatchObject({ currency: 'USD', spentMinor: 0, transactionCount: 0, byCategory: [] });
  });
});
