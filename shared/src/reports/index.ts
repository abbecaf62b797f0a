export type * from '../contract/report-summary.ts';
export { buildReportSummary, reportHistoryStart, trailingPeriodCount } from './build-report-summary.ts';
export { changeOf, divideRounded, ratioBps, sharesBps } from './exact-ratio.ts';
export {
  addDays,
  addMonths,
  dayNumber,
  type LocalDate,
  lastDayOfMonth,
  localDateOf,
  startOfLocalDay,
  weekdayOf,
} from './local-date.ts';
export { currentReportSummary, type StoredReportKey, sameSummary } from './report-freshness.ts';
export type * from './report-input.ts';
export {
  customPeriod,
  nextPeriod,
  periodLength,
  previousPeriod,
  type ReportPeriod,
  reportPeriod,
  type ScheduledReportKind,
} from './report-period.ts';
export {
  findReport,
  listReports,
  listStoredSummaries,
  loadReportInput,
  loadReportOwner,
  type StoredReport,
  saveReport,
} from './report-repository.ts';
export { sampleReportInput } from './sample-report-input.ts';
export { seedSampleHousehold } from './seed-sample-household.ts';
export {
  type SignedLinkClaims,
  type SignedLinkPurpose,
  signLinkToken,
  verifyLinkToken,
} from './signed-link-token.ts';
