import { randomBytes } from 'node:crypto';
import { createBullJobQueue, createRedis } from '@finsync/shared/queue';
import { testEnvironment } from '@finsync/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const prefix = `finsync-test-${randomBytes(4).toString('hex')}`;
const redis = createRedis(testEnvironment(process.env).redisUrl);
const jobs = { work: z.number(), flaky: z.object({}) };

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe('BullMQ job queue', () => {
  it('runs one job per dedupe id at a time and keeps one follow-up for adds during the run', async () => {
    const queue = createBullJobQueue({ jobs, redis, prefix, queueName: 'dedupe', concurrency: 4 });
    const seen: number[] = [];
    let running = 0;
    let maxRunning = 0;
    queue.register('work', async (data) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 300));
      seen.push(data);
      running--;
    });
    for (let i = 1; i <= 3; i++) await queue.enqueue('work', i, { dedupeId: 'item-a' });
    await queue.start();
    await until(() => running === 1);
    for (let i = 4; i <= 8; i++) await queue.enqueue('work', i, { dedupeId: 'item-a' });
    await until(() => seen.length >= 2);
    await new Promise((r) => setTimeout(r, 500));
    await queue.close();
    expect(maxRunning).toBe(1);
    expect(seen).toEqual([1, 8]);
  });

  it('retries a failed job with backoff until it succeeds', async () => {
    const queue = createBullJobQueue({ jobs, redis, prefix, queueName: 'retry' });
    const attempts: number[] = [];
    queue.register('flaky', async (_d, ctx) => {
      attempts.push(ctx.attempt);
      if (ctx.attempt < 3) throw new Error('transient');
    });
    await queue.start();
    await queue.enqueue('flaky', {}, { attempts: 4, backoffMs: 20 });
    await until(() => attempts.length >= 3);
    await queue.close();
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('tells another process each job attempt that ended, with its payload, through the queue events', async () => {
    const worker = createBullJobQueue({ jobs, redis, prefix, queueName: 'settled' });
    const api = createBullJobQueue({ jobs, redis, prefix, queueName: 'settled' });
    const seen: { name: string; data: unknown; outcome: string }[] = [];
    const stop = api.onSettled(({ name, data, outcome }) => seen.push({ name, data, outcome }));
    worker.register('work', async (n) => {
      if (n < 0) throw new Error('refused');
    });
    await new Promise((r) => setTimeout(r, 300)); // the events reader is listening
    await worker.start();
    await api.enqueue('work', 7);
    await api.enqueue('work', -1, { attempts: 1 });
    await until(() => seen.length >= 2);
    stop();
    await Promise.all([worker.close(), api.close()]);
    expect(seen).toEqual(
      expect.arrayContaining([
        { name: 'work', data: 7, outcome: 'completed' },
        { name: 'work', data: -1, outcome: 'failed' },
      ]),
    );
  });
});
