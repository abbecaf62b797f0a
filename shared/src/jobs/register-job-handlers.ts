import type { JobHandler, JobQueue } from '../queue/job-queue.ts';
import { type JobData, type JobName, jobNames } from './job-map.ts';

/** A handler for every job in the job map: leaving one out does not compile. */
export type JobHandlers = { [K in JobName]: JobHandler<JobData<K>> };

export class MissingJobHandlerError extends Error {
  readonly code = 'MISSING_JOB_HANDLER';
  readonly jobs: readonly string[];
  constructor(jobs: readonly string[]) {
    super(
      `no handler for ${jobs.map((j) => `"${j}"`).join(', ')}: every job in the job map ` +
        '(shared/src/jobs/job-map.ts) needs one before the queue starts',
    );
    this.jobs = jobs;
  }
}

/**
 * Registers a handler for every job finsync has, as a process that runs jobs starts (the worker, the demo's
 * in-process jobs). Refuses, before registering any, a map missing one (a cast or a spread of a partial
 * object gets past the type), so a job can never be queued that no process can run.
 */
export function registerJobHandlers(queue: Pick<JobQueue, 'register'>, handlers: JobHandlers): void {
  const missing = jobNames.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new MissingJobHandlerError(missing);
  const register = <K extends JobName>(name: K) => queue.register(name, handlers[name]);
  for (const name of jobNames) register(name);
}
