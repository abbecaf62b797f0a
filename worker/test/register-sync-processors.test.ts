import { createInProcessJobQueue, type JobQueue, type Schedule } from '@finsync/shared/queue';
import { enqueueItemSync, itemSchedulerId } from '@finsync/shared/sync';
import { findPlaidItem } from '@finsync/shared/tables';
import { describe, expect, it } from 'vitest';
import { ensureJobSchedules } from '../src/ensure-job-schedules.ts';
import { registerSyncProcessors } from '../src/register-sync-processors.ts';
import {
  admin,
  createUser,
  expectGroundTruth,
  fastRetry,
  linkEmulatorItem,
  testCipher,
  useSyncEmulator,
} from './sync-harness.ts';

const cipher = testCipher();
const h = useSyncEmulator(5);

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
    registerSyncProcessors(observed, { db: h.db, plaid: h.plaid, cipher, retry: fastRetry });
    const userId = await createUser(h.db);
    const { itemId, plaidItemId } = await linkEmulatorItem(
      { db: h.db, url: h.url, plaid: h.plaid, cipher, queue: observed },
      userId,
      { transactions: 400 },
    );
    expect(schedules.get(itemSchedulerId(itemId))).toEqual({ everyMs: 6 * 3_600_000 });
    const progress: unknown[] = [];
    queue.onProgress((e) => progress.push(e.progress));
    await queue.start();
    await queue.idle();
    await expectGroundTruth(h.db, h.url, itemId, plaidItemId);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', itemId });

    await admin(h.url, 'PUT', '/emulator/faults', {
      endpoint: '/transactions/sync',
      login_required_rate: 1,
    });
    await enqueueItemSync(observed, { itemId, trigger: 'manual' });
    await queue.idle();
    await admin(h.url, 'DELETE', '/emulator/faults');
    expect(schedules.has(itemSchedulerId(itemId))).toBe(false);
    expect((await findPlaidItem(h.db, itemId))?.status).toBe('login_required');
    await queue.close();
  });

  it('ensureJobSchedules schedules every active item, the standing jobs and every report, in its time zone', async () => {
    const { observed, schedules, queue } = observedQueue();
    const userId = await createUser(h.db);
    const active = await h.db
      .insertInto('plaid_items')
      .values({ user_id: userId, plaid_item_id: 'p-active', access_token_encrypted: 'k:i:c:t' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const broken = await h.db
      .insertInto('plaid_items')
      .values({
        user_id: userId,
        plaid_item_id: 'p-broken',
        access_token_encrypted: 'k:i:c:t',
        status: 'login_required',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db
      .updateTable('users')
      .set({
        timezone: 'Europe/Berlin',
        report_weekday: 1,
        report_schedule: JSON.stringify({ weekly: true, monthly: false }),
      })
      .where('id', '=', userId)
      .execute();
    await ensureJobSchedules(observed, h.db, { SYNC_INTERVAL_HOURS: 6, REPORT_LOCAL_HOUR: 7 });
    expect(schedules.get(itemSchedulerId(active.id))).toEqual({ everyMs: 6 * 3_600_000 });
    expect(schedules.has(itemSchedulerId(broken.id))).toBe(false);
    expect(schedules.get('nightly-sync-catch-up')).toEqual({ pattern: '15 3 * * *', tz: 'UTC' });
    expect(schedules.get('notifications:dispatch')).toEqual({ everyMs: 5 * 60_000 });
    // The same queue type the demo runs in-process: weekly reports there too, on the user's wall clock.
    expect(schedules.get(`report:weekly:${userId}`)).toEqual({ pattern: '0 7 * * 1', tz: 'Europe/Berlin' });
    expect(schedules.has(`report:monthly:${userId}`)).toBe(false);
    await queue.close();
  });
});
