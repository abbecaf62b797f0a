import type { Database, JobQueue, WorkerConfig } from '@finsync/shared';
import type { JobHandlers } from '@finsync/shared/jobs';
import type { Kysely } from 'kysely';
import type { MailTransport } from '../mail/mail-transport.ts';
import { createSendgridTransport } from '../mail/sendgrid-transport.ts';
import {
  createCheckAlertsProcessor,
  createDispatchNotificationsProcessor,
} from '../notifications/dispatch-notifications.ts';
import { createSendNotificationProcessor } from '../notifications/send-notification.ts';
import { createSendSignupLinkProcessor } from '../notifications/send-signup-link.ts';
import { createGenerateReportProcessor } from './generate-report.ts';
import { createRefreshReportsProcessor } from './refresh-stored-reports.ts';

/** What the report and email jobs read of the worker's configuration. */
export type ReportConfig = Pick<
  WorkerConfig,
  | 'SENDGRID_API_KEY'
  | 'SENDGRID_BASE_URL'
  | 'MAIL_FROM'
  | 'APP_URL'
  | 'REPORT_LINK_SECRET'
  | 'REPORT_LINK_TTL_DAYS'
>;

type ReportJob =
  | 'generate-report'
  | 'refresh-reports'
  | 'send-notification'
  | 'send-signup-link'
  | 'check-alerts'
  | 'dispatch-notifications';

interface ReportJobDeps {
  db: Kysely<Database>;
  config: ReportConfig;
  /** Replaces SendGrid (tests). */
  transport?: MailTransport;
  now?: () => Date;
}

/** The handlers of reports and notifications: generating and refreshing reports, alerts, and sending emails. */
export function reportJobHandlers(
  queue: Pick<JobQueue, 'enqueue'>,
  deps: ReportJobDeps,
): Pick<JobHandlers, ReportJob> {
  const now = deps.now ?? (() => new Date());
  const transport =
    deps.transport ??
    createSendgridTransport({ apiKey: deps.config.SENDGRID_API_KEY, baseUrl: deps.config.SENDGRID_BASE_URL });
  return {
    'generate-report': createGenerateReportProcessor({ db: deps.db, queue, now }),
    'refresh-reports': createRefreshReportsProcessor({ db: deps.db, now }),
    'send-notification': createSendNotificationProcessor({
      db: deps.db,
      transport,
      from: deps.config.MAIL_FROM,
      appUrl: deps.config.APP_URL,
      linkSecret: deps.config.REPORT_LINK_SECRET,
      linkTtlDays: deps.config.REPORT_LINK_TTL_DAYS,
      now,
    }),
    'send-signup-link': createSendSignupLinkProcessor({
      db: deps.db,
      transport,
      from: deps.config.MAIL_FROM,
      appUrl: deps.config.APP_URL,
      linkSecret: deps.config.REPORT_LINK_SECRET,
      now,
    }),
    'check-alerts': createCheckAlertsProcessor({ db: deps.db, queue, now }),
    'dispatch-notifications': createDispatchNotificationsProcessor({ db: deps.db, queue }),
  };
}

/** Registers only the report and notification jobs (tests that run them without syncs). */
export function registerReportProcessors(queue: JobQueue, deps: ReportJobDeps): void {
  const handlers = reportJobHandlers(queue, deps);
  queue.register('generate-report', handlers['generate-report']);
  queue.register('refresh-reports', handlers['refresh-reports']);
  queue.register('send-notification', handlers['send-notification']);
  queue.register('send-signup-link', handlers['send-signup-link']);
  queue.register('check-alerts', handlers['check-alerts']);
  queue.register('dispatch-notifications', handlers['dispatch-notifications']);
}
