import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import { runAsBackgroundWork } from '../db/one-transaction-at-a-time.ts';
import { type JobMap, jobMap } from '../jobs/job-map.ts';
import {
  checkedPayload,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  type JobHandler,
  type JobOptions,
  type JobProgressEvent,
  type JobQueue,
  type JobSchemas,
  type JobSettledEvent,
  jobSchema,
  SCHEDULED_ATTEMPTS,
  type Schedule,
} from './job-queue.ts';

interface PendingJob {
  id: string;
  name: string;
  data: unknown;
  options: JobOptions;
  attempt: number;
}

export interface InProcessJobQueue<M extends JobSchemas = JobMap> extends JobQueue<M> {
  /** Resolves when nothing is waiting, running or due for a retry (tests and the demo's first sync). */
  idle(): Promise<void>;
}

/** The longest delay a Node timer takes (about 24.8 days); a later run is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The demo's queue (no Redis): same dedupe, retry and backoff semantics as the BullMQ one, in memory, and
 * schedules on the same cron patterns and time zones. Jobs do not survive a restart; schedules are
 * re-created at start-up by their owners.
 */
export function createInProcessJobQueue<M extends JobSchemas = JobMap>(
  options: {
    /** The jobs this queue carries (default: finsync's job map). */
    jobs?: M;
    concurrency?: number;
    onError?: (error: unknown, job: { name: string; id: string }) => void;
  } = {},
): InProcessJobQueue<M> {
  const jobs: JobSchemas = options.jobs ?? jobMap;
  const concurrency = options.concurrency ?? 2;
  const handlers = new Map<string, JobHandler<unknown>>();
  const waiting: PendingJob[] = [];
  const waitingByDedupe = new Map<string, PendingJob>();
  const activeDedupe = new Set<string>();
  const activeIds = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const schedules = new Map<string, NodeJS.Timeout>();
  // Bumped on every upsert/remove, so a timer set for an older version of a schedule does nothing.
  const scheduleVersions = new Map<string, number>();
  const listeners = new Set<(e: JobProgressEvent) => void>();
  const settledListeners = new Set<(e: JobSettledEvent) => void>();
  /** Tells listeners an attempt ended; a listener's error is reported, never taken for the job's. */
  const settle = (job: PendingJob, outcome: JobSettledEvent['outcome']) => {
    for (const l of settledListeners) {
      try {
        l({ jobId: job.id, name: job.name, data: job.data, outcome });
      } catch (error) {
        options.onError?.(error, { name: job.name, id: job.id });
      }
    }
  };
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
    const handler = handlers.get(job.name);
    activeIds.add(job.id);
    try {
      if (!handler) throw new Error(`no handler registered for job "${job.name}"`);
      // Background work: on the embedded database's one connection, users' requests go first.
      await runAsBackgroundWork(() =>
        handler(jobSchema(jobs, job.name).parse(job.data), {
          jobId: job.id,
          name: job.name,
          attempt: job.attempt,
          signal: abort.signal,
          reportProgress: async (progress) => {
            for (const l of listeners) l({ jobId: job.id, name: job.name, progress });
          },
        }),
      );
      settle(job, 'completed');
    } catch (error) {
      options.onError?.(error, { name: job.name, id: job.id });
      settle(job, 'failed');
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

  function enqueue(name: string, data: unknown, jobOptions: JobOptions = {}) {
    const job: PendingJob = {
      id: randomUUID(),
      name,
      data: checkedPayload(jobs, name, data),
      options: jobOptions,
      attempt: 1,
    };
    if (jobOptions.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        push(job);
      }, jobOptions.delayMs);
      timers.add(timer);
      return { jobId: job.id };
    }
    return { jobId: push(job) };
  }

  /** Milliseconds until the schedule's next run after now. */
  function nextRunIn(schedule: Schedule): number {
    if ('everyMs' in schedule) return schedule.everyMs;
    const next = CronExpressionParser.parse(schedule.pattern, { currentDate: new Date(), tz: schedule.tz });
    return Math.max(0, next.next().getTime() - Date.now());
  }

  function clearSchedule(id: string) {
    clearTimeout(schedules.get(id));
    schedules.delete(id);
    scheduleVersions.set(id, (scheduleVersions.get(id) ?? 0) + 1);
  }

  /** Arms the timer for the next run; on firing, queues the job (deduplicated per schedule) and re-arms. */
  function arm(
    id: string,
    version: number,
    schedule: Schedule,
    fire: () => void,
    waitMs = nextRunIn(schedule),
  ) {
    const step = Math.min(waitMs, MAX_TIMER_MS);
    const timer = setTimeout(() => {
      if (closed || scheduleVersions.get(id) !== version) return;
      if (step < waitMs) return arm(id, version, schedule, fire, waitMs - step);
      fire();
      arm(id, version, schedule, fire);
    }, step);
    timer.unref();
    schedules.set(id, timer);
  }

  return {
    register(name, handler) {
      jobSchema(jobs, name);
      handlers.set(name, handler as JobHandler<unknown>);
    },
    async enqueue(name, data, jobOptions = {}) {
      return enqueue(name, data, jobOptions);
    },
    async upsertSchedule(id, schedule, job) {
      const data = checkedPayload(jobs, job.name, job.data);
      if ('pattern' in schedule) nextRunIn(schedule); // an invalid pattern or zone is refused now
      clearSchedule(id);
      const version = scheduleVersions.get(id) ?? 0;
      arm(id, version, schedule, () => {
        // A run that cannot be queued is reported like a failed job; the schedule keeps going.
        try {
          enqueue(job.name, data, {
            dedupeId: `schedule-${id}`,
            attempts: job.options?.attempts ?? SCHEDULED_ATTEMPTS,
            ...(job.options?.backoffMs ? { backoffMs: job.options.backoffMs } : {}),
          });
        } catch (error) {
          options.onError?.(error, { name: job.name, id: `schedule-${id}` });
        }
      });
    },
    async removeSchedule(id) {
      clearSchedule(id);
    },
    async isJobActive(jobId) {
      return activeIds.has(jobId);
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onSettled(listener) {
      settledListeners.add(listener);
      return () => settledListeners.delete(listener);
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
      for (const t of schedules.values()) clearTimeout(t);
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
