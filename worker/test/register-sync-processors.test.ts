import { startEmulator } from '@finsync/emulator';
import { createInProcessJobQueue, type JobQueue, type Schedule } from '@finsync/shared/queue';
import { CATCH_UP_SCHEDULER_ID, enqueueItemSync, itemSchedulerId, SYNC_ITEM_JOB } from '@finsync/shared/sync';
import { createTestDatabase, type TestDatabase } from '@finsync/shared/testing';
import type { PlaidApi } from 'plaid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureSyncSchedules } from '../src/ensure-sync-schedules.ts';
import { registerSyncProcessors } from '../src/register-sync-processors.ts';
import {
  admin,
  createUser,
  emulatorPlaid,
  expectGroundTruth,
  fastRetry,
  linkEmulatorItem,
  testCipher,
} from './sync-harness.ts';

let tdb: TestDatabase;
let emulator: { url: string; close(): Promise<void> };
let plaid: PlaidApi;
const cipher = testCipher();

beforeAll(async () => {
  tdb = await createTestDatabase(inject('pgTemplate' as never));
  emulator = await startEmulator({ port: 0, seed: 5 });
  plaid = emulatorPlaid(emulator.url);
});
afterAll(async () => {
  await emulator?.close();
  await tdb?.drop();
});

/** The in-process queue with its schedules observable. */
function observedQueue() {
  const queue = createInProcessJobQueue();
  const schedules = new Map<string, Schedule>();
  const observed: JobQueue = {
    ...queue,
    register: queue.register.bind(queue),
    enqueue: queue.enqueue.bind(queue),
    upsertSchedule: async (id, schedule, job) => {
      schedules.set(id, schedule);
      await queue.upsertSchedule(id, schedule, job);
    },
    removeSchedule: async (id) => {
      schedules.delete(id);
      await queue.removeSchedule(id);
    },
  };
  return { queue, observed, schedules };
}

describe('sync job processors', () => {
  it('link schedules the item, the queued historical sync reaches the ground truth, and a login error unschedules it', async () => {
    const { queue, observed, schedules } = observedQueue();
    registerSyncProcessors(observed, { db: tdb.db, plaid, cipher, retry: fastRetry });
    const userId = await createUser(tdb.db);
    const { itemId, plaidItemId } = await linkEmulatorItem(
      { db: tdb.db, url: emulator.url, plaid, cipher, queue: observed },
      userId,
      { transactions: 400 },
    );
    expect(schedules.get(itemSchedulerId(itemId))).toEqual({ everyMs: 6 * 3_600_000 });
    const progress: unknown[] = [];
    queue.onProgress((e) => progress.push(e.progress));
    await queue.start();
    await queue.idle();
    await expectGroundTruth(tdb.db, emulator.url, itemId, plaidItemId);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', itemId });

    await admin(emulator.url, 'PUT', '/emulator/faults', {
      endpoint: '/transactions/sync',
      login_required_rate: 1,
    });
    await enqueueItemSync(observed, { itemId, trigger: 'manual' });
    await queue.idle();
    await admin(emulator.url, 'DELETE', '/emulator/faults');
    expect(schedules.has(itemSchedulerId(itemId))).toBe(false);
    const item = await tdb.db
      .selectFrom('plaid_items')
      .select('status')
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(item.status).toBe('login_required');
    await queue.close();
  });

  it('ensureSyncSchedules schedules every active item and the nightly catch-up, and skips the others', async () => {
    const { observed, schedules, queue } = observedQueue();
    const userId = await createUser(tdb.db);
    const active = await tdb.db
      .insertInto('plaid_items')
      .values({ user_id: userId, plaid_item_id: 'p-active', access_token_encrypted: 'k:i:c:t' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const broken = await tdb.db
      .insertInto('plaid_items')
      .values({
        user_id: userId,
        plaid_item_id: 'p-broken',
        access_token_encrypted: 'k:i:c:t',
        status: 'login_required',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ensureSyncSchedules(observed, tdb.db, 6);
    expect(schedules.has(itemSchedulerId(active.id))).toBe(true);
    expect(schedules.has(itemSchedulerId(broken.id))).toBe(false);
    expect(schedules.get(CATCH_UP_SCHEDULER_ID)).toEqual({ pattern: expect.any(String) });
    expect(SYNC_ITEM_JOB).toBe('sync-item');
    await queue.close();
  });
});
