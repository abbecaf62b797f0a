import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  type JobOptions,
  type JobProcessor,
  type JobProgressEvent,
  type JobQueue,
  type Schedule,
} from './job-queue.ts';

interface PendingJob {
  id: string;
  name: string;
  data: unknown;
  options: JobOptions;
  attempt: number;
}

export interface InProcessJobQueue extends JobQueue {
  /** Resolves when nothing is waiting, running or due for a retry (tests and the demo's first sync). */
  idle(): Promise<void>;
}

/**
 * The demo's queue (no Redis): same dedupe, retry and backoff semantics as the BullMQ one, in memory.
 * Jobs do not survive a restart; schedules are re-created at start-up by their owners.
 */
export function createInProcessJobQueue(
  options: {
    concurrency?: number;
    onError?: (error: unknown, job: { name: string; id: string }) => void;
  } = {},
): InProcessJobQueue {
  const concurrency = options.concurrency ?? 2;
  const processors = new Map<string, JobProcessor>();
  const waiting: PendingJob[] = [];
  const waitingByDedupe = new Map<string, PendingJob>();
  const activeDedupe = new Set<string>();
  const activeIds = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const schedules = new Map<string, NodeJS.Timeout>();
  const listeners = new Set<(e: JobProgressEvent) => void>();
  const idleWaiters = new Set<() => void>();
  const abort = new AbortController();
  // Jobs run in the context the queue was made in, not the enqueuer's: a job queued from inside a database
  // transaction is not part of it (and on one connection must not look like a query nested in it).
  const detached = AsyncLocalStorage.snapshot();
  let running = 0;
  let started = false;
  let closed = false;

  const busy = () => running > 0 || waiting.length > 0 || timers.size > 0;
  const checkIdle = () => {
    if (busy()) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters.clear();
  };

  function push(job: PendingJob) {
    const key = job.options.dedupeId;
    if (key) {
      const existing = waitingByDedupe.get(key);
      if (existing) {
        existing.data = job.data; // keep only the latest data, like keepLastIfActive
        return existing.id;
      }
      waitingByDedupe.set(key, job);
    }
    waiting.push(job);
    pump();
    return job.id;
  }

  function pump() {
    if (!started || closed) return;
    while (running < concurrency) {
      const index = waiting.findIndex((j) => !j.options.dedupeId || !activeDedupe.has(j.options.dedupeId));
      if (index < 0) break;
      const [job] = waiting.splice(index, 1) as [PendingJob];
      if (job.options.dedupeId) {
        waitingByDedupe.delete(job.options.dedupeId);
        activeDedupe.add(job.options.dedupeId);
      }
      running++;
      detached(() => void run(job));
    }
    checkIdle();
  }

  async function run(job: PendingJob) {
    const processor = processors.get(job.name);
    activeIds.add(job.id);
    try {
      if (!processor) throw new Error(`no processor registered for job "${job.name}"`);
      await processor(job.data, {
        jobId: job.id,
        name: job.name,
        attempt: job.attempt,
        signal: abort.signal,
        reportProgress: async (progress) => {
          for (const l of listeners) l({ jobId: job.id, name: job.name, progress });
        },
      });
    } catch (error) {
      options.onError?.(error, { name: job.name, id: job.id });
      const attempts = job.options.attempts ?? DEFAULT_ATTEMPTS;
      if (!closed && job.attempt < attempts) {
        const delay = (job.options.backoffMs ?? DEFAULT_BACKOFF_MS) * 2 ** (job.attempt - 1);
        const timer = setTimeout(() => {
          timers.delete(timer);
          push({ ...job, attempt: job.attempt + 1 });
        }, delay);
        timers.add(timer);
      }
    } finally {
      activeIds.delete(job.id);
      running--;
      if (job.options.dedupeId) activeDedupe.delete(job.options.dedupeId);
      pump();
    }
  }

  return {
    register(name, processor) {
      processors.set(name, processor);
    },
    async enqueue(name, data, jobOptions = {}) {
      const job: PendingJob = { id: randomUUID(), name, data, options: jobOptions, attempt: 1 };
      if (jobOptions.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          push(job);
        }, jobOptions.delayMs);
        timers.add(timer);
        return { jobId: job.id };
      }
      return { jobId: push(job) };
    },
    async upsertSchedule(id, schedule: Schedule, job) {
      clearInterval(schedules.get(id));
      const every = 'everyMs' in schedule ? schedule.everyMs : 24 * 60 * 60 * 1000; // cron patterns: daily
      const timer = setInterval(
        () => void this.enqueue(job.name, job.data, { dedupeId: `schedule-${id}` }),
        every,
      );
      timer.unref();
      schedules.set(id, timer);
    },
    async removeSchedule(id) {
      clearInterval(schedules.get(id));
      schedules.delete(id);
    },
    async isJobActive(jobId) {
      return activeIds.has(jobId);
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      started = true;
      pump();
    },
    async close() {
      closed = true;
      abort.abort();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const t of schedules.values()) clearInterval(t);
      schedules.clear();
      waiting.length = 0;
      waitingByDedupe.clear();
      while (running > 0) await new Promise((r) => setTimeout(r, 10));
      checkIdle();
    },
    idle() {
      if (!busy()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.add(resolve));
    },
  };
}
