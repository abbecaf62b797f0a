import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLocked, LOCKOUT_MS, MAX_FAILED_LOGINS, registerLoginFailure } from './login-policy.ts';

const now = new Date('2026-11-25T12:00:00Z');

describe('login lockout policy', () => {
  it('locks on the fifth consecutive failure, not before', () => {
    let state = { failedCount: 0, lockedUntil: null as Date | null };
    const locks: boolean[] = [];
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      const next = registerLoginFailure(state, now);
      locks.push(next.justLocked);
      state = next;
    }
    expect(locks).toEqual([false, false, false, false, true]);
    expect(state.lockedUntil?.getTime()).toBe(now.getTime() + LOCKOUT_MS);
    expect(isLocked(state, now)).toBe(true);
  });

  it('failures while locked do not extend the lock', () => {
    const lockedUntil = new Date(now.getTime() + 60_000);
    const next = registerLoginFailure({ failedCount: 7, lockedUntil }, now);
    expect(next.lockedUntil).toBe(lockedUntil);
    expect(next.justLocked).toBe(false);
  });

  it('an expired lock starts the count again', () => {
    const next = registerLoginFailure({ failedCount: 9, lockedUntil: new Date(now.getTime() - 1) }, now);
    expect(next.failedCount).toBe(1);
    expect(next.justLocked).toBe(false);
  });

  it('never locks for fewer failures than the threshold (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FAILED_LOGINS - 2 }), (count) => {
        const next = registerLoginFailure({ failedCount: count, lockedUntil: null }, now);
        expect(next.justLocked).toBe(false);
        expect(next.failedCount).toBe(count + 1);
      }),
    );
  });
});
