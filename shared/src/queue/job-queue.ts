import type { z } from 'zod';
import type { JobMap } from '../jobs/job-map.ts';

export interface JobOptions {
  /** At most one waiting and one active job per id; a job added while one is active runs after it. */
  dedupeId?: string;
  attempts?: number;
  /** First retry delay; doubles each attempt. */
  backoffMs?: number;
  delayMs?: number;
}

export interface JobContext {
  jobId: string;
  name: string;
  /** 1 on the first try. */
  attempt: number;
  reportProgress(progress: Record<string, unknown>): Promise<void>;
  /** Aborted when the process is shutting down; long jobs should stop at the next safe point. */
  signal: AbortSignal;
}

/** Job names → zod payload schemas; finsync's own is `jobMap` (shared/src/jobs), tests may bring theirs. */
export type JobSchemas = Record<string, z.ZodType>;

/** Runs one job; `data` is already parsed by the job's schema. */
export type JobHandler<Data> = (data: Data, ctx: JobContext) => Promise<unknown>;

/**
 * How often a scheduled job runs: every so many milliseconds, or on a cron pattern read on the wall clock
 * of an IANA time zone (a report at 07:00 stays at 07:00 across daylight-saving changes).
 */
export type Schedule = { everyMs: number } | { pattern: string; tz: string };

export interface ScheduledJob<M extends JobSchemas, K extends keyof M & string> {
  name: K;
  data: z.input<M[K]>;
  /** Retry policy of each run (default: 3 attempts). */
  options?: Pick<JobOptions, 'attempts' | 'backoffMs'>;
}

export interface JobProgressEvent {
  jobId: string;
  name: string;
  progress: Record<string, unknown>;
}

/** A job's attempt ended: it returned (completed) or threw (failed; it may still be retried). */
export interface JobSettledEvent {
  jobId: string;
  name: string;
  /** The job's payload as queued (not parsed); undefined when the job is already gone. */
  data: unknown;
  outcome: 'completed' | 'failed';
}

/**
 * The jobs port: BullMQ on Redis in production, an in-process queue with the same semantics in the demo.
 * Typed by a job map: a name outside it, or a payload its schema does not describe, does not compile.
 */
export interface JobQueue<M extends JobSchemas = JobMap> {
  register<K extends keyof M & string>(name: K, handler: JobHandler<z.output<M[K]>>): void;
  /** Validates `data` against the job's schema (a ZodError here, not a failed job later), then queues it. */
  enqueue<K extends keyof M & string>(
    name: K,
    data: z.input<M[K]>,
    options?: JobOptions,
  ): Promise<{ jobId: string }>;
  upsertSchedule<K extends keyof M & string>(
    schedulerId: string,
    schedule: Schedule,
    job: ScheduledJob<M, K>,
  ): Promise<void>;
  removeSchedule(schedulerId: string): Promise<void>;
  onProgress(listener: (event: JobProgressEvent) => void): () => void;
  /** Every process sees every job's end, wherever it ran (BullMQ: its queue events stream). */
  onSettled(listener: (event: JobSettledEvent) => void): () => void;
  /**
   * True while a live process holds the job (BullMQ: the job's lock, renewed by its worker, still exists).
   * False once its worker died (the lock expired), or the job finished or is waiting.
   */
  isJobActive(jobId: string): Promise<boolean>;
  /** Starts processing registered job names (producer-only users never call it). */
  start(): Promise<void>;
  /** Lets running jobs finish (or abort at their next safe point), then stops. */
  close(): Promise<void>;
}

export const DEFAULT_ATTEMPTS = 8;
export const DEFAULT_BACKOFF_MS = 2_000;
/** Each run of a scheduled job is tried this often unless its schedule says otherwise. */
export const SCHEDULED_ATTEMPTS = 3;

/**
 * Refuses, when it is queued, a payload the job's schema does not accept (a ZodError), or a name outside the
 * map (a caller without types). The payload is queued as given; the handler gets it parsed.
 */
export function checkedPayload(jobs: JobSchemas, name: string, data: unknown): unknown {
  jobSchema(jobs, name).parse(data);
  return data;
}

/** The schema of `name` in `jobs`; a name outside the map (a caller without types) is refused by name. */
export function jobSchema(jobs: JobSchemas, name: string): z.ZodType {
  const schema = Object.hasOwn(jobs, name) ? jobs[name] : undefined;
  if (!schema) throw new Error(`unknown job "${name}": not in the job map`);
  return schema;
}
