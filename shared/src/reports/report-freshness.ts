import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import type { ReportSummary } from '../contract/report-summary.ts';
import type { Database, ReportKind } from '../db/database.ts';
import { buildReportSummary } from './build-report-summary.ts';
import { loadReportInput } from './report-repository.ts';

/**
 * Past reports are views of the ledger, not snapshots: marking a transfer, excluding a row, re-categorizing,
 * or the bank correcting history changes the figures of every report whose period (or comparison window)
 * covers it. The stored summary and PDF are a cache of that view; these helpers tell whether the cache still
 * matches the ledger. (The email only ever carries a link, so no figures are frozen anywhere else.)
 */
export interface StoredReportKey {
  kind: ReportKind;
  period_start: string;
  period_end: string;
  timezone: string;
  currency: string;
}

/** The report's summary computed from the ledger as it is now, stamped `generatedAt`. */
export async function currentReportSummary(
  db: Kysely<Database>,
  userId: string,
  report: StoredReportKey,
  generatedAt: Date,
): Promise<ReportSummary> {
  const period = {
    kind: report.kind,
    start: report.period_start,
    end: report.period_end,
    timezone: report.timezone,
  };
  return buildReportSummary(await loadReportInput(db, userId, period, report.currency.trim(), generatedAt));
}

/** Whether a stored summary (as read back from JSON) says exactly what `current` says. */
export function sameSummary(stored: unknown, current: ReportSummary): boolean {
  return isDeepStrictEqual(stored, JSON.parse(JSON.stringify(current)));
}
