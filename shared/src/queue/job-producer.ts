import type { CommonConfig } from '../config/schemas.ts';
import { createBullJobQueue } from './bullmq-job-queue.ts';
import type { JobQueue } from './job-queue.ts';
import { createRedis } from './redis-connection.ts';

export interface JobProducer {
  queue: JobQueue;
  close(): Promise<void>;
}

/**
 * A producer-only queue on REDIS_URL: the API queues jobs here and worker processes run them. Without
 * REDIS_URL there is no one to run them, so it refuses (`./finsync demo` runs the jobs in its own process).
 */
export function createJobProducer(config: Pick<CommonConfig, 'REDIS_URL' | 'REDIS_PREFIX'>): JobProducer {
  if (!config.REDIS_URL)
    throw new Error(
      'REDIS_URL: required, jobs are queued to Redis for the worker (`./finsync demo` runs without it, jobs in-process)',
    );
  const redis = createRedis(config.REDIS_URL);
  const queue = createBullJobQueue({ redis, prefix: config.REDIS_PREFIX });
  return {
    queue,
    async close() {
      await queue.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
