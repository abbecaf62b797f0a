import { describe, expect, it } from 'vitest';
import { backoffDelay, type RetryPolicy, withRetry } from './with-retry.ts';

const http = (status: number, data: Record<string, unknown> = {}, headers: Record<string, unknown> = {}) => ({
  response: { status, data, headers },
});

function policy(over: Partial<RetryPolicy> = {}): RetryPolicy & { slept: number[] } {
  const slept: number[] = [];
  return {
    attempts: 5,
    baseMs: 100,
    maxMs: 10_000,
    rateLimitBaseMs: 1000,
    random: () => 0.5,
    sleep: async (ms) => {
      slept.push(ms);
    },
    ...over,
    slept,
  };
}

describe('withRetry', () => {
  it('retries transient failures with growing delays until the call succeeds', async () => {
    const p = policy();
    let calls = 0;
    const result = await withRetry(async () => {
      calls++;
      if (calls < 4) throw http(500, { error_type: 'API_ERROR' });
      return 'ok';
    }, p);
    expect(result).toBe('ok');
    expect(calls).toBe(4);
    expect(p.slept).toEqual([50, 100, 200]);
  });

  it('does not retry an item error and reports its code', async () => {
    const p = policy();
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw http(400, { error_code: 'ITEM_LOGIN_REQUIRED' });
      }, p),
    ).rejects.toMatchObject({ code: 'ITEM_LOGIN_REQUIRED', failure: { kind: 'item' } });
    expect(calls).toBe(1);
  });

  it('gives up after the configured attempts', async () => {
    const p = policy({ attempts: 3 });
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw { code: 'ECONNABORTED', message: 'timeout' };
      }, p),
    ).rejects.toMatchObject({ code: 'PLAID_ERROR', failure: { kind: 'transient' } });
    expect(calls).toBe(3);
  });
});

describe('backoffDelay', () => {
  const transient = (status: number, retryAfterMs: number | null = null) =>
    ({ kind: 'transient', code: 'X', message: '', status, retryAfterMs }) as const;

  it('waits at least Retry-After on a rate limit', () => {
    expect(backoffDelay(policy({ random: () => 0 }), 0, transient(429, 5000))).toBe(5000);
  });

  it('waits longer for rate limits than for server errors', () => {
    const p = policy({ random: () => 0.5 });
    expect(backoffDelay(p, 2, transient(429))).toBeGreaterThan(backoffDelay(p, 2, transient(500)));
  });

  it('never exceeds the cap', () => {
    expect(backoffDelay(policy({ random: () => 0.999 }), 30, transient(500))).toBeLessThanOrEqual(10_000);
  });
});
