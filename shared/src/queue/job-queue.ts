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

export type JobProcessor = (data: unknown, ctx: JobContext) => Promise<unknown>;

export type Schedule = { everyMs: number } | { pattern: string };

export interface JobProgressEvent {
  jobId: string;
  name: string;
  progress: Record<string, unknown>;
}

/**
 * The jobs port: BullMQ on Redis in production, an in-process queue with the same semantics in the demo.
 * Processors are registered by job name (e.g. 'sync-item', 'generate-report', 'send-notification').
 */
export interface JobQueue {
  register(name: string, processor: JobProcessor): void;
  enqueue(name: string, data: unknown, options?: JobOptions): Promise<{ jobId: string }>;
  upsertSchedule(
    schedulerId: string,
    schedule: Schedule,
    job: { name: string; data: unknown },
  ): Promise<void>;
  removeSchedule(schedulerId: string): Promise<void>;
  onProgress(listener: (event: JobProgressEvent) => void): () => void;
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
