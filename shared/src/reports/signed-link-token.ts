import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors/domain-error.ts';

/** What a token lets its holder ask for; a token for one purpose never opens another. */
export type SignedLinkPurpose = 'report' | 'unsubscribe' | 'notification' | 'password_reset' | 'signup';

export interface SignedLinkClaims {
  purpose: SignedLinkPurpose;
  userId: string;
  /**
   * The report id, the notification kind to unsubscribe from, the notification id, the reset id, or the
   * address a sign-up confirms.
   */
  subject: string;
  expiresAt: Date;
}

/**
 * `<expiry seconds>.<base64url HMAC-SHA256>` over purpose, user, subject and expiry. The token only
 * proves the link came from us and is still fresh: the API still requires the user to be logged in
 * as `userId` before it shows anything.
 */
export function signLinkToken(claims: SignedLinkClaims, secret: string): string {
  const exp = Math.floor(claims.expiresAt.getTime() / 1000);
  return `${exp}.${mac({ ...claims, exp }, secret)}`;
}

/** Throws DomainError LINK_INVALID or LINK_EXPIRED. */
export function verifyLinkToken(
  token: string,
  expected: Omit<SignedLinkClaims, 'expiresAt'>,
  secret: string,
  now: Date,
): { expiresAt: Date } {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) throw new DomainError('LINK_INVALID', 'link token is malformed');
  const exp = Number(match[1]);
  const given = Buffer.from(match[2]!, 'base64url');
  const wanted = Buffer.from(mac({ ...expected, exp }, secret), 'base64url');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new DomainError('LINK_INVALID', 'link token does not match');
  }
  if (exp * 1000 <= now.getTime()) throw new DomainError('LINK_EXPIRED', 'link has expired');
  return { expiresAt: new Date(exp * 1000) };
}

function mac(c: Omit<SignedLinkClaims, 'expiresAt'> & { exp: number }, secret: string): string {
  if (secret.length < 32)
    throw new DomainError('CONFIG_INVALID', 'link secret must be at least 32 characters');
  return createHmac('sha256', secret)
    .update(['finsync-link-v1', c.purpose, c.userId, c.subject, String(c.exp)].join('\n'))
    .digest('base64url');
}
