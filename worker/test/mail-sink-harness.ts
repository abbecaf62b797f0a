import { randomUUID } from 'node:crypto';
import { type RunningEmulator, startEmulator } from '@finsync/emulator';
import { createBullJobQueue, createRedis, type JobQueue } from '@finsync/shared';
import {
  createTestDatabase,
  type SinkMessage,
  sinkInbox,
  type TestDatabase,
  testEnvironment,
} from '@finsync/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, inject } from 'vitest';
import type { MailTransport } from '../src/mail/mail-transport.ts';
import { createSendgridTransport } from '../src/mail/sendgrid-transport.ts';
import { createSendNotificationProcessor } from '../src/notifications/send-notification.ts';

/** Where the emails' links point. */
export const MAIL_APP_URL = 'http://localhost:5173';

export interface MailSinkHarness {
  readonly t: TestDatabase;
  /** SendGrid's API on the emulator, delivering to its sink. */
  sinkTransport(): MailTransport;
  /** What the sink received, or only what went to `email`. */
  inbox(email?: string): Promise<SinkMessage[]>;
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
  };
}
