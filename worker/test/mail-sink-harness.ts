import { randomUUID } from 'node:crypto';
import { type RunningEmulator, startEmulator } from '@finsync/emulator';
import { createBullJobQueue, createRedis, type JobQueue } from '@finsync/shared';
import type { NotificationKind } from '@finsync/shared/notifications';
import {
  createTestDatabase,
  type SinkMessage,
  sinkInbox,
  type TestDatabase,
  testEnvironment,
  until,
} from '@finsync/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, inject } from 'vitest';
import type { MailTransport } from '../src/mail/mail-transport.ts';
import { createSendgridTransport } from '../src/mail/sendgrid-transport.ts';
import { createCheckAlertsProcessor } from '../src/notifications/dispatch-notifications.ts';
import { createSendNotificationProcessor } from '../src/notifications/send-notification.ts';

/** Where the emails' links point. */
export const MAIL_APP_URL = 'http://localhost:5173';

export interface MailSinkHarness {
  readonly t: TestDatabase;
  /** SendGrid's API on the emulator, delivering to its sink. */
  sinkTransport(): MailTransport;
  /** What the sink received, or only what went to `email`. */
  inbox(email?: string): Promise<SinkMessage[]>;
  /** An address no other test writes to (`<name>-<uuid>@example.test`), so its inbox holds only this test's mail. */
  newAddress(name: string): string;
  /**
   * A started BullMQ queue on Redis (closed after the file) whose send-notification job mails through
   * `transport` (default: the sink), with the test's own processors added by `register`.
   */
  startQueue(options: {
    now: () => Date;
    from: string;
    transport?: MailTransport;
    register(queue: JobQueue): void;
  }): Promise<JobQueue>;
  /** A started queue that runs check-alerts for one user on the test's clock and mails what it finds. */
  startAlertChecks(userId: string, now: () => Date, kind?: NotificationKind): Promise<AlertChecks>;
}

/** The alert checks of one user (of one kind of notification, or all). */
export interface AlertChecks {
  /** The idempotency keys of the user's sent notifications. */
  sent(): Promise<string[]>;
  /**
   * Runs check-alerts twice, as a retry or a second sync would; with `untilSent`, waits until that many
   * notifications are sent, then gives a wrongful further send the time to show up.
   */
  checkTwice(untilSent?: number): Promise<void>;
}

/** A worker test file's PostgreSQL database, the emulator's SendGrid sink and Redis, set up around the file. */
export function useMailSink(): MailSinkHarness {
  let t: TestDatabase | undefined;
  let emulator: RunningEmulator | undefined;
  let redis: Redis | undefined;
  const queues: JobQueue[] = [];
  beforeAll(async () => {
    t = await createTestDatabase(inject('pgTemplate'));
    emulator = await startEmulator({ port: 0 });
    redis = createRedis(testEnvironment(process.env).redisUrl);
  });
  afterAll(async () => {
    for (const queue of queues) await queue.close();
    await redis?.quit();
    await emulator?.close();
    await t?.drop();
  });
  const ready = () => {
    if (!t || !emulator || !redis) throw new Error('the mail sink is set up in beforeAll');
    return { t, emulator, redis };
  };
  const sinkTransport = () =>
    createSendgridTransport({ apiKey: 'SG.test-key', baseUrl: ready().emulator.url });
  return {
    get t() {
      return ready().t;
    },
    sinkTransport,
    inbox: (email) => sinkInbox(ready().emulator.url, email),
    newAddress: (name) => `${name}-${randomUUID()}@example.test`,
    async startQueue({ now, from, transport = sinkTransport(), register }) {
      const { t, redis } = ready();
      const queue = createBullJobQueue({
        redis,
        prefix: `finsync-test-mail-${randomUUID()}`,
        concurrency: 2,
      });
      queues.push(queue);
      register(queue);
      queue.register(
        'send-notification',
        createSendNotificationProcessor({
          db: t.db,
          transport,
          from,
          appUrl: MAIL_APP_URL,
          linkSecret: 'mail-sink-test-secret-0123456789abcdefghij',
          linkTtlDays: 14,
          now,
        }),
      );
      await queue.start();
      return queue;
    },
    async startAlertChecks(userId, now, kind) {
      const { t } = ready();
      const queue = await this.startQueue({
        now,
        from: 'alerts@finsync.local',
        register: (queue) =>
          queue.register('check-alerts', createCheckAlertsProcessor({ db: t.db, queue, now })),
      });
      const sent = async () => {
        let sentRows = t.db
          .selectFrom('notifications')
          .select('idempotency_key')
          .where('user_id', '=', userId)
          .where('status', '=', 'sent');
        if (kind) sentRows = sentRows.where('kind', '=', kind);
        return (await sentRows.execute()).map((n) => n.idempotency_key);
      };
      return {
        sent,
        async checkTwice(untilSent) {
          await queue.enqueue('check-alerts', { userId });
          await queue.enqueue('check-alerts', { userId });
          if (untilSent === undefined) return;
          await until(async () => ((await sent()).length === untilSent ? true : undefined));
          await new Promise((r) => setTimeout(r, 1_500));
        },
      };
    },
  };
}
