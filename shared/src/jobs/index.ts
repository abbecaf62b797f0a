export {
  type GenerateReportJobData,
  generateReportJobData,
  type JobData,
  type JobMap,
  type JobName,
  type JobPayload,
  jobMap,
  jobNames,
  type SyncItemJobData,
  syncItemJobData,
} from './job-map.ts';
export {
  itemSyncSchedule,
  type JobSchedule,
  type ReportScheduleUser,
  reportSchedulesFor,
  standingSchedules,
  upsertJobSchedule,
} from './job-schedules.ts';
export { type JobHandlers, MissingJobHandlerError, registerJobHandlers } from './register-job-handlers.ts';
