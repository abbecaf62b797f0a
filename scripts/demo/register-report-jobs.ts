import type { CommonConfig, Db, JobQueue } from '../../shared/src/index.ts';
import { createSendgridTransport } from '../../worker/src/mail/index.ts';
import {
  createSendNotificationProcessor,
  SEND_NOTIFICATION_JOB,
} from '../../worker/src/notifications/index.ts';
import { createGenerateReportProcessor, GENERATE_REPORT_JOB } from '../../worker/src/reports/index.ts';

/**
 * The worker's report and notification processors on the demo's in-process queue: a generated report
 * queues its "report ready" email, which goes through @sendgrid/mail to SENDGRID_BASE_URL (the sink).
 */
export function registerReportJobs(
  queue: JobQueue,
  deps: { db: Db; config: Readonly<CommonConfig>; now?: () => Date },
): void {
  const now = deps.now ?? (() => new Date());
  const { config } = deps;
  queue.register(GENERATE_REPORT_JOB, createGenerateReportProcessor({ db: deps.db, queue, now }));
  queue.register(
    SEND_NOTIFICATION_JOB,
    createSendNotificationProcessor({
      db: deps.db,
      transport: createSendgridTransport({
        apiKey: config.SENDGRID_API_KEY,
        baseUrl: config.SENDGRID_BASE_URL,
      }),
      from: config.MAIL_FROM,
      appUrl: config.APP_URL,
      linkSecret: config.REPORT_LINK_SECRET,
      linkTtlDays: config.REPORT_LINK_TTL_DAYS,
      now,
    }),
  );
}
