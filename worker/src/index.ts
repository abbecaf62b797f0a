export { ensureJobSchedules } from './ensure-job-schedules.ts';
export { createRefreshInsightsProcessor } from './refresh-insights.ts';
export {
  registerSyncProcessors,
  type SyncProcessorDeps,
  syncJobHandlers,
} from './register-sync-processors.ts';
export { registerWorkerJobs, type WorkerJobsConfig, type WorkerJobsDeps } from './register-worker-jobs.ts';
export {
  createRefreshReportsProcessor,
  refreshStoredReports,
  registerReportProcessors,
  reportJobHandlers,
} from './reports/index.ts';
export { type RunningWorker, startWorker, type WorkerHooks } from './start-worker.ts';
