import { randomUUID } from 'node:crypto';
import { testEnvironment } from '@finsync/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedis } from '../queue/redis-connection.ts';
import {
  createMemoryPlaidRateLimiter,
  createRedisPlaidRateLimiter,
  fixedWindowFor,
  type PlaidRateLimiter,
  rateLimitedPlaid,
} from './plaid-rate-limit.ts';

// Two connections stand for two worker processes: the budget lives only in Redis.
let workerA: Redis;
let workerB: Redis;
const prefixes: string[] = [];

beforeAll(() => {
  const url = testEnvironment(process.env).redisUrl;
  workerA = createRedis(url);
  workerB = createRedis(url);
});
afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await workerA.keys(`${prefix}:*`);
    if (keys.length > 0) await workerA.del(...keys);
  }
  await workerA.quit();
  await workerB.quit();
});

/** Two limiters on one budget; `refusals` counts the calls told to wait (each refusal draws one jitter). */
function fleet(limits: { client: number; itemSync: number; windowSeconds: number }) {
  const prefix = `finsync-test-16f-${randomUUID()}`;
  prefixes.push(prefix);
  const counter = { refusals: 0 };
  const random = () => {
    counter.refusals++;
    return 0.5;
  };
  const config = {
    prefix,
    PLAID_RATE_LIMIT_CLIENT: limits.client,
    PLAID_RATE_LIMIT_ITEM_SYNC: limits.itemSync,
    PLAID_RATE_LIMIT_WINDOW_SECONDS: limits.windowSeconds,
  };
  return {
    counter,
    limiters: [
      createRedisPlaidRateLimiter(workerA, config, random),
      createRedisPlaidRateLimiter(workerB, config, random),
    ] as const,
  };
}

interface Attempt {
  granted: boolean;
  settled: Promise<unknown>;
}

function attempt(limiter: PlaidRateLimiter, endpoint: string, itemKey: string | null, signal: AbortSignal) {
  const a: Attempt = { granted: false, settled: Promise.resolve() };
  a.settled = limiter.acquire({ endpoint, itemKey }, signal).then(
    () => {
      a.granted = true;
    },
    (error: unknown) => error,
  );
  return a;
}

