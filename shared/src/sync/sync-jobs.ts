import { z } from 'zod';
import type { JobQueue } from '../queue/job-queue.ts';

export const SYNC_ITEM_JOB = 'sync-item';
export const SCHEDULED_SYNC_JOB = 'schedule-sync';
export const CATCH_UP_JOB = 'sync-catch-up';
export const CATCH_UP_SCHEDULER_ID = 'nightly-sync-catch-up';
/** 03:15 UTC every night: a catch-up sync of every active item, in case webhooks were missed. */
export const CATCH_UP_PATTERN = '15 3 * * *';

export const syncItemJobData = z.object({
  itemId: z.uuid(),
  trigger: z.enum(['initial', 'webhook', 'schedule', 'manual', 'catch_up']),
});
export type SyncItemJobData = z.infer<typeof syncItemJobData>;

/** BullMQ custom ids may not contain ':'. */
export const syncDedupeId = (itemId: string) => `sync-${itemId}`;
export const itemSchedulerId = (itemId: string) => `sync-schedule-${itemId}`;

/** Queues a sync of the item; while one is waiting another is not added, and never two run at once. */
export function enqueueItemSync(queue: JobQueue, data: SyncItemJobData, options: { delayMs?: number } = {}) {
  return queue.enqueue(SYNC_ITEM_JOB, syncItemJobData.parse(data), {
    dedupeId: syncDedupeId(data.itemId),
    ...options,
  });
}

/** Without webhooks nothing says when Plaid has the rest of a new item's history: look again this soon. */
export const HISTORY_RECHECK_MS = 60_000;

export function scheduleItemSync(queue: JobQueue, itemId: string, intervalHours: number) {
  return queue.upsertSchedule(
    itemSchedulerId(itemId),
    { everyMs: intervalHours * 3_600_000 },
    { name: SCHEDULED_SYNC_JOB, data: { itemId, trigger: 'schedule' } },
  );
}

export function unscheduleItemSync(queue: JobQueue, itemId: string) {
  return queue.removeSchedule(itemSchedulerId(itemId));
}
