import { describe, expect, it } from 'vitest';
import { createInProcessJobQueue } from '../queue/in-process-job-queue.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { jobNames } from './job-map.ts';
import { standingSchedules } from './job-schedules.ts';
import { type JobHandlers, MissingJobHandlerError, registerJobHandlers } from './register-job-handlers.ts';

const userId = '3f0b6c1e-9a52-4c7e-8d1a-2b7e5f4a9c10';

/**
 * Never called: `tsc` (the repo's type check includes test files) proves these lines. Each
 * `@ts-expect-error` must meet an error, so a queue that accepted an unknown job or a wrong payload would
 * fail the type check with "Unused '@ts-expect-error' directive".
 */
export async function typeLevelProof(queue: JobQueue): Promise<void> {
  await queue.enqueue('generate-report', { userId, kind: 'weekly' });
  await queue.enqueue('sync-item', { itemId: userId, trigger: 'manual' });
  // @ts-expect-error an unknown job name does not compile
  await queue.enqueue('generate-reports', { userId, kind: 'weekly' });
  // @ts-expect-error a payload without a field its schema requires does not compile
  await queue.enqueue('generate-report', { kind: 'weekly' });
  // @ts-expect-error a payload of another job does not compile
  await queue.enqueue('send-notification', { userId });
  // @ts-expect-error a value outside the schema's enum does not compile
  await queue.enqueue('sync-item', { itemId: userId, trigger: 'sometimes' });
  // @ts-expect-error a schedule runs a job of the map too
  await queue.upsertSchedule('x', { everyMs: 1000 }, { name: 'nightly', data: {} });
  // @ts-expect-error a cron schedule carries its time zone
  await queue.upsertSchedule('x', { pattern: '0 7 * * 1' }, { name: 'sync-catch-up', data: {} });
  queue.register('refresh-reports', async (data) => data.userId);
  // @ts-expect-error a handler sees its job's parsed payload, nothing else
  queue.register('refresh-reports', async (data) => data.itemId);
  // @ts-expect-error a handler for a job outside the map does not compile
  queue.register('refresh-everything', async () => undefined);
  const handlers = {} as JobHandlers;
  // @ts-expect-error the handler map needs every job of the map
  const partial: JobHandlers = { 'sync-item': handlers['sync-item'] };
  void partial;
}

const everyHandler = (): JobHandlers =>
  Object.fromEntries(jobNames.map((name) => [name, async () => name])) as unknown as JobHandlers;

describe('the job catalogue', () => {
  it('start-up refuses a job of the map without a handler, naming it, and registers none', async () => {
    const queue = createInProcessJobQueue();
    const registered: string[] = [];
    const spy = { register: (name: string) => void registered.push(name) } as Pick<JobQueue, 'register'>;
    const { 'send-notification': _dropped, ...rest } = everyHandler();
    const attempt = () => registerJobHandlers(spy, rest as JobHandlers);
    expect(attempt).toThrow(MissingJobHandlerError);
    expect(attempt).toThrow(/no handler for "send-notification"/);
    expect(registered).toEqual([]);
    registerJobHandlers(queue, everyHandler());
    await queue.close();
  });

  it('registers every job, so each queued job of the map runs', async () => {
    const queue = createInProcessJobQueue();
    const ran: string[] = [];
    const handlers = Object.fromEntries(
      jobNames.map((name) => [name, async () => void ran.push(name)]),
    ) as unknown as JobHandlers;
    registerJobHandlers(queue, handlers);
    await queue.start();
    await queue.enqueue('refresh-reports', { userId });
    await queue.enqueue('send-notification', { notificationId: userId });
    await queue.idle();
    expect(ran.sort()).toEqual(['refresh-reports', 'send-notification']);
    await queue.close();
  });

  it('defines each standing schedule once, cron ones with a time zone', () => {
    const ids = standingSchedules.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(standingSchedules.map((s) => [s.id, s.schedule])).toEqual([
      ['nightly-sync-catch-up', { pattern: '15 3 * * *', tz: 'UTC' }],
      ['notifications:dispatch', { everyMs: 300_000 }],
    ]);
  });
});
