import { changedAny } from '../db/changed-any.ts';
import type { Db } from '../db/create-database.ts';
import type { Row, SyncTrigger } from '../db/database.ts';

export interface SyncRunOutcome {
  status: 'succeeded' | 'failed';
  pages: number;
  added: number;
  modified: number;
  removed: number;
  restarts: number;
  error: { code: string; message: string } | null;
}

const ABANDONED = JSON.stringify({ code: 'ABANDONED', message: 'the process running this sync stopped' });

export async function startSyncRun(
  db: Db,
  run: { userId: string; itemId: string; trigger: SyncTrigger; jobId?: string | undefined },
  at: Date,
): Promise<string> {
  // Only one sync per item runs at a time, so an older 'running' row belongs to a process that died.
  await db
    .updateTable('sync_runs')
    .set({ status: 'abandoned', error: ABANDONED, finished_at: at })
    .where('item_id', '=', run.itemId)
    .where('status', '=', 'running')
    .execute();
  const row = await db
    .insertInto('sync_runs')
    .values({
      user_id: run.userId,
      item_id: run.itemId,
      trigger: run.trigger,
      started_at: at,
      job_id: run.jobId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Runs still marked running that name their job (runs started outside a queue cannot be checked). */
export function runningSyncRuns(db: Db): Promise<{ id: string; job_id: string }[]> {
  return db
    .selectFrom('sync_runs')
    .select(['id', 'job_id'])
    .where('status', '=', 'running')
    .where('job_id', 'is not', null)
    .execute() as Promise<{ id: string; job_id: string }[]>;
}

/** Marks a run abandoned unless it finished meanwhile; true when it did. */
export async function abandonSyncRun(db: Db, runId: string, at: Date): Promise<boolean> {
  return changedAny(
    db
      .updateTable('sync_runs')
      .set({ status: 'abandoned', error: ABANDONED, finished_at: at })
      .where('id', '=', runId)
      .where('status', '=', 'running'),
  );
}

export async function finishSyncRun(
  db: Db,
  runId: string,
  outcome: SyncRunOutcome,
  startedAt: Date,
  at: Date,
) {
  await db
    .updateTable('sync_runs')
    .set({
      status: outcome.status,
      pages: outcome.pages,
      added: outcome.added,
      modified: outcome.modified,
      removed: outcome.removed,
      restarts: outcome.restarts,
      error: outcome.error ? JSON.stringify(outcome.error) : null,
      finished_at: at,
      duration_ms: Math.max(0, at.getTime() - startedAt.getTime()),
    })
    .where('id', '=', runId)
    .execute();
}

/** The item's latest runs, newest first. */
export function latestSyncRuns(
  db: Db,
  userId: string,
  itemId: string,
  limit: number,
): Promise<Row<'sync_runs'>[]> {
  return db
    .selectFrom('sync_runs')
    .selectAll()
    .where('user_id', '=', userId)
    .where('item_id', '=', itemId)
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
}