describe('the Redis-backed Plaid rate limiter, shared by two workers', () => {
  it('admits at most the per-item /transactions/sync budget in a window, whichever worker asks; the rest wait, and an abort ends their wait at once', async () => {
    // 6 a minute is kept as 1 call per 12 s: a call refused now waits longer than the test looks.
    const { counter, limiters } = fleet({ client: 100, itemSync: 6, windowSeconds: 60 });
    expect(fixedWindowFor(6, 60)).toEqual({ seconds: 12, points: 1 });
    const stop = new AbortController();
    const attempts = Array.from({ length: 10 }, (_, i) =>
      attempt(limiters[i % 2]!, 'transactionsSync', 'item-a', stop.signal),
    );
    // The granted call makes two round trips (its item's window, then the client's), a refused one only the
    // first: the nine refusals can be counted before the grant lands, so wait for both.
    await vi.waitFor(
      () => {
        expect(counter.refusals).toBe(9);
        expect(attempts.filter((a) => a.granted)).toHaveLength(1);
      },
      { timeout: 10_000 },
    );
    // Another item has its own budget; other endpoints of the same item are not limited per item.
    const other = attempt(limiters[1], 'transactionsSync', 'item-b', stop.signal);
    const balance = attempt(limiters[0], 'accountsBalanceGet', 'item-a', stop.signal);
    await Promise.all([other.settled, balance.settled]);
    expect([other.granted, balance.granted]).toEqual([true, true]);

    stop.abort();
    const outcomes = await Promise.all(attempts.map((a) => a.settled));
    expect(attempts.filter((a) => a.granted)).toHaveLength(1);
    const errors = outcomes.filter((o) => o !== undefined);
    expect(errors).toHaveLength(9);
    for (const e of errors) expect(e).toMatchObject({ code: 'SYNC_ABORTED' });
  });

  it("admits at most the client's budget in a window across all items and both workers", async () => {
    // 40 calls a minute are kept as 3 per 5 s.
    const { counter, limiters } = fleet({ client: 40, itemSync: 50, windowSeconds: 60 });
    expect(fixedWindowFor(40, 60)).toEqual({ seconds: 5, points: 3 });
    const stop = new AbortController();
    const attempts = Array.from({ length: 12 }, (_, i) =>
      attempt(
        limiters[i % 2]!,
        i % 3 === 0 ? 'accountsGet' : 'transactionsSync',
        i % 4 === 0 ? null : `item-${i}`,
        stop.signal,
      ),
    );
    await vi.waitFor(
      () => {
        expect(counter.refusals).toBe(9);
        expect(attempts.filter((a) => a.granted)).toHaveLength(3);
      },
      { timeout: 4_000 },
    );
    stop.abort();
    await Promise.all(attempts.map((a) => a.settled));
    expect(attempts.filter((a) => a.granted)).toHaveLength(3);
  });

  it('waits rather than fails: every call is admitted in a later window, never more than the budget in any window', async () => {
    // 3 calls in any 2 s are kept as 1 per second.
    const { counter, limiters } = fleet({ client: 100, itemSync: 3, windowSeconds: 2 });
    const stop = new AbortController();
    const grants: number[] = [];
    const attempts = Array.from({ length: 5 }, (_, i) =>
      limiters[i % 2]!.acquire({ endpoint: 'transactionsSync', itemKey: 'item-a' }, stop.signal).then(() =>
        grants.push(Date.now()),
      ),
    );
    await Promise.all(attempts);
    expect(grants).toHaveLength(5);
    expect(counter.refusals).toBeGreaterThanOrEqual(4);
    // Counted in windows a little shorter than 2 s (the grants are timed here, after a round trip to Redis).
    for (const start of grants)
      expect(grants.filter((g) => g >= start && g < start + 1_850).length).toBeLessThanOrEqual(3);
  });

  it('is applied to every method of a wrapped Plaid client, keyed by a hash of the access token, and the call waits for it', async () => {
    const { limiters } = fleet({ client: 100, itemSync: 2, windowSeconds: 60 });
    const calls: string[] = [];
    const fake = {
      transactionsSync: async (req: { access_token: string }, _options?: { signal?: AbortSignal }) => {
        calls.push(`sync:${req.access_token}`);
        return { data: {} };
      },
      accountsGet: async (req: { access_token: string }) => {
        calls.push(`accounts:${req.access_token}`);
        return { data: {} };
      },
    };
    const plaid = rateLimitedPlaid(fake, limiters[0]);
    await plaid.transactionsSync({ access_token: 'access-secret-1' });
    await plaid.accountsGet({ access_token: 'access-secret-1' });
    const stop = new AbortController();
    const second = plaid.transactionsSync({ access_token: 'access-secret-1' }, {
      signal: stop.signal,
    } as never);
    const otherItem = await plaid.transactionsSync({ access_token: 'access-secret-2' });
    expect(otherItem).toEqual({ data: {} });
    stop.abort();
    await expect(second).rejects.toMatchObject({ code: 'SYNC_ABORTED' });
    expect(calls).toEqual(['sync:access-secret-1', 'accounts:access-secret-1', 'sync:access-secret-2']);
    const keys = await workerA.keys(`${prefixes.at(-1)}:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain('access-secret');
  });
});

describe('fixedWindowFor', () => {
  it('never lets a sliding window hold more than the limit, and admits at least one call', () => {
    for (let limit = 2; limit <= 300; limit += 7)
      for (const windowSeconds of [1, 2, 5, 7, 60, 61, 3_600]) {
        const { seconds, points } = fixedWindowFor(limit, windowSeconds);
        expect(points).toBeGreaterThanOrEqual(1);
        expect(seconds).toBeLessThanOrEqual(windowSeconds);
        // Disjoint windows of `seconds`: a sliding window meets at most ceil(window / seconds) + 1 of them.
        expect(points * (Math.ceil(windowSeconds / seconds) + 1)).toBeLessThanOrEqual(limit);
      }
  });
  it("keeps Plaid's defaults near their rate", () => {
    expect(fixedWindowFor(2_500, 60)).toEqual({ seconds: 1, points: 40 });
    expect(fixedWindowFor(50, 60)).toEqual({ seconds: 4, points: 3 });
  });
});

describe('the in-memory limiter (the embedded demo, one process)', () => {
  it('holds the same per-item budget', async () => {
    let refusals = 0;
    const limiter = createMemoryPlaidRateLimiter(
      { PLAID_RATE_LIMIT_CLIENT: 100, PLAID_RATE_LIMIT_ITEM_SYNC: 4, PLAID_RATE_LIMIT_WINDOW_SECONDS: 60 },
      () => {
        refusals++;
        return 0;
      },
    );
    const stop = new AbortController();
    const attempts = Array.from({ length: 5 }, () =>
      attempt(limiter, 'transactionsSync', 'item-a', stop.signal),
    );
    await vi.waitFor(() => expect(refusals).toBe(4));
    stop.abort();
    await Promise.all(attempts.map((a) => a.settled));
    expect(attempts.filter((a) => a.granted)).toHaveLength(fixedWindowFor(4, 60).points);
  });
});
