import { createServer, type Server } from 'node:http';
import { createDatabase, databaseTarget, type WorkerConfig } from '@finsync/shared';
import { createRedisPlaidRateLimiter } from '@finsync/shared/plaid';
import { createBullJobQueue, createRedis, type JobQueue } from '@finsync/shared/queue';
import type { CategorizeHook } from '@finsync/shared/sync';
import { ensureJobSchedules } from './ensure-job-schedules.ts';
import { registerWorkerJobs } from './register-worker-jobs.ts';

export interface RunningWorker {
  queue: JobQueue;
  /** Stops taking jobs, lets the current one reach a safe point, then closes Redis and the pool. */
  close(): Promise<void>;
}

export interface WorkerHooks {
  /** Extra processors (tests, tools) registered after finsync's own jobs. */
  register?: (queue: JobQueue, deps: { db: ReturnType<typeof createDatabase> }) => void;
  log?: (event: string, details?: Record<string, unknown>) => void;
  /** Replaces the categorization engine's hook run inside each sync's commit (tests). */
  categorize?: CategorizeHook;
}

export async function startWorker(
  config: Readonly<WorkerConfig>,
  hooks: WorkerHooks = {},
): Promise<RunningWorker> {
  if (!config.REDIS_URL)
    throw new Error(
      'the worker needs REDIS_URL (without it, `./finsync demo` runs the jobs in its own process)',
    );
  const log = hooks.log ?? (() => undefined);
  const db = createDatabase(databaseTarget(config));
  const redis = createRedis(config.REDIS_URL);
  const queue = createBullJobQueue({
    redis,
    prefix: config.REDIS_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockDurationMs: config.WORKER_LOCK_MS,
    onError: (error, job) =>
      log('job_failed', {
        job: job.name,
        id: job.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  });
  // Plaid's limits hold for the fleet: every worker process counts its calls in the same Redis keys.
  const plaidRateLimiter = createRedisPlaidRateLimiter(redis, { ...config, prefix: config.REDIS_PREFIX });
  registerWorkerJobs(queue, { db, config, categorize: hooks.categorize, plaidRateLimiter });
  hooks.register?.(queue, { db });
  await ensureJobSchedules(queue, db, config);
  await queue.start();
  let health: Server | undefined;
  if (config.HEALTH_PORT !== undefined) {
    health = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    }).listen(config.HEALTH_PORT);
  }
  log('worker_started', { concurrency: config.WORKER_CONCURRENCY });
  return {
    queue,
    async close() {
      health?.close();
      await queue.close();
      await redis.quit().catch(() => redis.disconnect());
      await db.destroy();
    },
  };
}
