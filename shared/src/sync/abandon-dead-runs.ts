import type { Db } from '../db/create-database.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { abandonSyncRun, runningSyncRuns } from '../tables/sync-runs.ts';

/** How often the API looks for runs whose worker died (their job's lock expired). */
export const ABANDONED_RUN_CHECK_MS = 2_000;

/**
 * Marks 'abandoned' every run still 'running' whose job no live process holds: its worker died (the job's
 * lock expired) or the process that ran it in-process restarted. Such a run would otherwise look running
 * until the item's next sync starts. Returns the ids it marked.
 */
export async function abandonDeadRuns(deps: {
  db: Db;
  queue: Pick<JobQueue, 'isJobActive'>;
  clock: () => Date;
}): Promise<string[]> {
  const marked: string[] = [];
  for (const run of await runningSyncRuns(deps.db)) {
    if (await deps.queue.isJobActive(run.job_id)) continue;
    if (await abandonSyncRun(deps.db, run.id, deps.clock())) marked.push(run.id);
  }
  return marked;
}
