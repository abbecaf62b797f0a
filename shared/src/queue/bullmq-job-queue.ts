import { type Job, Queue, QueueEvents, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  type JobProcessor,
  type JobProgressEvent,
  type JobQueue,
} from './job-queue.ts';

export interface BullJobQueueOptions {
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
export function createBullJobQueue(options: BullJobQueueOptions): JobQueue {
  const name = options.queueName ?? 'finsync';
  const connections: Redis[] = [];
  const connection = () => {
    const c = options.redis.duplicate();
    connections.push(c);
    return c;
  };
  const queue = new Queue(name, { connection: connection(), prefix: options.prefix });
  const lockReader = connection();
  const processors = new Map<string, JobProcessor>();
  const listeners = new Set<(e: JobProgressEvent) => void>();
  const abort = new AbortController();
  let worker: Worker | undefined;
  let events: QueueEvents | undefined;

  async function process(job: Job) {
    const processor = processors.get(job.name);
    if (!processor) throw new Error(`no processor registered for job "${job.name}"`);
    return processor(job.data, {
      jobId: job.id ?? '',
      name: job.name,
      attempt: job.attemptsMade + 1,
      signal: abort.signal,
      reportProgress: (progress) => job.updateProgress(progress),
    });
  }

  return {
    register(jobName, processor) {
      processors.set(jobName, processor);
    },
    async enqueue(jobName, data, opts = {}) {
      const job = await queue.add(jobName, data, {
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
      await queue.upsertJobScheduler(
        schedulerId,
        'everyMs' in schedule ? { every: schedule.everyMs } : { pattern: schedule.pattern },
        {
          name: job.name,
          data: job.data,
          opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 }, attempts: 3 },
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
      if (!events) {
        events = new QueueEvents(name, { connection: connection(), prefix: options.prefix });
        events.on('progress', async ({ jobId, data }) => {
          const job = await queue.getJob(jobId);
          const progress =
            typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : { data };
          for (const l of listeners) l({ jobId, name: job?.name ?? '', progress });
        });
      }
      return () => listeners.delete(listener);
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
