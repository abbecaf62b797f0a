import { createServer, type Server } from 'node:http';
import { createDatabase, databaseTarget, type WorkerConfig } from '@finsync/shared';
import { tokenCipherFromConfig } from '@finsync/shared/crypto';
import { createPlaidClient } from '@finsync/shared/plaid';
import { createBullJobQueue, createRedis, type JobQueue } from '@finsync/shared/queue';
import type { CategorizeHook } from '@finsync/shared/sync';
import { ensureSyncSchedules } from './ensure-sync-schedules.ts';
import { registerSyncProcessors } from './register-sync-processors.ts';

export interface RunningWorker {
  queue: JobQueue;
  /** Stops taking jobs, lets the current one reach a safe point, then closes Redis and the pool. */
  close(): Promise<void>;
}

export interface WorkerHooks {
  /** Other engineers' processors ('generate-report', 'send-notification') register here. */
  register?: (queue: JobQueue, deps: { db: ReturnType<typeof createDatabase> }) => void;
  log?: (event: string, details?: Record<string, unknown>) => void;
  /** The categorization engine's hook, run inside each sync's commit. */
  categorize?: CategorizeHook;
}

export async function startWorker(
  config: Readonly<WorkerConfig>,
  hooks: WorkerHooks = {},
): Promise<RunningWorker> {
  if (!config.REDIS_URL)
    throw new Error('the worker needs REDIS_URL (without it the API runs jobs in-process)');
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
  registerSyncProcessors(queue, {
    db,
    plaid: createPlaidClient(config),
    cipher: tokenCipherFromConfig(config),
    categorize: hooks.categorize,
  });
  hooks.register?.(queue, { db });
  await ensureSyncSchedules(queue, db, config.SYNC_INTERVAL_HOURS);
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
