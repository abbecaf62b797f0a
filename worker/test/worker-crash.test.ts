import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@finsync/emulator';
import { createBullJobQueue, createRedis, type JobQueue } from '@finsync/shared/queue';
import { enqueueItemSync } from '@finsync/shared/sync';
import { createTestDatabase, type TestDatabase, testEnvironment } from '@finsync/test-support';
import type { Redis } from 'ioredis';
import type { PlaidApi } from 'plaid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createUser,
  emulatorPlaid,
  expectGroundTruth,
  linkEmulatorItem,
  TEST_KEYS,
  testCipher,
} from './sync-harness.ts';

const KILLS = Number(process.env.FINSYNC_CRASH_KILLS ?? 10);
const TRANSACTIONS = 20_000;
// ~100 s on a quiet machine, nearly all of it eleven worker start-ups and their syncs; beside the rest of the
// suite at load 11 it took more than 240 s. The limit leaves room for a loaded CI machine.
const TEST_TIMEOUT_MS = 480_000;
const mainTs = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const prefix = `finsync-test-${randomBytes(4).toString('hex')}`;

let tdb: TestDatabase;
let emulator: { url: string; close(): Promise<void> };
let plaid: PlaidApi;
let redis: Redis;
let queue: JobQueue;

beforeAll(async () => {
  tdb = await createTestDatabase(inject('pgTemplate' as never));
  emulator = await startEmulator({ port: 0, seed: 777 });
  plaid = emulatorPlaid(emulator.url);
  redis = createRedis(testEnvironment(process.env).redisUrl);
  queue = createBullJobQueue({ redis, prefix }); // producer only
});
afterAll(async () => {
  await queue?.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis?.quit();
  await emulator?.close();
  await tdb?.drop();
});

function spawnWorker(): ChildProcess {
  return spawn(process.execPath, [mainTs], {
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
      WORKER_LOCK_MS: '1000',
      WORKER_CONCURRENCY: '2',
    },
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve()),
  );

async function runStartedSince(itemId: string, since: Date, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const run = await tdb.db
      .selectFrom('sync_runs')
      .select('id')
      .where('item_id', '=', itemId)
      .where('started_at', '>=', since)
      .executeTakeFirst();
    if (run) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function state(itemId: string) {
  const item = await tdb.db
    .selectFrom('plaid_items')
    .select('sync_cursor')
    .where('id', '=', itemId)
    .executeTakeFirstOrThrow();
  const { count } = await tdb.db
    .selectFrom('transactions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('item_id', '=', itemId)
    .executeTakeFirstOrThrow();
  return { cursor: item.sync_cursor, count: Number(count) };
}

describe('worker crash safety', () => {
  it(
    `kill -9 during a ${TRANSACTIONS}-transaction historical sync ${KILLS} times, then a clean run, equals the ground truth`,
    async () => {
      const userId = await createUser(tdb.db);
      const { itemId, plaidItemId } = await linkEmulatorItem(
        { db: tdb.db, url: emulator.url, plaid, cipher: testCipher(), queue },
        userId,
        { transactions: TRANSACTIONS, history_days: 730 },
      );
      const seen: { cursor: string | null; count: number }[] = [];
      for (let i = 0; i < KILLS; i++) {
        // BullMQ fails a job that stalled more than maxStalledCount times; in production the next webhook or
        // schedule queues it again. Do the same (deduplicated: a no-op while the stalled job still exists).
        await enqueueItemSync(queue, { itemId, trigger: 'manual' });
        const spawnedAt = new Date();
        const worker = spawnWorker();
        // Kill at a random instant after this worker has started the sync (or after 15 s if it never does).
        await runStartedSince(itemId, spawnedAt, 15_000);
        await new Promise((r) => setTimeout(r, Math.random() * 2500));
        worker.kill('SIGKILL');
        await exited(worker);
        const s = await state(itemId);
        seen.push(s);
        // Never a partial write: either nothing with no cursor, or a whole committed run with its cursor.
        if (s.cursor === null) expect(s.count).toBe(0);
        else expect(s.count).toBeGreaterThan(TRANSACTIONS * 0.5);
      }
      // A job that stalled more than maxStalledCount times is failed by BullMQ; the next webhook or schedule
      // queues it again. Do that here too (deduplicated: a no-op if the recovered job is still waiting).
      await enqueueItemSync(queue, { itemId, trigger: 'manual' });
      const finalSpawnedAt = new Date();
      const worker = spawnWorker();
      let stderr = '';
      worker.stderr?.on('data', (d) => {
        stderr += String(d);
      });
      const deadline = Date.now() + 150_000;
      while (Date.now() < deadline) {
        const done = await tdb.db
          .selectFrom('sync_runs')
          .select('id')
          .where('item_id', '=', itemId)
          .where('status', '=', 'succeeded')
          // This worker's own run: a killed one may have finished first, and stopping this worker before it has
          // even installed its SIGTERM handler would kill it by the signal (exit code null), not shut it down.
          .where('started_at', '>=', finalSpawnedAt)
          .executeTakeFirst();
        if (done) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      worker.kill('SIGTERM');
      await exited(worker);
      expect(worker.exitCode, stderr).toBe(0);
      const count = await expectGroundTruth(tdb.db, emulator.url, itemId, plaidItemId);
      expect(count).toBeGreaterThan(TRANSACTIONS * 0.9);
      const runs = await tdb.db
        .selectFrom('sync_runs')
        .select(['status', 'error'])
        .where('item_id', '=', itemId)
        .execute();
      expect(runs.filter((r) => r.status === 'succeeded').length).toBeGreaterThanOrEqual(1);
      // Some kills landed while a sync was running (its run row was left 'running', then marked abandoned).
      const abandoned = runs.filter(
        (r) => (r.error as { code?: string } | null)?.code === 'ABANDONED',
      ).length;
      console.log(`crash test: ${runs.length} runs, ${abandoned} killed mid-run`);
      expect(abandoned).toBeGreaterThanOrEqual(1);
      expect(seen).toHaveLength(KILLS);
      // At least one kill landed before the historical run committed (otherwise nothing was tested).
      expect(seen.some((s) => s.cursor === null)).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );
});
