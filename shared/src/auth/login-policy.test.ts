import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  FAILURE_MEMORY_MS,
  FREE_FAILURES,
  MAX_BACKOFF_MS,
  secondsUntilAllowed,
} from './login-policy.ts';

const now = new Date('2026-11-25T12:00:00Z');
const free = FREE_FAILURES.perAccountAndClient;

describe('sign-in backoff policy', () => {
  it('allows the free failures at once, then waits 1 s, 2 s, 4 s … up to 15 minutes', () => {
    expect([0, 1, 4].map((n) => backoffMs(n, free))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => backoffMs(n, free))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(5 + 40, free)).toBe(MAX_BACKOFF_MS);
  });

  it('counts the wait from the latest failure', () => {
    const count = { failures: 7, lastFailureAt: new Date(now.getTime() - 1500) };
    expect(secondsUntilAllowed(count, free, now)).toBe(3);
    expect(secondsUntilAllowed(count, free, new Date(now.getTime() + 2500))).toBe(0);
    expect(secondsUntilAllowed(null, free, now)).toBe(0);
  });

  it('forgets a count a day after its latest failure', () => {
    const count = { failures: 500, lastFailureAt: new Date(now.getTime() - FAILURE_MEMORY_MS) };
    expect(secondsUntilAllowed(count, free, now)).toBe(0);
  });

  it('the wait never decreases with more failures and never exceeds the cap (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (n) => {
        expect(backoffMs(n + 1, free)).toBeGreaterThanOrEqual(backoffMs(n, free));
        expect(backoffMs(n, free)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
      }),
    );
  });
});
