import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createInProcessJobQueue } from './in-process-job-queue.ts';

const jobs = {
  work: z.number(),
  flaky: z.object({}),
  broken: z.object({}),
  report: z.object({ kind: z.enum(['weekly', 'monthly']) }),
};

describe('in-process job queue', () => {
  it('runs at most one job per dedupe id at a time and keeps one follow-up with the latest data', async () => {
    const queue = createInProcessJobQueue({ jobs, concurrency: 4 });
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
    const queue = createInProcessJobQueue({ jobs });
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
    const queue = createInProcessJobQueue({ jobs });
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

  it('refuses a payload its schema does not describe when it is queued, not when it runs', async () => {
    const queue = createInProcessJobQueue({ jobs });
    // @ts-expect-error a string is not the number 'work' carries
    await expect(queue.enqueue('work', 'seven')).rejects.toThrow(/expected number/);
    // @ts-expect-error 'nope' is not in the job map
    await expect(queue.enqueue('nope', {})).rejects.toThrow('unknown job "nope"');
    await queue.close();
  });
});

describe('in-process schedules', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a cron schedule on the wall clock of its time zone (07:00 Wednesdays in Auckland, across DST)', async () => {
    // Tuesday 2026-09-22 20:00 UTC is Wednesday 08:00 in Auckland (NZST+12, before DST starts on the 27th).
    vi.useFakeTimers({ now: new Date('2026-09-22T20:00:00Z') });
    const queue = createInProcessJobQueue({ jobs });
    const runs: string[] = [];
    queue.register('report', async (data) => {
      runs.push(`${new Date().toISOString()} ${data.kind}`);
    });
    await queue.start();
    await queue.upsertSchedule(
      'weekly',
      { pattern: '0 7 * * 3', tz: 'Pacific/Auckland' },
      { name: 'report', data: { kind: 'weekly' } },
    );
    // The next Wednesday 07:00 there is 2026-09-30, in daylight time (NZDT+13): 2026-09-29T18:00Z.
    await vi.advanceTimersByTimeAsync(Date.parse('2026-09-29T17:59:59Z') - Date.now());
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toEqual(['2026-09-29T18:00:00.000Z weekly']);
    await vi.advanceTimersByTimeAsync(7 * 24 * 3_600_000);
    expect(runs).toEqual(['2026-09-29T18:00:00.000Z weekly', '2026-10-06T18:00:00.000Z weekly']);
    await queue.removeSchedule('weekly');
    await vi.advanceTimersByTimeAsync(7 * 24 * 3_600_000);
    expect(runs).toHaveLength(2);
    await queue.close();
  });

  it('reaches a monthly run more than 24.8 days away (longer than one Node timer)', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T08:00:00Z') });
    const queue = createInProcessJobQueue({ jobs });
    const runs: string[] = [];
    queue.register('report', async () => {
      runs.push(new Date().toISOString());
    });
    await queue.start();
    await queue.upsertSchedule(
      'monthly',
      { pattern: '0 7 1 * *', tz: 'UTC' },
      { name: 'report', data: { kind: 'monthly' } },
    );
    await vi.advanceTimersByTimeAsync(Date.parse('2026-02-01T07:00:01Z') - Date.now());
    expect(runs).toEqual(['2026-02-01T07:00:00.000Z']);
    await queue.close();
  });

  it('refuses a pattern or a time zone it cannot read', async () => {
    const queue = createInProcessJobQueue({ jobs });
    await expect(
      queue.upsertSchedule(
        'x',
        { pattern: '0 25 * * *', tz: 'UTC' },
        { name: 'report', data: { kind: 'weekly' } },
      ),
    ).rejects.toThrow();
    await expect(
      queue.upsertSchedule(
        'x',
        { pattern: '0 7 * * 3', tz: 'Mars/Olympus' },
        { name: 'report', data: { kind: 'weekly' } },
      ),
    ).rejects.toThrow();
    await queue.close();
  });
});
