import type { ApiConfig } from '@finsync/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { IssuedSession } from './auth-service.ts';

export const ACCESS_COOKIE = 'fs_access';
export const REFRESH_COOKIE = 'fs_refresh';
export const ACCESS_TTL_SECONDS = 15 * 60;
/** The refresh cookie is only ever sent to the auth routes that need it. */
const REFRESH_PATH = '/api/v1/auth';

export interface AccessClaims {
  sub: string;
  fam: string;
}

/** Secure unless explicitly turned off (plain-http local demo); always on in production. */
export function cookieSecure(config: Pick<ApiConfig, 'COOKIE_SECURE' | 'NODE_ENV'>): boolean {
  return config.NODE_ENV === 'production' ? true : (config.COOKIE_SECURE ?? true);
}

/** Sets the access JWT and the rotating refresh token as httpOnly SameSite=Strict cookies. */
export function setSessionCookies(
  app: FastifyInstance,
  reply: FastifyReply,
  session: IssuedSession,
  secure: boolean,
  now: Date,
): { accessTokenExpiresAt: string } {
  const claims: AccessClaims = { sub: session.user.id, fam: session.familyId };
  const access = app.jwt.sign(claims);
  const base = { httpOnly: true, secure, sameSite: 'strict' as const };
  reply.setCookie(ACCESS_COOKIE, access, { ...base, path: '/', maxAge: ACCESS_TTL_SECONDS });
  reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
    ...base,
    path: REFRESH_PATH,
    expires: session.refreshExpiresAt,
  });
  return { accessTokenExpiresAt: new Date(now.getTime() + ACCESS_TTL_SECONDS * 1000).toISOString() };
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  const base = { httpOnly: true, secure, sameSite: 'strict' as const };
  reply.clearCookie(ACCESS_COOKIE, { ...base, path: '/' });
  reply.clearCookie(REFRESH_COOKIE, { ...base, path: REFRESH_PATH });
}
