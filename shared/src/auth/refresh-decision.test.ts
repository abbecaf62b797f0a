import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideRefresh, REFRESH_REUSE_GRACE_MS, type RefreshSessionState } from './refresh-decision.ts';

const now = new Date('2026-11-25T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const later = new Date(now.getTime() + 30 * 24 * 3600_000);

describe('refresh token decision', () => {
  it.each<[string, RefreshSessionState, ReturnType<typeof decideRefresh>]>([
    ['unspent and live', { usedAt: null, revokedAt: null, expiresAt: later }, 'rotate'],
    ['spent this instant (the other tab)', { usedAt: now, revokedAt: null, expiresAt: later }, 'grace'],
    ['spent 1 s ago', { usedAt: ago(1000), revokedAt: null, expiresAt: later }, 'grace'],
    [
      'spent just inside the window',
      { usedAt: ago(REFRESH_REUSE_GRACE_MS - 1), revokedAt: null, expiresAt: later },
      'grace',
    ],
    [
      'spent exactly the window ago',
      { usedAt: ago(REFRESH_REUSE_GRACE_MS), revokedAt: null, expiresAt: later },
      'reused',
    ],
    ['spent an hour ago', { usedAt: ago(3600_000), revokedAt: null, expiresAt: later }, 'reused'],
    ['spent and its family revoked', { usedAt: now, revokedAt: now, expiresAt: later }, 'revoked'],
    ['unspent but revoked', { usedAt: null, revokedAt: ago(5), expiresAt: later }, 'revoked'],
    ['unspent and expired', { usedAt: null, revokedAt: null, expiresAt: now }, 'expired'],
    [
      'spent inside the window but expired',
      { usedAt: ago(1000), revokedAt: null, expiresAt: now },
      'expired',
    ],
    [
      'spent outside the window and expired',
      { usedAt: ago(3600_000), revokedAt: null, expiresAt: now },
      'reused',
    ],
  ])('%s → %s', (_name, session, expected) => {
    expect(decideRefresh(session, now)).toBe(expected);
  });

  it('the grace period is a parameter: zero restores strict reuse detection', () => {
    expect(decideRefresh({ usedAt: now, revokedAt: null, expiresAt: later }, now, 0)).toBe('reused');
  });

  it('a spent token is never rotated again, and reuse is flagged exactly outside the window (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 10 * REFRESH_REUSE_GRACE_MS }), (sinceUse) => {
        const decision = decideRefresh({ usedAt: ago(sinceUse), revokedAt: null, expiresAt: later }, now);
        expect(decision).toBe(sinceUse < REFRESH_REUSE_GRACE_MS ? 'grace' : 'reused');
      }),
    );
  });
});
