import { createRedis, type Database, type JobQueue, type WorkerConfig } from '@finsync/shared';
import { Queue } from 'bullmq';
import type { Kysely } from 'kysely';
import type { MailTransport } from '../mail/mail-transport.ts';
import { createSendgridTransport } from '../mail/sendgrid-transport.ts';
import {
  CHECK_ALERTS_JOB,
  createCheckAlertsProcessor,
  createDispatchNotificationsProcessor,
  DISPATCH_NOTIFICATIONS_JOB,
} from '../notifications/dispatch-notifications.ts';
import {
  createSendNotificationProcessor,
  SEND_NOTIFICATION_JOB,
} from '../notifications/send-notification.ts';
import { createGenerateReportProcessor, GENERATE_REPORT_JOB } from './generate-report.ts';
import { createRefreshReportsProcessor, REFRESH_REPORTS_JOB } from './refresh-stored-reports.ts';
import { applyAllReportSchedules, type ReportScheduler } from './report-schedules.ts';

type ReportConfig = Pick<
  WorkerConfig,
  | 'SENDGRID_API_KEY'
  | 'SENDGRID_BASE_URL'
  | 'MAIL_FROM'
  | 'APP_URL'
  | 'REPORT_LINK_SECRET'
  | 'REPORT_LINK_TTL_DAYS'
>;

/**
 * Registers 'generate-report', 'refresh-reports', 'send-notification', 'check-alerts' and 'dispatch-notifications' on the
 * worker's queue. Fits startWorker's `register` hook: `register: (queue, { db }) => registerReportProcessors(queue, { db, config })`.
 */
export function registerReportProcessors(
  queue: JobQueue,
  deps: { db: Kysely<Database>; config: ReportConfig; transport?: MailTransport; now?: () => Date },
): void {
  const now = deps.now ?? (() => new Date());
  const transport =
    deps.transport ??
    createSendgridTransport({ apiKey: deps.config.SENDGRID_API_KEY, baseUrl: deps.config.SENDGRID_BASE_URL });
  queue.register(GENERATE_REPORT_JOB, createGenerateReportProcessor({ db: deps.db, queue, now }));
  queue.register(REFRESH_REPORTS_JOB, createRefreshReportsProcessor({ db: deps.db, now }));
  queue.register(
    SEND_NOTIFICATION_JOB,
    createSendNotificationProcessor({
      db: deps.db,
      transport,
      from: deps.config.MAIL_FROM,
      appUrl: deps.config.APP_URL,
      linkSecret: deps.config.REPORT_LINK_SECRET,
      linkTtlDays: deps.config.REPORT_LINK_TTL_DAYS,
      now,
    }),
  );
  queue.register(CHECK_ALERTS_JOB, createCheckAlertsProcessor({ db: deps.db, queue, now }));
  queue.register(DISPATCH_NOTIFICATIONS_JOB, createDispatchNotificationsProcessor({ db: deps.db, queue }));
}

/**
 * A ReportScheduler on the worker's BullMQ queue (the JobQueue port's schedules carry no timezone, report
 * schedules need one). Close it after use.
 */
export function createReportScheduler(
  config: Pick<WorkerConfig, 'REDIS_URL' | 'REDIS_PREFIX'>,
  queueName = 'finsync',
) {
  if (!config.REDIS_URL) throw new Error('report schedules need REDIS_URL');
  const connection = createRedis(config.REDIS_URL);
  const queue = new Queue(queueName, { connection, prefix: config.REDIS_PREFIX });
  const scheduler: ReportScheduler & { close(): Promise<void> } = {
    upsertJobScheduler: (id, repeat, template) => queue.upsertJobScheduler(id, repeat, template),
    removeJobScheduler: (id) => queue.removeJobScheduler(id),
    async close() {
      await queue.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
  return scheduler;
}

/**
 * Start-up: every user's weekly/monthly report schedulers, and a sweep every 5 minutes that queues the
 * sends of pending notifications (including those the sync engine and the API record).
 */
export async function ensureReportSchedules(
  queue: Pick<JobQueue, 'upsertSchedule'>,
  scheduler: ReportScheduler,
  db: Kysely<Database>,
  localHour: number,
): Promise<void> {
  await applyAllReportSchedules(db, scheduler, localHour);
  await queue.upsertSchedule(
    'notifications:dispatch',
    { everyMs: 5 * 60_000 },
    { name: DISPATCH_NOTIFICATIONS_JOB, data: {} },
  );
}
