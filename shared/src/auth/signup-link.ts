import { DomainError } from '../errors/domain-error.ts';
import { signLinkToken, verifyLinkToken } from '../reports/signed-link-token.ts';
import { hashToken } from './hash-token.ts';

/** How long a sign-up link works. */
export const SIGNUP_LINK_TTL_MS = 24 * 3600_000;

/** What a sign-up link is signed over: the pending sign-up, its address and its expiry. */
export interface SignupLinkSubject {
  id: string;
  email: string;
  expiresAt: Date;
}

/**
 * The token of a sign-up link: `<sign-up id>.<expiry>.<HMAC>`, signed (purpose 'signup') over the id, the
 * address and the expiry. Deterministic, so the API stores only its hash when it records the sign-up and the
 * mailer signs the same token again at send time: no usable token is ever stored or queued.
 */
export function signupLinkToken(signup: SignupLinkSubject, secret: string): string {
  return `${signup.id}.${signLinkToken({ purpose: 'signup', userId: signup.id, subject: signup.email.toLowerCase(), expiresAt: signup.expiresAt }, secret)}`;
}

/** What the pending_signups row stores of a token. */
export const signupTokenHash = (token: string): string => hashToken(token);

/** The one refusal for a link that is forged, used, expired or for an address that has an account by now. */
export const signupLinkInvalid = (): DomainError =>
  new DomainError('SIGNUP_LINK_INVALID', 'this sign-up link is not valid or has expired; sign up again', [
    { path: 'body.token', message: 'not a valid sign-up link' },
  ]);

/**
 * Checks a presented token against the sign-up its hash found: the signature over that sign-up's id and address,
 * and the expiry. Throws SIGNUP_LINK_INVALID (never saying which check failed).
 */
export function verifySignupLinkToken(
  token: string,
  signup: Omit<SignupLinkSubject, 'expiresAt'>,
  secret: string,
  now: Date,
): void {
  const prefix = `${signup.id}.`;
  if (!token.startsWith(prefix)) throw signupLinkInvalid();
  try {
    verifyLinkToken(
      token.slice(prefix.length),
      { purpose: 'signup', userId: signup.id, subject: signup.email.toLowerCase() },
      secret,
      now,
    );
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'LINK_INVALID' || error.code === 'LINK_EXPIRED'))
      throw signupLinkInvalid();
    throw error;
  }
}
