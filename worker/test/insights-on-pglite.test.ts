// The embedded demo runs on PGlite: transfer pairing, bills with debt payments, and a report's bills (the new
// SQL of issue 12) must work there as on PostgreSQL.
import { migrateToLatest } from '@finsync/migrations';
import { createDatabase, type Db } from '@finsync/shared';
import { currentReportSummary } from '@finsync/shared/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefreshInsightsProcessor } from '../src/refresh-insights.ts';

describe('insights on embedded PGlite', () => {
  let db: Db;

  beforeAll(async () => {
    db = createDatabase({ kind: 'pglite', dataDir: null });
    await migrateToLatest(db);
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
  });

  it('pairs a monthly card payment with the card, keeps it a bill, and reports it paid', async () => {
    const user = await db
      .insertInto('users')
      .values({ email: 'pglite@example.test', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const item = await db
      .insertInto('plaid_items')
      .values({ user_id: user.id, plaid_item_id: 'pglite-item', access_token_encrypted: 'enc' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const account = async (name: string, type: string) =>
      (
        await db
          .insertInto('accounts')
          .values({ user_id: user.id, item_id: item.id, plaid_account_id: name, name, type })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const checking = await account('checking', 'depository');
    const card = await account('card', 'credit');
    let n = 0;
    for (const month of ['06', '07', '08', '09']) {
      for (const [accountId, amount, name] of [
        [checking, 90_000 + Number(month), 'CARD AUTOPAY'],
        [card, -(90_000 + Number(month)), 'AUTOPAY PAYMENT - THANK YOU'],
      ] as const) {
        await db
          .insertInto('transactions')
          .values({
            user_id: user.id,
            item_id: item.id,
            account_id: accountId,
            plaid_transaction_id: `t${++n}`,
            amount_minor: amount,
            currency: 'USD',
            date: `2026-${month}-25`,
            raw_name: name,
            merchant_name: accountId === checking ? 'Plaid Credit Card' : null,
          })
          .execute();
      }
    }
    const result = await createRefreshInsightsProcessor({ db, now: () => new Date('2026-10-03T12:00:00Z') })({
      userId: user.id,
    });
    expect(result).toMatchObject({ transferPairs: 4, recurringSeries: 1 });
    expect(
      await db.selectFrom('recurring_series').select(['payee', 'status', 'next_expected_date']).execute(),
    ).toEqual([{ payee: 'Plaid Credit Card', status: 'active', next_expected_date: '2026-10-25' }]);
    const september = await currentReportSummary(
      db,
      user.id,
      {
        kind: 'monthly',
        period_start: '2026-09-01',
        period_end: '2026-09-30',
        timezone: 'UTC',
        currency: 'USD',
      },
      new Date('2026-10-03T12:00:00Z'),
    );
    expect(september.headline.spentMinor).toBe(0);
    expect(september.recurring.missed).toEqual([]);
    expect(september.recurring.dueNext.map((d) => [d.payee, d.date])).toEqual([
      ['Plaid Credit Card', '2026-10-25'],
    ]);
  });
});
