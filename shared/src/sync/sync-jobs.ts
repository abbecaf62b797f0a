import { type SyncItemJobData, syncItemJobData } from '../jobs/job-map.ts';
import { itemSyncSchedule, upsertJobSchedule } from '../jobs/job-schedules.ts';
import type { JobQueue } from '../queue/job-queue.ts';

/** BullMQ custom ids may not contain ':'. */
export const syncDedupeId = (itemId: string) => `sync-${itemId}`;
export const itemSchedulerId = (itemId: string) => itemSyncSchedule(itemId, 1).id;

/** Queues a sync of the item; while one is waiting another is not added, and never two run at once. */
export function enqueueItemSync(
  queue: Pick<JobQueue, 'enqueue'>,
  data: SyncItemJobData,
  options: { delayMs?: number } = {},
) {
  return queue.enqueue('sync-item', syncItemJobData.parse(data), {
    dedupeId: syncDedupeId(data.itemId),
    ...options,
  });
}

/** Without webhooks nothing says when Plaid has the rest of a new item's history: look again this soon. */
export const HISTORY_RECHECK_MS = 60_000;

export function scheduleItemSync(
  queue: Pick<JobQueue, 'upsertSchedule'>,
  itemId: string,
  intervalHours: number,
) {
  return upsertJobSchedule(queue, itemSyncSchedule(itemId, intervalHours));
}

export function unscheduleItemSync(queue: Pick<JobQueue, 'removeSchedule'>, itemId: string) {
  return queue.removeSchedule(itemSchedulerId(itemId));
}
