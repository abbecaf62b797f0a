export interface RefreshSessionState {
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/**
 * How long after a rotation the spent token is still honoured. Two tabs of one browser that refresh at the
 * same moment both present the same token; the slower one must not sign every device out.
 */
export const REFRESH_REUSE_GRACE_MS = 20_000;

/**
 * What a presented refresh token means.
 * - 'rotate': live and unspent: exchange it for the next token of its family.
 * - 'grace': spent by a rotation less than the grace period ago, family still live: issue a sibling token
 *   in the same family and leave the family alone (the concurrent-tabs race, not theft).
 * - 'reused': spent longer ago — the signature of theft (the thief or the user holds a copy), so the caller
 *   revokes the whole family.
 * - 'revoked' / 'expired': refuse, nothing else changes.
 */
export type RefreshDecision = 'rotate' | 'grace' | 'reused' | 'revoked' | 'expired';

export function decideRefresh(
  session: RefreshSessionState,
  now: Date,
  graceMs: number = REFRESH_REUSE_GRACE_MS,
): RefreshDecision {
  if (session.revokedAt) return 'revoked';
  const expired = session.expiresAt.getTime() <= now.getTime();
  if (session.usedAt) {
    // The window runs from the first rotation: presenting the token again within it does not extend it.
    if (now.getTime() - session.usedAt.getTime() >= graceMs) return 'reused';
    return expired ? 'expired' : 'grace';
  }
  if (expired) return 'expired';
  return 'rotate';
}
