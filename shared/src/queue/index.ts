export { type BullJobQueueOptions, createBullJobQueue } from './bullmq-job-queue.ts';
export { createInProcessJobQueue, type InProcessJobQueue } from './in-process-job-queue.ts';
export {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  type JobContext,
  type JobOptions,
  type JobProcessor,
  type JobProgressEvent,
  type JobQueue,
  type Schedule,
} from './job-queue.ts';
export { createRedis, redisOptions } from './redis-connection.ts';
