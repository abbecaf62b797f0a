import { describe, expect, it } from 'vitest';
import { createInProcessJobQueue } from './in-process-job-queue.ts';

describe('in-process job queue', () => {
  it('runs at most one job per dedupe id at a time and keeps one follow-up with the latest data', async () => {
    const queue = createInProcessJobQueue({ concurrency: 4 });
    const seen: unknown[] = [];
    let running = 0;
    let maxRunning = 0;
    queue.register('work', async (data) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 20));
      seen.push(data);
      running--;
    });
    await queue.start();
    await queue.enqueue('work', 1, { dedupeId: 'item-a' });
    await new Promise((r) => setTimeout(r, 5)); // the first is now active
    for (let i = 2; i <= 6; i++) await queue.enqueue('work', i, { dedupeId: 'item-a' });
    await queue.idle();
    expect(maxRunning).toBe(1);
    expect(seen).toEqual([1, 6]);
    await queue.close();
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const queue = createInProcessJobQueue();
    const attempts: number[] = [];
    queue.register('flaky', async (_data, ctx) => {
      attempts.push(ctx.attempt);
      if (ctx.attempt < 3) throw new Error('boom');
    });
    await queue.start();
    await queue.enqueue('flaky', {}, { attempts: 5, backoffMs: 5 });
    await queue.idle();
    expect(attempts).toEqual([1, 2, 3]);
    await queue.close();
  });

  it('stops retrying after the configured attempts', async () => {
    const queue = createInProcessJobQueue();
    let calls = 0;
    queue.register('broken', async () => {
      calls++;
      throw new Error('always');
    });
    await queue.start();
    await queue.enqueue('broken', {}, { attempts: 2, backoffMs: 1 });
    await queue.idle();
    expect(calls).toBe(2);
    await queue.close();
  });
});
