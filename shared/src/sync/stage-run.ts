import type { Db } from '../db/create-database.ts';
import {
  clearStagedRun,
  refreshStagedStatistics,
  type StagedRun,
  stageSyncedTransactions,
} from '../tables/sync-staged-transactions.ts';
import type { FoldedPage, SyncPlan } from './apply-sync-page.ts';
import {
  type PrecategorizeHook,
  type Precategorizer,
  precategorizeRows,
  type StagedTransaction,
} from './precategorize.ts';
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

/** Writes categorized rows to the staged table (stageSyncedTransactions; a test may watch or hold it). */
export type StageWriter = (db: Db, run: StagedRun, rows: readonly StagedTransaction[]) => Promise<void>;

/**
 * Stages a run's rows page by page while the next page is fetched (categorized first when there is a hook),
 * so fetching, categorizing and staging overlap instead of running in series. Two queues: pages are
 * categorized one after another on this thread, and their rows written one statement at a time, so a page is
 * categorized while the pages before it are written; rows categorized while a write was under way go
 * together in the next statement (one COPY for several pages when the database is the slower side). The
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
  write?: StageWriter;
}): RunStaging {
  const { db, run } = deps;
  const write = deps.write ?? stageSyncedTransactions;
  let categorizer: Promise<Precategorizer | null> | null = null;
  const categorize = async (rows: readonly SyncedTransaction[]) => {
    categorizer ??= deps.precategorize
      ? deps.precategorize({ db, userId: deps.userId })
      : Promise.resolve(null);
    return precategorizeRows(await categorizer, deps.accountIds, rows);
  };
  // Every promise below is awaited by finish (or settle); until then a failure must not be unhandled.
  let categorizing: Promise<void> = Promise.resolve();
  let writing: Promise<void> = Promise.resolve();
  let ready: StagedTransaction[] = [];
  let writerIdle = true;
  /** Queues categorized rows; starts a writer unless one is under way (it takes them when it is done). */
  const enqueue = (staged: readonly StagedTransaction[]) => {
    for (const s of staged) ready.push(s);
    if (!writerIdle) return;
    writerIdle = false;
    const before = writing;
    writing = (async () => {
      try {
        // A write that failed fails every later one: the run is failing.
        await before;
        while (ready.length > 0) {
          const batch = ready;
          ready = [];
          await write(db, run, batch);
        }
      } finally {
        writerIdle = true;
      }
    })();
    writing.catch(() => {});
  };
  let perPage = true;
  // Categorizing first: a page's rows are queued for writing only once it is categorized.
  const settle = async () => {
    await categorizing.catch(() => {});
    await writing.catch(() => {});
  };
  return {
    page({ upserted: rows, revisits }) {
      if (revisits) perPage = false;
      if (!perPage || rows.length === 0) return;
      categorizing = categorizing.then(async () => enqueue(await categorize(rows)));
      categorizing.catch(() => {});
    },
    async finish(plan) {
      await categorizing;
      await writing;
      if (!perPage) {
        await clearStagedRun(db, run.runId);
        await write(db, run, await categorize([...plan.upserts.values()]));
      }
      await refreshStagedStatistics(db, plan.upserts.size);
    },
    async discard() {
      await settle();
      await clearStagedRun(db, run.runId);
      categorizing = Promise.resolve();
      writing = Promise.resolve();
      ready = [];
      perPage = true;
    },
    settle,
    async record(trx) {
      const c = await categorizer;
      await c?.record(trx);
    },
  };
}
