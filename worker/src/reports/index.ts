export { reportFormatter } from './format-report-values.ts';
export {
  createGenerateReportProcessor,
  type GenerateReportDeps,
  generateReport,
} from './generate-report.ts';
export { type RenderedReportPdf, renderReportPdf } from './pdf/render-report-pdf.ts';
export { createRefreshReportsProcessor, refreshStoredReports } from './refresh-stored-reports.ts';
export { registerReportProcessors, reportJobHandlers } from './register-report-processors.ts';
export { applyAllReportSchedules, applyReportSchedules } from './report-schedules.ts';
