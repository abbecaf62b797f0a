import type { Database, JobQueue } from '@finsync/shared';
import { type GenerateReportJobData, generateReportJobData } from '@finsync/shared/jobs';
import {
  buildReportSummary,
  customPeriod,
  loadReportInput,
  loadReportOwner,
  type ReportPeriod,
  reportPeriod,
  saveReport,
} from '@finsync/shared/reports';
import { recordNotification } from '@finsync/shared/sync';
import type { Kysely } from 'kysely';
import { renderReportPdf } from './pdf/render-report-pdf.ts';

export interface GenerateReportDeps {
  db: Kysely<Database>;
  queue: Pick<JobQueue, 'enqueue'>;
  now: () => Date;
  /** Retry policy of the queued send (provider errors back off exponentially from backoffMs). */
  sendRetry?: { attempts: number; backoffMs: number };
}

/**
 * Builds, renders and stores the report for one user and period, then records its "report ready"
 * notification under the key `report_ready:<reportId>` and queues the send. Safe to run again: the report
 * row is replaced in place (same id) and the notification key already exists, so no second email.
 */
export async function generateReport(deps: GenerateReportDeps, raw: GenerateReportJobData) {
  const data = generateReportJobData.parse(raw);
  const now = deps.now();
  const owner = await loadReportOwner(deps.db, data.userId);
  const period: ReportPeriod =
    data.kind === 'custom'
      ? customPeriod(data.start, data.end, owner.timezone)
      : reportPeriod(data.kind, data.asOf ? new Date(data.asOf) : now, owner.timezone, owner.report_weekday);
  const input = await loadReportInput(deps.db, owner.id, period, owner.currency.trim(), now);
  const summary = buildReportSummary(input);
  const { pdf } = await renderReportPdf(summary, { locale: owner.locale });
  const { id: reportId } = await saveReport(deps.db, {
    userId: owner.id,
    kind: period.kind,
    period,
    currency: summary.currency,
    summary,
    pdf,
    generatedAt: now,
  });
  if (!data.notify) return { reportId, period, notificationId: null };
  const notification = await recordNotification(deps.db, {
    userId: owner.id,
    kind: 'report_ready',
    idempotencyKey: `report_ready:${reportId}`,
    payload: { reportId, reportKind: period.kind },
  });
  if (notification.status === 'pending') {
    await deps.queue.enqueue(
      'send-notification',
      { notificationId: notification.id },
      {
        dedupeId: `notification:${notification.id}`,
        ...(deps.sendRetry ?? { attempts: 8, backoffMs: 30_000 }),
      },
    );
  }
  return { reportId, period, notificationId: notification.id };
}

export function createGenerateReportProcessor(deps: GenerateReportDeps) {
  return async (data: GenerateReportJobData) => {
    const result = await generateReport(deps, data);
    return { reportId: result.reportId, start: result.period.start, end: result.period.end };
  };
}
