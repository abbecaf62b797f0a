// The demo's jobs. Without REDIS_URL (embedded defaults): every finsync job runs in the backend's own
// process, with the worker's handlers and the same schedules a worker keeps (syncs, the nightly catch-up,
// weekly and monthly reports in each user's time zone, the notification sweep). With REDIS_URL the backend
// only queues to BullMQ, and the launcher starts the real worker process (serve-demo-worker.ts).
// This wiring is the demo's own: the API never runs jobs, the worker never serves HTTP.
import type { ApiConfig, OwnerDb } from '../../shared/src/index.ts';
import {
  createInProcessJobQueue,
  createJobProducer,
  type InProcessJobQueue,
  type JobQueue,
} from '../../shared/src/queue/index.ts';
import type { CategorizeHook } from '../../shared/src/sync/index.ts';
import { ensureJobSchedules, registerWorkerJobs } from '../../worker/src/index.ts';

export type DemoJobs =
  | { inProcess: false; queue: JobQueue; close(): Promise<void> }
  | { inProcess: true; queue: InProcessJobQueue; close(): Promise<void> };

export async function startDemoJobs(
  config: Readonly<ApiConfig>,
  db: OwnerDb,
  options: {
    /** Replaces the categorization engine's hook (tests). */
    categorize?: CategorizeHook;
    onError?: (error: unknown, job: { name: string; id: string }) => void;
  } = {},
): Promise<DemoJobs> {
  if (config.REDIS_URL) return { inProcess: false, ...createJobProducer(config) };
  const queue = createInProcessJobQueue({ onError: options.onError });
  registerWorkerJobs(queue, { db, config, categorize: options.categorize });
  await ensureJobSchedules(queue, db, config);
  await queue.start();
  return { inProcess: true, queue, close: () => queue.close() };
}
