import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@finsync/test-support';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withUser } from '../db/scoped-transaction.ts';
import { plaidTxn } from '../sync/sync-fixtures.test-support.ts';
import { toSyncedTransaction } from '../sync/synced-records.ts';
import { insertAccounts } from './accounts.ts';
import { insertPlaidItem } from './plaid-items.ts';
import { startSyncRun } from './sync-runs.ts';
import {
  clearStagedRun,
  refreshStagedStatistics,
  type StagedRun,
  stagedRow,
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

/** A new user with one Plaid item. */
async function userWithItem() {
  const user = await tdb.db
    .insertInto('users')
    .values({ email: `staged-${randomBytes(4).toString('hex')}@example.test`, password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = await insertPlaidItem(tdb.db, {
    user_id: user.id,
    plaid_item_id: `item-${randomBytes(4).toString('hex')}`,
    access_token_encrypted: 'x',
  });
  return { user, item };
}

describe('refreshStagedStatistics', () => {
  it("makes the commit's plan count the run's staged rows, after another run's were analyzed", async () => {
    const db = tdb.db;
    const { user, item } = await userWithItem();
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
    // From a small sample (target 10): Plaid's ids still read as all distinct, and the histogram has at most
    // 11 bounds where the default target (100) keeps 101 — the connection's own setting is left as it was.
    const stats = await sql<{ attname: string; n_distinct: number; bounds: number | null }>`
      SELECT attname, n_distinct, cardinality(histogram_bounds::text::text[]) AS bounds FROM pg_stats
      WHERE tablename = 'sync_staged_transactions' AND attname IN ('plaid_transaction_id')`.execute(db);
    expect(stats.rows).toEqual([{ attname: 'plaid_transaction_id', n_distinct: -1, bounds: 11 }]);
    const setting = await sql<{
      target: string;
    }>`SELECT current_setting('default_statistics_target') AS target`.execute(db);
    expect(setting.rows[0]?.target).toBe('100');
  });
});

/*
 * A staged row belongs to its run and its item: it is never staged for a run or item that does not exist, and
 * never outlives either (the rows are a user's bank data). Checked per statement, not per row, so these hold
 * for COPY and for INSERT, and against a deletion that runs while rows are being staged.
 */
describe("a staged row's run and item", () => {
  const setUp = async (rows = 3) => {
    const db = tdb.db;
    const { user, item } = await userWithItem();
    const runId = await startSyncRun(
      db,
      { userId: user.id, itemId: item.id, trigger: 'initial' },
      new Date(),
    );
    const run = { runId, itemId: item.id };
    await stageSyncedTransactions(db, run, rowsOf(runId, rows));
    return { userId: user.id, run };
  };
  const rowsOf = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      txn: toSyncedTransaction(plaidTxn(`${prefix}-${i}`)),
      categorized: null,
    }));
  const stagedOf = async (where: { run_id?: string; item_id?: string }) => {
    let q = tdb.db.selectFrom('sync_staged_transactions').select((eb) => eb.fn.countAll<string>().as('n'));
    if (where.run_id) q = q.where('run_id', '=', where.run_id);
    if (where.item_id) q = q.where('item_id', '=', where.item_id);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const stageByInsert = (run: StagedRun, n: number) =>
    tdb.db
      .insertInto('sync_staged_transactions')
      .values(rowsOf(`ins-${run.runId}`, n).map((row) => stagedRow(run, row)))
      .execute();

  const expectMissingParent = (statement: Promise<unknown>) =>
    expect(statement).rejects.toThrow(/names a sync run or Plaid item that does not exist/);

  it('is refused, by COPY and by INSERT, for a run that does not exist', async () => {
    const { run } = await setUp(0);
    const missing = { runId: '00000000-0000-4000-8000-000000000016', itemId: run.itemId };
    await expectMissingParent(stageSyncedTransactions(tdb.db, missing, rowsOf('missing-run', 3)));
    await expectMissingParent(stageByInsert(missing, 2));
    expect(await stagedOf({ run_id: missing.runId })).toBe(0);
  });

  it('is refused, by COPY and by INSERT, for an item that does not exist', async () => {
    const { run } = await setUp(0);
    const missing = { runId: run.runId, itemId: '00000000-0000-4000-8000-000000000061' };
    await expectMissingParent(stageSyncedTransactions(tdb.db, missing, rowsOf('missing-item', 3)));
    await expectMissingParent(stageByInsert(missing, 2));
    // One statement of rows for the run's item and rows for a missing item stages none of them.
    await expectMissingParent(
      tdb.db
        .insertInto('sync_staged_transactions')
        .values([run, missing].map((r, k) => stagedRow(r, rowsOf(`mixed-${k}`, 1)[0]!)))
        .execute(),
    );
    expect(await stagedOf({ run_id: run.runId })).toBe(0);
  });

  it('is moved to another run or item only if that one exists', async () => {
    const { run } = await setUp(2);
    for (const elsewhere of [
      { run_id: '00000000-0000-4000-8000-000000000160' },
      { item_id: '00000000-0000-4000-8000-000000000610' },
    ])
      await expectMissingParent(
        tdb.db
          .updateTable('sync_staged_transactions')
          .set(elsewhere)
          .where('run_id', '=', run.runId)
          .execute(),
      );
    expect(await stagedOf({ run_id: run.runId })).toBe(2);
  });

  it("goes with its run, and only that run's rows go", async () => {
    const { run } = await setUp(3);
    const other = await setUp(2);
    await tdb.db.deleteFrom('sync_runs').where('id', '=', run.runId).execute();
    expect(await stagedOf({ run_id: run.runId })).toBe(0);
    expect(await stagedOf({ run_id: other.run.runId })).toBe(2);
  });

  it('goes with its item', async () => {
    const { run } = await setUp(3);
    await tdb.db.deleteFrom('plaid_items').where('id', '=', run.itemId).execute();
    expect(await stagedOf({ item_id: run.itemId })).toBe(0);
  });

  it('goes with its user, deleted through the row-scoped handle (the app role cannot touch staged rows)', async () => {
    const { userId, run } = await setUp(3);
    await withUser(tdb.db, userId, (trx) => trx.deleteFrom('users').where('id', '=', userId).execute());
    expect(await stagedOf({ item_id: run.itemId })).toBe(0);
  });

  it("keeps its run's id from changing under it", async () => {
    const { run } = await setUp(1);
    await expect(
      tdb.db
        .updateTable('sync_runs')
        .set({ id: '00000000-0000-4000-8000-000000001600' })
        .where('id', '=', run.runId)
        .execute(),
    ).rejects.toThrow();
    expect(await stagedOf({ run_id: run.runId })).toBe(1);
  });

  it('is not left behind by a deletion under REPEATABLE READ: such a deletion is refused', async () => {
    const { run } = await setUp(2);
    await expect(
      tdb.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((trx) => trx.deleteFrom('plaid_items').where('id', '=', run.itemId).execute()),
    ).rejects.toThrow(/READ COMMITTED/);
    expect(await stagedOf({ item_id: run.itemId })).toBe(2);
  });

  describe('while its item is deleted by another connection', () => {
    const connect = async () => {
      const client = new pg.Client({ connectionString: tdb.url });
      await client.connect();
      return client;
    };

    it('is refused when the deletion came first, and commits', async () => {
      const { run } = await setUp(0);
      const deleter = await connect();
      try {
        await deleter.query('BEGIN');
        await deleter.query('DELETE FROM plaid_items WHERE id = $1', [run.itemId]);
        // The staging waits for the deletion's transaction, then finds the item gone.
        const staging = stageSyncedTransactions(tdb.db, run, rowsOf('racing-copy', 5));
        staging.catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, 200));
        await deleter.query('COMMIT');
        await expect(staging).rejects.toThrow();
      } finally {
        await deleter.end();
      }
      expect(await stagedOf({ item_id: run.itemId })).toBe(0);
    });

    it('goes with the item when the staging came first, and commits', async () => {
      const { run } = await setUp(0);
      const stager = await connect();
      const deleter = await connect();
      try {
        await stager.query('BEGIN');
        await stager.query(
          `INSERT INTO sync_staged_transactions (run_id, item_id, plaid_account_id, plaid_transaction_id, pending)
           SELECT $1, $2, 'acc-1', 'racing-' || g, false FROM generate_series(1, 5) g`,
          [run.runId, run.itemId],
        );
        // The deletion waits for the staging's transaction, then takes the rows it committed.
        const deleting = deleter.query('DELETE FROM plaid_items WHERE id = $1', [run.itemId]);
        deleting.catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, 200));
        await stager.query('COMMIT');
        await deleting;
      } finally {
        await stager.end();
        await deleter.end();
      }
      expect(await stagedOf({ item_id: run.itemId })).toBe(0);
    });
  });

  // Last: it empties the table for every test.
  it('goes when the runs are truncated', async () => {
    const { run } = await setUp(2);
    await sql`TRUNCATE sync_runs`.execute(tdb.db);
    expect(await stagedOf({ item_id: run.itemId })).toBe(0);
  });
});
