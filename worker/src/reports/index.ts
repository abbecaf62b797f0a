export { reportFormatter } from './format-report-values.ts';
export {
  createGenerateReportProcessor,
  GENERATE_REPORT_JOB,
  type GenerateReportDeps,
  type GenerateReportJobData,
  generateReport,
  generateReportJobData,
} from './generate-report.ts';
export {
  createRefreshReportsProcessor,
  REFRESH_REPORTS_JOB,
  refreshReportsJobData,
  refreshStoredReports,
} from './refresh-stored-reports.ts';
export {
  createReportScheduler,
  ensureReportSchedules,
  registerReportProcessors,
} from './register-report-processors.ts';
export { type RenderedReportPdf, renderReportPdf } from './render-report-pdf.ts';
export {
  applyAllReportSchedules,
  applyReportSchedules,
  type ReportSchedule,
  type ReportScheduler,
  reportSchedulesFor,
} from './report-schedules.ts';
