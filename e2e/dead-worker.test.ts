import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@finsync/api';
import { type RunningEmulator, startEmulator } from '@finsync/emulator';
import { createRedis, loadApiConfig } from '@finsync/shared';
import { createBullJobQueue, type JobQueue } from '@finsync/shared/queue';
import {
  createTestDatabase,
  signupLinkTokenFor,
  type TestDatabase,
  testEnvironment,
} from '@finsync/test-support';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emulatorPlaid, linkEmulatorItem, TEST_KEYS, testCipher } from '../worker/test/sync-harness.ts';

/*
 * A worker is killed with SIGKILL in the middle of a sync and none comes back. The API must notice that the
 * run's job lost its lock and show the run as abandoned, and the progress stream a browser holds open must end
 * with that outcome — within the job lock's duration plus the API's check interval, not its 15-minute cap.
 * FINSYNC_DEAD_WORKER_LOCK_MS=30000 measures the default lock (the test then takes about a minute).
 */
const LOCK_MS = Number(process.env.FINSYNC_DEAD_WORKER_LOCK_MS ?? 2000);
const BOUND_MS = LOCK_MS + 8_000;
const mainTs = fileURLToPath(new URL('../worker/src/main.ts', import.meta.url));
const prefix = `e2e-dead-worker-${randomBytes(4).toString('hex')}`;

let tdb: TestDatabase;
let emulator: RunningEmulator;
let redis: ReturnType<typeof createRedis>;
let queue: JobQueue;
let api: Awaited<ReturnType<typeof buildApp>>;
let apiUrl = '';
let worker: ChildProcess | undefined;

beforeAll(async () => {
  tdb = await createTestDatabase(inject('pgTemplate'));
  emulator = await startEmulator({ port: 0, seed: 99, initialDelayMs: 0, historicalDelayMs: 0 });
  const { redisUrl } = testEnvironment(process.env);
  redis = createRedis(redisUrl);
  queue = createBullJobQueue({ redis, prefix }); // the API's producer; workers are separate processes
  const config = loadApiConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    DATABASE_URL: tdb.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    COOKIE_SECURE: 'false',
    PLAID_ENV: 'emulator',
    PLAID_EMULATOR_URL: emulator.url,
    TOKEN_ENCRYPTION_KEYS: TEST_KEYS,
  });
  api = await buildApp({ config, db: tdb.db, redis, queue });
  apiUrl = await api.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);

afterAll(async () => {
  if (worker && worker.exitCode === null && !worker.signalCode) worker.kill('SIGKILL');
  await api?.close();
  await queue?.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis?.quit();
  await emulator?.close();
  await tdb?.drop();
});

/** Signs up through the API and returns the session's cookie header. */
async function signUp(): Promise<{ cookie: string; userId: string }> {
  const email = `dead-${randomBytes(4).toString('hex')}@example.com`;
  const asked = await fetch(`${apiUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery staple' }),
  });
  expect(asked.status).toBe(202);
  // No worker sends mail here: the link's token, signed as the mailer signs it.
  const res = await fetch(`${apiUrl}/api/v1/auth/signup/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: await signupLinkTokenFor(tdb.db, email) }),
  });
  expect(res.status).toBe(201);
  const cookie = res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const body = (await res.json()) as { user: { id: string } };
  return { cookie, userId: body.user.id };
}

/** Reads the SSE stream until the server closes it; resolves with its events and when it closed. */
async function followProgress(itemId: string, cookie: string) {
  const res = await fetch(`${apiUrl}/api/v1/items/${itemId}/sync-progress`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const events: { event: string; data: unknown }[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
      end = buffer.indexOf('\n\n');
    }
  }
  return { events, closedAt: Date.now() };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

describe('a worker killed mid-sync, none coming back', () => {
  it(`shows the run abandoned in the API and ends the progress stream within the lock (${LOCK_MS} ms) + 8 s`, async () => {
    const { cookie, userId } = await signUp();
    const plaid = emulatorPlaid(emulator.url);
    const { itemId } = await linkEmulatorItem(
      { db: tdb.db, url: emulator.url, plaid, cipher: testCipher(), queue },
      userId,
      { transactions: 20_000, history_days: 730 },
    );
    const progress = followProgress(itemId, cookie);

    worker = spawn(process.execPath, [mainTs], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: tdb.url,
        REDIS_URL: testEnvironment(process.env).redisUrl,
        REDIS_PREFIX: prefix,
        PLAID_ENV: 'emulator',
        PLAID_EMULATOR_URL: emulator.url,
        TOKEN_ENCRYPTION_KEYS: TEST_KEYS,
        WORKER_LOCK_MS: String(LOCK_MS),
      },
    });
    await until('the worker started the sync', 30_000, async () =>
      tdb.db.selectFrom('sync_runs').select('id').where('item_id', '=', itemId).executeTakeFirst(),
    );
    await new Promise((r) => setTimeout(r, 300));
    const killedAt = Date.now();
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker?.once('exit', resolve));

    const shown = await until('the API shows the run abandoned', BOUND_MS, async () => {
      const res = await fetch(`${apiUrl}/api/v1/items/${itemId}/sync-runs`, { headers: { cookie } });
      const { runs } = (await res.json()) as { runs: { status: string; error: { code: string } | null }[] };
      return runs[0]?.status === 'abandoned' ? runs[0] : undefined;
    });
    const shownMs = Date.now() - killedAt;
    expect(shown.error?.code).toBe('ABANDONED');

    const stream = await Promise.race([
      progress,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the progress stream stayed open')), BOUND_MS),
      ),
    ]);
    const outcome = stream.events.find((e) => e.event === 'outcome');
    expect(outcome?.data).toMatchObject({ run: { status: 'abandoned' } });
    const closedMs = stream.closedAt - killedAt;
    console.log(
      `dead worker (lock ${LOCK_MS} ms): run shown abandoned ${shownMs} ms after kill -9, stream closed after ${closedMs} ms`,
    );
    expect(closedMs).toBeLessThan(BOUND_MS);
  }, 180_000);
});
