import type { Database, JobQueue } from '@finsync/shared';
import type { JobData } from '@finsync/shared/jobs';
import { pendingNotificationIds } from '@finsync/shared/sync';
import type { Kysely } from 'kysely';
import { type AlertThresholds, recordAlerts } from './record-alerts.ts';

/** Job options for one send: the dedupe id keeps a notification to one queued job at a time. */
export function sendNotificationJob(notificationId: string) {
  return {
    name: 'send-notification' as const,
    data: { notificationId },
    options: { dedupeId: `notification:${notificationId}`, attempts: 8, backoffMs: 30_000 },
  };
}

async function enqueueSends(queue: Pick<JobQueue, 'enqueue'>, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const job = sendNotificationJob(id);
    await queue.enqueue(job.name, job.data, job.options);
  }
}

/**
 * `dispatch-notifications` (run every few minutes by a scheduler): queues a send for every pending
 * notification, including the rows other parts record (the sync engine's re-authentication notices,
 * the API's account-locked notices). Sending twice is harmless: the sender sends each row once.
 */
export function createDispatchNotificationsProcessor(deps: {
  db: Kysely<Database>;
  queue: Pick<JobQueue, 'enqueue'>;
}) {
  return async () => {
    const ids = await pendingNotificationIds(deps.db);
    await enqueueSends(deps.queue, ids);
    return { queued: ids.length };
  };
}

/** `check-alerts` `{ userId, since? }`, e.g. after each sync of the user's items: records and queues opted-in alerts. */
export function createCheckAlertsProcessor(deps: {
  db: Kysely<Database>;
  queue: Pick<JobQueue, 'enqueue'>;
  now: () => Date;
  thresholds?: AlertThresholds;
}) {
  return async ({ userId, since }: JobData<'check-alerts'>) => {
    const now = deps.now();
    const ids = await recordAlerts(deps.db, userId, {
      now,
      since: since ? new Date(since) : new Date(now.getTime() - 24 * 3_600_000),
      ...(deps.thresholds ? { thresholds: deps.thresholds } : {}),
    });
    await enqueueSends(deps.queue, ids);
    return { queued: ids.length };
  };
}
