import { type Job, Queue, QueueEvents, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type JobMap, jobMap } from '../jobs/job-map.ts';
import type { JobHandler, JobProgressEvent, JobQueue, JobSchemas, JobSettledEvent } from './job-queue.ts';
import {
  checkedPayload,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  jobSchema,
  SCHEDULED_ATTEMPTS,
} from './job-queue.ts';

export interface BullJobQueueOptions<M extends JobSchemas = JobMap> {
  /** The jobs this queue carries (default: finsync's job map). */
  jobs?: M;
  /** A connection created with createRedis (maxRetriesPerRequest: null). The queue duplicates it as needed. */
  redis: Redis;
  prefix: string;
  queueName?: string;
  concurrency?: number;
  /** A crashed worker's job is moved back to waiting after this long (stalled-job recovery). */
  lockDurationMs?: number;
  onError?: (error: unknown, job: { name: string; id: string }) => void;
}

/**
 * BullMQ on Redis. One queue carries every job name; processors are dispatched by name, so any number of
 * worker processes on any number of machines share the work. Dedupe uses BullMQ deduplication with
 * keepLastIfActive: at most one waiting and one active job per id, never two running at once.
 */
export function createBullJobQueue<M extends JobSchemas = JobMap>(
  options: BullJobQueueOptions<M>,
): JobQueue<M> {
  const jobs: JobSchemas = options.jobs ?? jobMap;
  const name = options.queueName ?? 'finsync';
  const connections: Redis[] = [];
  const connection = () => {
    const c = options.redis.duplicate();
    connections.push(c);
    return c;
  };
  const queue = new Queue(name, { connection: connection(), prefix: options.prefix });
  const lockReader = connection();
  const handlers = new Map<string, JobHandler<unknown>>();
  const listeners = new Set<(e: JobProgressEvent) => void>();
  const settledListeners = new Set<(e: JobSettledEvent) => void>();
  const abort = new AbortController();
  let worker: Worker | undefined;
  let events: QueueEvents | undefined;

  async function process(job: Job) {
    const handler = handlers.get(job.name);
    if (!handler) throw new Error(`no handler registered for job "${job.name}"`);
    return handler(jobSchema(jobs, job.name).parse(job.data), {
      jobId: job.id ?? '',
      name: job.name,
      attempt: job.attemptsMade + 1,
      signal: abort.signal,
      reportProgress: (progress) => job.updateProgress(progress),
    });
  }

  /** One QueueEvents connection per process, opened by the first listener: progress and job ends. */
  function queueEvents() {
    if (events) return;
    events = new QueueEvents(name, { connection: connection(), prefix: options.prefix });
    const named = async (jobId: string, deliver: (job: Job | undefined) => void) => {
      try {
        deliver(await queue.getJob(jobId));
      } catch (error) {
        options.onError?.(error, { name: '', id: jobId });
      }
    };
    events.on('progress', ({ jobId, data }) =>
      named(jobId, (job) => {
        const progress =
          typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : { data };
        for (const l of listeners) l({ jobId, name: job?.name ?? '', progress });
      }),
    );
    const settled = (jobId: string, outcome: JobSettledEvent['outcome']) => {
      if (settledListeners.size === 0) return;
      void named(jobId, (job) => {
        for (const l of settledListeners) l({ jobId, name: job?.name ?? '', data: job?.data, outcome });
      });
    };
    events.on('completed', ({ jobId }) => settled(jobId, 'completed'));
    events.on('failed', ({ jobId }) => settled(jobId, 'failed'));
  }

  return {
    register(jobName, handler) {
      jobSchema(jobs, jobName);
      handlers.set(jobName, handler as JobHandler<unknown>);
    },
    async enqueue(jobName, data, opts = {}) {
      const job = await queue.add(jobName, checkedPayload(jobs, jobName, data), {
        attempts: opts.attempts ?? DEFAULT_ATTEMPTS,
        backoff: { type: 'exponential', delay: opts.backoffMs ?? DEFAULT_BACKOFF_MS },
        ...(opts.delayMs ? { delay: opts.delayMs } : {}),
        ...(opts.dedupeId ? { deduplication: { id: opts.dedupeId, keepLastIfActive: true } } : {}),
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 },
      });
      return { jobId: job.id ?? '' };
    },
    async upsertSchedule(schedulerId, schedule, job) {
      const { backoffMs, attempts } = job.options ?? {};
      await queue.upsertJobScheduler(
        schedulerId,
        'everyMs' in schedule ? { every: schedule.everyMs } : { pattern: schedule.pattern, tz: schedule.tz },
        {
          name: job.name,
          data: checkedPayload(jobs, job.name, job.data),
          opts: {
            removeOnComplete: { count: 100 },
            removeOnFail: { count: 100 },
            attempts: attempts ?? SCHEDULED_ATTEMPTS,
            ...(backoffMs ? { backoff: { type: 'exponential', delay: backoffMs } } : {}),
          },
        },
      );
    },
    async removeSchedule(schedulerId) {
      await queue.removeJobScheduler(schedulerId);
    },
    async isJobActive(jobId) {
      // The key BullMQ's stalled-job check reads: a worker renews it every lockDuration / 2.
      return (await lockReader.exists(`${options.prefix}:${name}:${jobId}:lock`)) === 1;
    },
    onProgress(listener) {
      listeners.add(listener);
      queueEvents();
      return () => listeners.delete(listener);
    },
    onSettled(listener) {
      settledListeners.add(listener);
      queueEvents();
      return () => settledListeners.delete(listener);
    },
    async start() {
      if (worker) return;
      const lock = options.lockDurationMs ?? 30_000;
      worker = new Worker(name, process, {
        connection: connection(),
        prefix: options.prefix,
        concurrency: options.concurrency ?? 4,
        lockDuration: lock,
        stalledInterval: Math.max(1000, Math.floor(lock / 2)),
        maxStalledCount: 3,
      });
      worker.on('failed', (job, error) =>
        options.onError?.(error, { name: job?.name ?? '', id: job?.id ?? '' }),
      );
      worker.on('error', (error) => options.onError?.(error, { name: '', id: '' }));
    },
    async close() {
      abort.abort();
      await worker?.close();
      await events?.close();
      await queue.close();
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
