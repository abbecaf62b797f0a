import type { Db } from '@finsync/shared';
import type { JobQueue } from '@finsync/shared/queue';
import {
  CATCH_UP_JOB,
  CATCH_UP_PATTERN,
  CATCH_UP_SCHEDULER_ID,
  listActiveItemIds,
  scheduleItemSync,
} from '@finsync/shared/sync';

/**
 * Idempotently (re)creates the periodic sync of every active item and the nightly catch-up. Schedulers are
 * upserted by id, so any number of workers may run this at start-up.
 */
export async function ensureSyncSchedules(queue: JobQueue, db: Db, intervalHours: number): Promise<number> {
  const ids = await listActiveItemIds(db);
  for (const itemId of ids) await scheduleItemSync(queue, itemId, intervalHours);
  await queue.upsertSchedule(
    CATCH_UP_SCHEDULER_ID,
    { pattern: CATCH_UP_PATTERN },
    { name: CATCH_UP_JOB, data: {} },
  );
  return ids.length;
}
