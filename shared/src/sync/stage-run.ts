import type { Db } from '../db/create-database.ts';
import {
  clearStagedRun,
  refreshStagedStatistics,
  type StagedRun,
  stageSyncedTransactions,
} from '../tables/sync-staged-transactions.ts';
import type { FoldedPage, SyncPlan } from './apply-sync-page.ts';
import { type PrecategorizeHook, type Precategorizer, precategorizeRows } from './precategorize.ts';
import type { SyncedTransaction } from './synced-records.ts';

export interface RunStaging {
  /**
   * Categorizes and stages a fetched page's rows (as the run's fold converted them) behind the pages before
   * it, while the next is fetched.
   */
  page(page: FoldedPage): void;
  /** Waits for what is being staged (its failure is the run's), re-stages the whole plan if pages overlapped. */
  finish(plan: SyncPlan): Promise<void>;
  /** Plaid restarted the run's pagination: forgets what was staged. */
  discard(): Promise<void>;
  /** Waits for what is being staged, whatever its outcome (a failed run, before it clears its rows). */
  settle(): Promise<void>;
  /** Records the categorization pass in the commit. */
  record(trx: Db): Promise<void>;
}

/**
 * Stages a run's rows page by page while the next page is fetched (categorized first when there is a hook),
 * one page after another, so fetching, categorizing and staging overlap instead of running in series. The
 * staged rows must be exactly the plan's final rows: once a page changes or removes a row staged earlier
 * (rare: a history's pages only add; the fold tells, see FoldedPage.revisits), per-page staging stops and
 * `finish` stages the whole plan again. The fold restarts with the run's pagination, as `discard` does.
 * Staged rows count for nothing until the commit, so staging early changes nothing about crash safety.
 */
export function startRunStaging(deps: {
  db: Db;
  precategorize: PrecategorizeHook | undefined;
  userId: string;
  accountIds: ReadonlyMap<string, string>;
  run: StagedRun;
}): RunStaging {
  const { db, run } = deps;
  let categorizer: Promise<Precategorizer | null> | null = null;
  const stage = async (rows: readonly SyncedTransaction[]) => {
    categorizer ??= deps.precategorize
      ? deps.precategorize({ db, userId: deps.userId })
      : Promise.resolve(null);
    const staged = await precategorizeRows(await categorizer, deps.accountIds, rows);
    await stageSyncedTransactions(db, run, staged);
  };
  let queue: Promise<void> = Promise.resolve();
  let perPage = true;
  const settle = () => queue.catch(() => {});
  return {
    page({ upserted: rows, revisits }) {
      if (revisits) perPage = false;
      if (!perPage || rows.length === 0) return;
      queue = queue.then(() => stage(rows));
      // Awaited by finish (or settle); until then a failure must not be an unhandled rejection.
      queue.catch(() => {});
    },
    async finish(plan) {
      await queue;
      if (!perPage) {
        await clearStagedRun(db, run.runId);
        await stage([...plan.upserts.values()]);
      }
      await refreshStagedStatistics(db, plan.upserts.size);
    },
    async discard() {
      await settle();
      await clearStagedRun(db, run.runId);
      queue = Promise.resolve();
      perPage = true;
    },
    settle,
    async record(trx) {
      const c = await categorizer;
      await c?.record(trx);
    },
  };
}
