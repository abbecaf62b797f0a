export interface RefreshSessionState {
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/**
 * What a presented refresh token means. A token that was already exchanged ('reused') is the signature of
 * theft — either the thief or the user holds a copy — so the caller revokes the whole family.
 */
export type RefreshDecision = 'rotate' | 'reused' | 'revoked' | 'expired';

export function decideRefresh(session: RefreshSessionState, now: Date): RefreshDecision {
  if (session.revokedAt) return 'revoked';
  if (session.usedAt) return 'reused';
  if (session.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'rotate';
}
