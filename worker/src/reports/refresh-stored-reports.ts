import type { Database } from '@finsync/shared';
import type { JobData } from '@finsync/shared/jobs';
import {
  currentReportSummary,
  listStoredSummaries,
  loadReportOwner,
  sameSummary,
  saveReport,
} from '@finsync/shared/reports';
import type { Kysely } from 'kysely';
import { renderReportPdf } from './pdf/render-report-pdf.ts';

/**
 * Brings a user's stored reports back in line with their ledger after it changed (an edit, a transfer mark,
 * a sync, transfer pairing): each report whose summary no longer matches the ledger is recomputed and its
 * PDF re-rendered, keeping its id and sending no email; the others are left alone. Safe to run any time.
 */
export async function refreshStoredReports(
  deps: { db: Kysely<Database>; now: () => Date },
  userId: string,
): Promise<{ reports: number; refreshed: number }> {
  const owner = await loadReportOwner(deps.db, userId);
  const reports = await listStoredSummaries(deps.db, userId);
  let refreshed = 0;
  for (const report of reports) {
    const current = await currentReportSummary(deps.db, userId, report, report.generated_at);
    if (report.pdf_bytes !== null && sameSummary(report.summary, current)) continue;
    const generatedAt = deps.now();
    const summary = { ...current, generatedAt: generatedAt.toISOString() };
    const { pdf } = await renderReportPdf(summary, { locale: owner.locale });
    await saveReport(deps.db, {
      userId,
      kind: report.kind,
      period: {
        kind: report.kind,
        start: report.period_start,
        end: report.period_end,
        timezone: report.timezone,
      },
      currency: summary.currency,
      summary,
      pdf,
      generatedAt,
    });
    refreshed++;
  }
  return { reports: reports.length, refreshed };
}

export function createRefreshReportsProcessor(deps: { db: Kysely<Database>; now: () => Date }) {
  return async ({ userId }: JobData<'refresh-reports'>) => refreshStoredReports(deps, userId);
}
