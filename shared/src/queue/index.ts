export { type BullJobQueueOptions, createBullJobQueue } from './bullmq-job-queue.ts';
export { createInProcessJobQueue, type InProcessJobQueue } from './in-process-job-queue.ts';
export { createJobProducer, type JobProducer } from './job-producer.ts';
export {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  type JobContext,
  type JobHandler,
  type JobOptions,
  type JobProgressEvent,
  type JobQueue,
  type JobSchemas,
  SCHEDULED_ATTEMPTS,
  type Schedule,
  type ScheduledJob,
} from './job-queue.ts';
export { createRedis, redisOptions } from './redis-connection.ts';
