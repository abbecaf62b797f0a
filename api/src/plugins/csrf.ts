import { createHash } from 'node:crypto';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session a CSRF token must be bound to when the request has no verified access cookie. */
    csrfSessionId: string | null;
  }
}

export const CSRF_COOKIE = 'fs_csrf';
/** What tokens of requests without any session are bound to (only sign-in pages fetch those). */
const NO_SESSION = 'no-session';

/**
 * The session id a CSRF token is bound to: the access cookie's session, else the one a route resolved from the
 * refresh cookie (refresh, logout, /auth/csrf after the access cookie expired). A token minted for another
 * session (an attacker's own cookie and token pair) does not verify.
 */
export function csrfBinding(request: FastifyRequest): string {
  if (request.auth?.via === 'cookie' && request.auth.familyId) return request.auth.familyId;
  return request.csrfSessionId ?? NO_SESSION;
}

/**
 * Double-submit CSRF (@fastify/csrf-protection): a secret in an httpOnly cookie and a token in x-csrf-token,
 * the token an HMAC over the secret and the session id (userInfo), so it only works with the session it was
 * issued to.
 */
export async function registerCsrf(app: FastifyInstance, opts: { secure: boolean; secret: string }) {
  app.decorateRequest('csrfSessionId', null);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure: opts.secure, signed: false },
    getUserInfo: csrfBinding,
    csrfOpts: { hmacKey: createHash('sha256').update(`finsync-csrf:${opts.secret}`).digest() },
  });
}
