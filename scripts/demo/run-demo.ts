import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoSettings } from './demo-settings.ts';
import { type RunningService, startService } from './start-service.ts';
import { waitForUrl } from './wait-for-url.ts';

const READY_MARKER = 'FINSYNC_DEMO_READY';

export interface RunningDemo {
  urls: { app: string; apiDocs: string; emails: string; prototype: string };
  /** Stops every service, last started first; resolves when all have exited. */
  stop(): Promise<void>;
  /** Resolves if a service exits on its own (the demo is then broken). */
  failed: Promise<string>;
}

/**
 * Starts the emulator (Plaid + SendGrid sink), the backend (API, with jobs in-process or on BullMQ), the
 * worker when REDIS_URL is set, the SPA and the prototype, each in its own process group; resolves once the
 * demo user is ready and every URL answers.
 */
export async function runDemo(
  settings: DemoSettings,
  env: Readonly<Record<string, string | undefined>>,
  print: (line: string) => void,
  signal?: AbortSignal,
): Promise<RunningDemo> {
  const services: RunningService[] = [];
  const emulatorUrl = `http://127.0.0.1:${settings.emulatorPort}`;
  const apiUrl = `http://127.0.0.1:${settings.apiPort}`;
  const urls = {
    app: `http://127.0.0.1:${settings.webPort}`,
    apiDocs: `${apiUrl}/api/docs`,
    emails: `${emulatorUrl}/emulator/mail.html`,
    prototype: `http://127.0.0.1:${settings.prototypePort}`,
  };
  const shared = {
    ...env,
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
    PORT: String(settings.apiPort),
    HOST: '127.0.0.1',
    PGLITE_DIR: settings.pgliteDir,
    PLAID_ENV: settings.plaidEnv,
    PLAID_EMULATOR_URL: emulatorUrl,
    // The emulator signs and delivers webhooks to the API like Plaid; real Plaid needs a public URL instead.
    PLAID_WEBHOOK_URL:
      env.PLAID_WEBHOOK_URL ??
      (settings.plaidEnv === 'emulator' ? `${apiUrl}/api/v1/webhooks/plaid` : undefined),
    SENDGRID_BASE_URL: env.SENDGRID_BASE_URL ?? emulatorUrl,
    APP_URL: env.APP_URL ?? urls.app,
    DEMO_EMAIL: settings.email,
    DEMO_PASSWORD: settings.password,
  };

  let stopping = false;
  let reportFailure: (reason: string) => void = () => undefined;
  const failed = new Promise<string>((resolve) => {
    reportFailure = resolve;
  });
  signal?.addEventListener('abort', () => reportFailure('stopped before it was ready'), { once: true });
  let ready: (line: string) => void = () => undefined;
  const seeded = new Promise<string>((resolve) => {
    ready = resolve;
  });
  const start = (
    name: string,
    args: string[],
    cwd: string,
    extraEnv: Record<string, string | undefined> = {},
  ) => {
    const service = startService({
      name,
      args,
      cwd,
      env: { ...shared, ...extraEnv },
      log: (line) => {
        const at = line.indexOf(READY_MARKER);
        if (at >= 0) ready(line.slice(at + READY_MARKER.length).trim());
        else print(line);
      },
    });
    services.push(service);
    void service.exited.then((how) => {
      if (!stopping) reportFailure(`${name} exited (${how})`);
    });
    return service;
  };
  const stop = async () => {
    stopping = true;
    for (const service of [...services].reverse()) await service.stop();
  };
  const orFail = async <T>(step: Promise<T>): Promise<T> => {
    const result = await Promise.race([step, failed.then((reason) => Promise.reject(new Error(reason)))]);
    return result as T;
  };

  try {
    const { root } = settings;
    start('emulator', ['emulator/src/main.ts'], root, {
      EMULATOR_PORT: String(settings.emulatorPort),
      // Linked items and their access tokens must outlive a restart, like the database that stores them.
      EMULATOR_STATE_FILE: env.EMULATOR_STATE_FILE || join(root, '.data/emulator/state.json'),
    });
    await orFail(waitForUrl(`${emulatorUrl}/emulator/health`, { timeoutMs: 60_000 }));
    start('backend', ['scripts/demo/serve-demo-backend.ts'], root);
    // The SPA's production build (a reload is a few static files, not hundreds of dev modules), rebuilt by
    // Vite's watcher when a source changes, and served with /api proxied to the backend.
    const webOut = join(root, '.data/web');
    const vite = join(root, 'web/node_modules/vite/bin/vite.js');
    const webEnv = { FINSYNC_API_PROXY: apiUrl, FINSYNC_WEB_PORT: String(settings.webPort) };
    const buildStarted = Date.now();
    start(
      'web-build',
      [vite, 'build', '--watch', '--logLevel', 'error', '--outDir', webOut, '--emptyOutDir'],
      join(root, 'web'),
      webEnv,
    );
    await orFail(waitForFile(join(webOut, 'index.html'), buildStarted, 120_000));
    start(
      'web',
      [vite, 'preview', '--host', '127.0.0.1', '--strictPort', '--outDir', webOut],
      join(root, 'web'),
      webEnv,
    );
    start('prototype', [join(root, 'prototype/node_modules/vite/bin/vite.js')], join(root, 'prototype'), {
      PROTOTYPE_PORT: String(settings.prototypePort),
    });
    await orFail(waitForUrl(`${apiUrl}/health`, { timeoutMs: 120_000 }));
    if (settings.redisUrl) start('worker', ['scripts/demo/serve-demo-worker.ts'], root);
    const outcome = JSON.parse(await orFail(seeded)) as { transactions: number; reports: number };
    await orFail(
      Promise.all([
        waitForUrl(urls.app, { timeoutMs: 120_000, accept: (r) => r.ok }),
        waitForUrl(urls.apiDocs, { timeoutMs: 30_000, accept: (r) => r.ok }),
        waitForUrl(urls.emails, { timeoutMs: 30_000, accept: (r) => r.ok }),
        waitForUrl(`${urls.prototype}/proto-api/dashboard`, { timeoutMs: 120_000, accept: (r) => r.ok }),
      ]),
    );
    const storage = `${settings.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${settings.pgliteDir}`}, ${
      settings.redisUrl ? 'BullMQ with a worker process' : 'jobs in-process'
    }`;
    print('');
    print('finsync demo is running (Ctrl-C stops everything)');
    print(`  App        ${urls.app}`);
    print(`  API docs   ${urls.apiDocs}`);
    print(`  Emails     ${urls.emails}`);
    print(`  Prototype  ${urls.prototype}`);
    print(`  Login      ${settings.email} / ${settings.password}`);
    print(`  Data       ${storage}; ${outcome.transactions} transactions, ${outcome.reports} report(s)`);
    print('');
    return { urls, stop, failed };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves once `path` exists and was written after `since` (a build's output). */
async function waitForFile(path: string, since: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const written = await stat(path).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    if (written >= since - 1000) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${path} was not built within ${timeoutMs} ms`);
}
