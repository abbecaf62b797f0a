import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@finsync/test-support';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { plaidTxn } from '../sync/sync-fixtures.test-support.ts';
import { toSyncedTransaction } from '../sync/synced-records.ts';
import { insertAccounts } from './accounts.ts';
import { insertPlaidItem } from './plaid-items.ts';
import { startSyncRun } from './sync-runs.ts';
import {
  clearStagedRun,
  refreshStagedStatistics,
  type StagedRun,
  stageSyncedTransactions,
} from './sync-staged-transactions.ts';

/*
 * The commit plans its statements over rows staged a moment ago: the statistics refreshed before it must
 * know the run's rows, whatever runs were staged (and analyzed) before, or the commit is planned for a
 * handful of rows and loops over all of them once per account.
 */

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase(inject('pgTemplate' as never));
});
afterAll(async () => {
  await tdb?.drop();
});

describe('refreshStagedStatistics', () => {
  it("makes the commit's plan count the run's staged rows, after another run's were analyzed", async () => {
    const db = tdb.db;
    const user = await db
      .insertInto('users')
      .values({ email: 'stats@example.test', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const item = await insertPlaidItem(db, {
      user_id: user.id,
      plaid_item_id: `item-${randomBytes(4).toString('hex')}`,
      access_token_encrypted: 'x',
    });
    await insertAccounts(
      db,
      ['acc-1', 'acc-2', 'acc-3'].map((plaidAccountId) => ({
        user_id: user.id,
        item_id: item.id,
        plaid_account_id: plaidAccountId,
        name: plaidAccountId,
        type: 'depository',
      })),
    );
    const stage = async (n: number): Promise<StagedRun> => {
      const runId = await startSyncRun(
        db,
        { userId: user.id, itemId: item.id, trigger: 'initial' },
        new Date(),
      );
      const run = { runId, itemId: item.id };
      const txns = Array.from({ length: n }, (_, i) =>
        toSyncedTransaction(plaidTxn(`${runId}-${i}`, { account_id: `acc-${(i % 3) + 1}` })),
      );
      await stageSyncedTransactions(
        db,
        run,
        txns.map((txn) => ({ txn, categorized: null })),
      );
      await refreshStagedStatistics(db, n);
      return run;
    };
    const before = await stage(1500);
    await clearStagedRun(db, before.runId);
    const run = await stage(3000);
    // The commit's statements find the run's rows by run and item (then join its accounts, by Plaid id).
    const explained = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`
      EXPLAIN (FORMAT JSON) SELECT s.plaid_transaction_id FROM sync_staged_transactions s
      WHERE s.run_id = ${run.runId} AND s.item_id = ${run.itemId}`.execute(db);
    const estimate = explained.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0;
    expect(estimate).toBeGreaterThan(2000);
    expect(estimate).toBeLessThan(4500);
  });
});
