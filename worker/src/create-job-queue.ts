import type { CommonConfig, Db } from '@finsync/shared';
import {
  createBullJobQueue,
  createInProcessJobQueue,
  createRedis,
  type JobQueue,
} from '@finsync/shared/queue';
import type { CategorizeHook } from '@finsync/shared/sync';
import { ensureSyncSchedules } from './ensure-sync-schedules.ts';
import { DISPATCH_NOTIFICATIONS_JOB } from './notifications/dispatch-notifications.ts';
import { registerWorkerJobs } from './register-worker-jobs.ts';

export interface AppJobQueue {
  queue: JobQueue;
  /** True when jobs run inside this process (no REDIS_URL: the demo). */
  inProcess: boolean;
  close(): Promise<void>;
}

/**
 * The queue an API process uses. With REDIS_URL: a producer-only BullMQ queue (worker processes run the
 * jobs). Without it (demo only): an in-process queue that runs the same sync handlers here, with schedules.
 */
export async function createAppJobQueue(
  config: Readonly<CommonConfig>,
  db: Db,
  options: {
    /** Replaces the categorization engine's hook (tests). */
    categorize?: CategorizeHook;
    register?: (queue: JobQueue) => void;
    onError?: (error: unknown, job: { name: string; id: string }) => void;
  } = {},
): Promise<AppJobQueue> {
  if (config.REDIS_URL) {
    const redis = createRedis(config.REDIS_URL);
    const queue = createBullJobQueue({ redis, prefix: config.REDIS_PREFIX });
    return {
      queue,
      inProcess: false,
      async close() {
        await queue.close();
        await redis.quit().catch(() => redis.disconnect());
      },
    };
  }
  const queue = createInProcessJobQueue({ onError: options.onError });
  registerWorkerJobs(queue, { db, config, categorize: options.categorize });
  options.register?.(queue);
  await ensureSyncSchedules(queue, db, config.SYNC_INTERVAL_HOURS);
  // Weekly/monthly report schedules need BullMQ's timezone-aware schedulers; in-process, reports are made on
  // demand, and pending notifications are still swept and sent.
  await queue.upsertSchedule(
    'notifications:dispatch',
    { everyMs: 5 * 60_000 },
    { name: DISPATCH_NOTIFICATIONS_JOB, data: {} },
  );
  await queue.start();
  return { queue, inProcess: true, close: () => queue.close() };
}
