import { describe, expect, it } from 'vitest';
import type { Db } from '../db/create-database.ts';
import { emptySyncPlan, type FoldedPage, startSyncPlanFold } from './apply-sync-page.ts';
import type { Precategorizer, StagedTransaction } from './precategorize.ts';
import { type StageWriter, startRunStaging } from './stage-run.ts';
import { page, plaidTxn } from './sync-fixtures.test-support.ts';

/*
 * Run staging keeps this thread and the database busy at once: a page is categorized while the pages before
 * it are written, and the rows categorized meanwhile go together in the next write.
 */

/** A promise resolved from outside. */
function held() {
  let release!: () => void;
  const promise = new Promise<void>((r) => {
    release = r;
  });
  return { promise, release };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('run staging', () => {
  it('categorizes the next pages while a write is under way, and writes what they gave in one statement', async () => {
    const events: string[] = [];
    const writes: string[][] = [];
    const first = held();
    const write: StageWriter = async (_db, _run, rows) => {
      const ids = rows.map((r) => r.txn.plaidTransactionId);
      events.push(`write ${ids.join(',')}`);
      writes.push(ids);
      if (writes.length === 1) await first.promise;
    };
    const categorizer: Precategorizer = {
      categorize: async (rows) => {
        events.push(`categorize ${rows.map((r) => r.rawName).join(',')}`);
        return rows.map(() => null);
      },
      record: async () => {},
    };
    const staging = startRunStaging({
      // Nothing here reads the database: the writer is the test's, and too few rows are staged for ANALYZE.
      db: {} as Db,
      precategorize: async () => categorizer,
      userId: 'u1',
      accountIds: new Map([['acc-1', 'a1']]),
      run: { runId: 'r1', itemId: 'i1' },
      write,
    });
    const fold = startSyncPlanFold(emptySyncPlan(null));
    const folded: FoldedPage[] = [];
    for (const ids of [['a', 'b'], ['c'], ['d']]) {
      const { folded: f } = fold.add(page('x', true, { added: ids.map((id) => plaidTxn(id, { name: id })) }));
      folded.push(f);
    }
    staging.page(folded[0] as FoldedPage);
    await tick();
    // The first page is being written (held); the next two are categorized meanwhile.
    staging.page(folded[1] as FoldedPage);
    staging.page(folded[2] as FoldedPage);
    await tick();
    expect(events).toEqual(['categorize a,b', 'write a,b', 'categorize c', 'categorize d']);
    first.release();
    await staging.finish(fold.plan());
    expect(writes).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('a failed write fails the run at finish, and no later rows are written', async () => {
    const writes: string[][] = [];
    const staging = startRunStaging({
      db: {} as Db,
      precategorize: undefined,
      userId: 'u1',
      accountIds: new Map(),
      run: { runId: 'r1', itemId: 'i1' },
      write: async (_db, _run, rows: readonly StagedTransaction[]) => {
        writes.push(rows.map((r) => r.txn.plaidTransactionId));
        throw new Error('copy failed');
      },
    });
    const fold = startSyncPlanFold(emptySyncPlan(null));
    staging.page(fold.add(page('x', true, { added: [plaidTxn('a')] })).folded);
    await tick();
    staging.page(fold.add(page('y', false, { added: [plaidTxn('b')] })).folded);
    await expect(staging.finish(fold.plan())).rejects.toThrow('copy failed');
    await staging.settle();
    expect(writes).toEqual([['a']]);
  });
});
