import { testContext, useTestDatabase } from '@finsync/test-support';
import { describe, expect, it } from 'vitest';
import { refreshRecurringSeries } from './refresh-recurring-series.ts';

const file = useTestDatabase();

describe('refreshRecurringSeries stores the account and the price before a change', () => {
  it('names the account of the latest payment and keeps the steady amount the last charge moved off', async () => {
    const ctx = testContext(file.t.db);
    const user = await ctx.newUser();
    const card = await ctx.newLinkedItem(user.id, { account: { name: 'Card', type: 'credit' } });
    const checking = await ctx.newLinkedItem(user.id);
    const charge = (date: string, amount: number) => ({
      date,
      amount_minor: amount,
      raw_name: 'NETFLIX.COM',
      merchant_name: 'Netflix',
    });
    await ctx.newTransactions(user.id, checking, [charge('2026-07-15', 15_49), charge('2026-08-15', 15_49)]);
    await ctx.newTransactions(user.id, card, [charge('2026-09-15', 15_49), charge('2026-10-15', 17_99)]);
    await refreshRecurringSeries(file.t.db, user.id, '2026-10-20');
    const rows = await file.t.db
      .selectFrom('recurring_series')
      .select(['payee', 'account_id', 'previous_amount_minor', 'last_amount_minor', 'source'])
      .where('user_id', '=', user.id)
      .execute();
    expect(rows).toEqual([
      {
        payee: 'Netflix',
        account_id: card.accountId,
        previous_amount_minor: 15_49,
        last_amount_minor: 17_99,
        source: 'detected',
      },
    ]);
  });
});
