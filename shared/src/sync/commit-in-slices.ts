import { canCopy } from '../db/bulk-copy.ts';
import type { Db } from '../db/create-database.ts';
import { DomainError } from '../errors/domain-error.ts';
import {
  lockItemSyncState,
  restartItemHistory,
  saveSyncCursor,
  saveUnfinishedCommit,
  type UnfinishedCommit,
} from '../tables/plaid-items.ts';
import { clearStagedRun, stagedRunAfter } from '../tables/sync-staged-transactions.ts';
import { type StagedInto, upsertStagedTransactions } from '../tables/transactions.ts';

/**
 * Staged rows a commit transaction moves on the embedded database. Its one connection serves every request,
 * so no transaction may hold it long: at 250 rows a slice (insert or update through the table's indexes and
 * row triggers, then the rollup recompute of the slice's few days) a slice takes tens of milliseconds, where a
 * 3,000-row history in one transaction held every request for one to three seconds.
 */
export const COMMIT_SLICE = 250;

/**
 * Rows per commit transaction on `db`, unless the caller sets it: COMMIT_SLICE on the embedded database; on
 * PostgreSQL the whole run in one transaction, since its pool serves other requests meanwhile and one
 * commit pays one rollup recompute.
 */
export function commitSliceFor(db: Db, chosen: number | undefined): number {
  return chosen ?? (canCopy(db) ? Number.POSITIVE_INFINITY : COMMIT_SLICE);
}

/** The staged rows of an unfinished commit are gone (PostgreSQL empties its unlogged staging table on a crash). */
export class StagedRowsLostError extends DomainError {
  constructor(runId: string, expected: number, found: number) {
    super(
      'SYNC_CONFLICT',
      `${expected - found} of the ${expected} rows run ${runId} left to commit are gone (a database restart); the item resyncs its history`,
    );
    this.name = 'StagedRowsLostError';
  }
}

interface SliceTarget {
  runId: string;
  owner: { userId: string; itemId: string };
  nextCursor: string | null;
  historyComplete: boolean;
  at: Date;
  /** 'empty item' when the item had no rows as the commit began (see upsertStagedTransactions). */
  into: StagedInto;
}

/**
 * Inside the commit's opening transaction: moves up to `budget` of the run's staged rows, in (date, Plaid
 * id) order so that each slice recomputes the rollups of few days. If that was all of them, the item gets the
 * run's cursor; otherwise it records the unfinished commit (what is left, towards which cursor), which
 * commitRemainingSlices (or, after a crash, the item's next run) carries on. Returns the rows changed.
 */
export async function commitFirstSlice(
  trx: Db,
  target: SliceTarget,
  budget: number,
): Promise<{ changed: number; unfinished: UnfinishedCommit | null }> {
  const { runId, owner } = target;
  const { left, sliceEnd } = await stagedRunAfter(trx, runId, null, budget);
  if (left <= budget) {
    const changed =
      left === 0 ? 0 : await upsertStagedTransactions(trx, owner, runId, { kind: 'all' }, target.into);
    await saveSyncCursor(trx, owner.itemId, target.nextCursor, target.at, target.historyComplete);
    return { changed, unfinished: null };
  }
  const changed = sliceEnd
    ? await upsertStagedTransactions(
        trx,
        owner,
        runId,
        { kind: 'slice', after: null, through: sliceEnd },
        target.into,
      )
    : 0;
  const unfinished: UnfinishedCommit = {
    runId,
    nextCursor: target.nextCursor,
    historyComplete: target.historyComplete,
    after: sliceEnd,
    remaining: left - (sliceEnd ? budget : 0),
  };
  await saveUnfinishedCommit(trx, owner.itemId, unfinished);
  return { changed, unfinished };
}

/**
 * Commits the rest of an unfinished commit, `slice` staged rows per transaction, each recording how far it
 * got; the last one sets the item's cursor. Each re-reads the item's state under its row lock: another run
 * that took the commit over makes this one stop (SYNC_CONFLICT), and fewer staged rows than recorded make
 * it throw StagedRowsLostError. Between slices the connection is free. Returns the rows changed.
 */
export async function commitRemainingSlices(
  deps: { db: Db; clock: () => Date; signal?: AbortSignal | undefined },
  owner: { userId: string; itemId: string },
  runId: string,
  slice: number,
): Promise<number> {
  let changed = 0;
  for (;;) {
    if (deps.signal?.aborted) throw new DomainError('SYNC_ABORTED', 'sync stopped before it finished');
    const step = await deps.db.transaction().execute(async (trx) => {
      const state = await lockItemSyncState(trx, owner.itemId);
      const unfinished = state?.unfinished;
      if (unfinished?.runId !== runId) {
        throw new DomainError('SYNC_CONFLICT', 'another sync of this item took over its commit');
      }
      const { left, sliceEnd } = await stagedRunAfter(trx, runId, unfinished.after, slice);
      if (left !== unfinished.remaining || sliceEnd === null) {
        throw new StagedRowsLostError(runId, unfinished.remaining, left);
      }
      const n = await upsertStagedTransactions(trx, owner, runId, {
        kind: 'slice',
        after: unfinished.after,
        through: sliceEnd,
      });
      if (left <= slice) {
        await saveSyncCursor(
          trx,
          owner.itemId,
          unfinished.nextCursor,
          deps.clock(),
          unfinished.historyComplete,
        );
        return { n, done: true };
      }
      await saveUnfinishedCommit(trx, owner.itemId, {
        ...unfinished,
        after: sliceEnd,
        remaining: left - slice,
      });
      return { n, done: false };
    });
    changed += step.n;
    if (step.done) return changed;
  }
}

/**
 * Finishes the commit a dead run left unfinished, before the item's next run fetches anything, and returns
 * the cursor to fetch from: that commit's. If its staged rows are lost, the rows committed so far cannot be
 * completed nor told apart, so the item restarts its history: its cursor is cleared and the run fetches
 * everything, deleting the rows Plaid no longer sends (see syncItem); it returns null then.
 */
export async function finishUnfinishedCommit(
  deps: { db: Db; clock: () => Date; signal?: AbortSignal | undefined },
  owner: { userId: string; itemId: string },
  unfinished: UnfinishedCommit,
  slice: number,
): Promise<{ cursor: string | null; changed: number }> {
  try {
    const changed = await commitRemainingSlices(deps, owner, unfinished.runId, slice);
    await clearStagedRun(deps.db, unfinished.runId);
    return { cursor: unfinished.nextCursor, changed };
  } catch (error) {
    if (!(error instanceof StagedRowsLostError)) throw error;
    await deps.db.transaction().execute(async (trx) => {
      const state = await lockItemSyncState(trx, owner.itemId);
      if (state?.unfinished?.runId === unfinished.runId) {
        await restartItemHistory(trx, owner.itemId, deps.clock());
      }
    });
    await clearStagedRun(deps.db, unfinished.runId);
    return { cursor: null, changed: 0 };
  }
}
