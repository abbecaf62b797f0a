export { type AppJobQueue, createAppJobQueue } from './create-job-queue.ts';
export { ensureSyncSchedules } from './ensure-sync-schedules.ts';
export { SEND_NOTIFICATION_JOB } from './notifications/index.ts';
export { createRefreshInsightsProcessor, REFRESH_INSIGHTS_JOB } from './refresh-insights.ts';
export { registerSyncProcessors, type SyncProcessorDeps } from './register-sync-processors.ts';
export { registerWorkerJobs, type WorkerJobsConfig, type WorkerJobsDeps } from './register-worker-jobs.ts';
export { GENERATE_REPORT_JOB, generateReportJobData } from './reports/generate-report.ts';
export {
  createRefreshReportsProcessor,
  REFRESH_REPORTS_JOB,
  refreshStoredReports,
} from './reports/refresh-stored-reports.ts';
export { type RunningWorker, startWorker, type WorkerHooks } from './start-worker.ts';
