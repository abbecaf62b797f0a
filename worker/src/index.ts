export { type AppJobQueue, createAppJobQueue } from './create-job-queue.ts';
export { ensureSyncSchedules } from './ensure-sync-schedules.ts';
export { registerSyncProcessors, type SyncProcessorDeps } from './register-sync-processors.ts';
export { type RunningWorker, startWorker, type WorkerHooks } from './start-worker.ts';
