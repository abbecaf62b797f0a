import { testContext, useTestDatabase } from '@finsync/test-support';
import { describe, expect, it } from 'vitest';
import { plaidTxn } from '../sync/sync-fixtures.test-support.ts';
import { toSyncedTransaction } from '../sync/synced-records.ts';
import { startSyncRun } from './sync-runs.ts';
import { stageSyncedTransactions } from './sync-staged-transactions.ts';
import { upsertStagedTransactions } from './transactions.ts';

/*
 * A commit moves a run's staged rows into transactions either merging them with the item's stored rows
 * (ON CONFLICT) or, for an item with no rows yet, by a plain INSERT. The plain INSERT never writes a row
 * twice: were the item's row there after all, the statement is refused on the (item, Plaid id) key.
 */
const file = useTestDatabase();

async function stagedItem() {
  const ctx = testContext(file.t.db);
  const user = await ctx.newUser();
  const account = 'acc-moves';
  const linked = await ctx.newLinkedItem(user.id, { account: { plaid_account_id: account } });
  const owner = { userId: user.id, itemId: linked.itemId };
  const stage = async (runId: string, ids: string[], amount: number) =>
    stageSyncedTransactions(
      file.t.db,
      { runId, itemId: linked.itemId },
      ids.map((id) => ({
        txn: toSyncedTransaction(plaidTxn(id, { account_id: account, amount })),
        categorized: null,
      })),
    );
  const amounts = async () =>
    (
      await file.t.db
        .selectFrom('transactions')
        .select(['plaid_transaction_id', 'amount_minor'])
        .where('item_id', '=', linked.itemId)
        .orderBy('plaid_transaction_id')
        .execute()
    ).map((r) => [r.plaid_transaction_id, Number(r.amount_minor)]);
  return { owner, stage, amounts };
}

const newRun = (owner: { userId: string; itemId: string }) =>
  startSyncRun(file.t.db, { ...owner, trigger: 'initial' }, new Date());

describe('moving staged rows into transactions', () => {
  it('into an empty item inserts every staged row', async () => {
    const { owner, stage, amounts } = await stagedItem();
    const run = await newRun(owner);
    await stage(run, ['a', 'b'], 1);
    expect(await upsertStagedTransactions(file.t.db, owner, run, { kind: 'all' }, 'empty item')).toBe(2);
    expect(await amounts()).toEqual([
      ['a', 100],
      ['b', 100],
    ]);
  });

  it('into an item that has the row after all is refused on its key, where merging updates it', async () => {
    const { owner, stage, amounts } = await stagedItem();
    const first = await newRun(owner);
    await stage(first, ['a'], 1);
    await upsertStagedTransactions(file.t.db, owner, first, { kind: 'all' }, 'empty item');
    const second = await newRun(owner);
    await stage(second, ['a'], 2);
    await expect(
      upsertStagedTransactions(file.t.db, owner, second, { kind: 'all' }, 'empty item'),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await amounts()).toEqual([['a', 100]]);
    expect(await upsertStagedTransactions(file.t.db, owner, second)).toBe(1);
    expect(await amounts()).toEqual([['a', 200]]);
  });
});
