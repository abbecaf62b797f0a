import { randomBytes } from 'node:crypto';
import { buildApp } from '@finsync/api';
import { type RunningEmulator, startEmulator } from '@finsync/emulator';
import {
  createJobProducer,
  createRedis,
  type JobProducer,
  loadApiConfig,
  loadWorkerConfig,
} from '@finsync/shared';
import type { JobQueue } from '@finsync/shared/queue';
import { createTestDatabase, type TestDatabase, testEnvironment } from '@finsync/test-support';
import { type RunningWorker, startWorker } from '@finsync/worker';
import { createSendgridTransport } from '../../worker/src/mail/sendgrid-transport.ts';
import { sendSignupLink } from '../../worker/src/notifications/send-signup-link.ts';

export interface AppStackOptions {
  /** A BullMQ worker runs the sync, categorization, report and email jobs (the emulator then syncs at once). */
  worker?: boolean;
  /** The web app's origin (APP_URL: link redirects, links in emails); asked once the stack is configured. */
  appUrl: string;
  /** The API's clock, for tests that move time instead of waiting. */
  clock?: () => Date;
  /** More of the API's and worker's environment (e.g. REPORT_LINK_SECRET). */
  env?: Record<string, string>;
}

/** The server side of an e2e test: PostgreSQL (a clone of the run's template), Redis, the emulator as Plaid and
 * SendGrid, the API (not yet listening) with its job queue, and with `{ worker: true }` a worker. */
export interface AppStack {
  t: TestDatabase;
  emu: RunningEmulator;
  api: Awaited<ReturnType<typeof buildApp>>;
  jobs: JobProducer;
  /** Failed worker jobs (only with `{ worker: true }`); a test expects none. */
  workerErrors: string[];
  close(): Promise<void>;
}

export async function startAppStack(
  redisPrefix: string,
  inject: (key: 'pgTemplate') => string,
  options: AppStackOptions,
): Promise<AppStack> {
  const t = await createTestDatabase(inject('pgTemplate'));
  const emu = await startEmulator(
    options.worker ? { port: 0, initialDelayMs: 0, historicalDelayMs: 0 } : { port: 0 },
  );
  const { redisUrl } = testEnvironment(process.env);
  const env = {
    LOG_LEVEL: process.env.E2E_API_LOG ?? 'silent',
    NODE_ENV: 'test',
    DATABASE_URL: t.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `${redisPrefix}-${randomBytes(6).toString('hex')}`,
    JWT_SECRET: `e2e-${randomBytes(24).toString('hex')}`,
    COOKIE_SECURE: 'false',
    PLAID_ENV: 'emulator',
    PLAID_EMULATOR_URL: emu.url,
    SENDGRID_BASE_URL: emu.url,
    APP_URL: options.appUrl,
    ...options.env,
  };
  const config = loadApiConfig(env);
  const workerErrors: string[] = [];
  const worker: RunningWorker | undefined = options.worker
    ? await startWorker(loadWorkerConfig(env), {
        log: (event, details) => {
          if (event === 'job_failed') workerErrors.push(JSON.stringify(details));
        },
      })
    : undefined;
  const jobs = createJobProducer(config);
  const redis = createRedis(redisUrl);
  const api = await buildApp({
    config,
    db: t.db,
    redis,
    // Without a worker, sign-up links are still emailed to the mail sink, sent as the worker sends them.
    queue: worker ? jobs.queue : withSignupMail(jobs.queue, t.db, env),
    clock: options.clock,
    ledgerChanges: { url: t.url },
  });
  return {
    t,
    emu,
    api,
    jobs,
    workerErrors,
    async close() {
      await api.close();
      await jobs.close();
      await worker?.close();
      await redis.quit();
      await emu.close();
      await t.drop();
    },
  };
}

/** The producer, except that a sign-up link is sent at once by the worker's own sender (no worker running). */
function withSignupMail(
  queue: JobQueue,
  db: TestDatabase['db'],
  env: { SENDGRID_BASE_URL: string; APP_URL?: string | undefined },
): JobQueue {
  const config = loadWorkerConfig({ ...env, NODE_ENV: 'test' });
  const deps = {
    db,
    transport: createSendgridTransport({
      apiKey: config.SENDGRID_API_KEY,
      baseUrl: config.SENDGRID_BASE_URL,
    }),
    from: config.MAIL_FROM,
    appUrl: config.APP_URL,
    linkSecret: config.REPORT_LINK_SECRET,
    now: () => new Date(),
  };
  return {
    ...queue,
    async enqueue(name, data, options) {
      if (name !== 'send-signup-link') return queue.enqueue(name, data, options);
      const { signupId } = data as { signupId: string };
      await sendSignupLink(deps, signupId);
      return { jobId: `send-signup-link:${signupId}` };
    },
  };
}
