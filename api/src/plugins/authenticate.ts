import { DomainError } from '@finsync/shared';
import type { TokenScope } from '@finsync/shared/users';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { AuthService } from '../auth/auth-service.ts';
import { ACCESS_COOKIE, type AccessClaims } from '../auth/session-cookies.ts';
import type { SessionRegistry } from '../auth/session-registry.ts';

export interface RequestAuth {
  userId: string;
  /** Cookie sessions need CSRF tokens on writes; bearer tokens cannot be sent by a browser on its own. */
  via: 'cookie' | 'token';
  familyId: string | null;
  /** A personal access token's scope; null for a browser session. */
  tokenScope: TokenScope | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Credentials, MFA, sessions and tokens: managed from a signed-in browser only. No personal access token,
     * whatever its scope, may use the route.
     */
    browserSessionOnly?: boolean;
  }
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
  interface FastifyInstance {
    /**
     * onRequest: 401 unless the request carries a live session's access cookie or a personal access token.
     * It runs before the body is read, so a stranger's body is never parsed or validated.
     */
    requireUser: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** preValidation: cookie-authenticated writes must carry a valid x-csrf-token. */
    requireCsrf: (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;
  }
}

export const PAT_PREFIX = 'fs_pat_';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const unauthenticated = (message = 'sign in first') => new DomainError('UNAUTHENTICATED', message);

/** The authenticated user of a request that passed requireUser. */
export function userIdOf(request: FastifyRequest): string {
  if (!request.auth) throw unauthenticated();
  return request.auth.userId;
}

const hooks = (h: unknown): unknown[] => (h === undefined ? [] : Array.isArray(h) ? h : [h]);

export function registerAuthentication(
  app: FastifyInstance,
  auth: AuthService,
  sessions: SessionRegistry,
): void {
  app.decorateRequest('auth', null);

  // Authentication before parsing and validation: a route that lists requireUser among its preHandlers would
  // validate (and parse) an unauthenticated body first, so such a route is refused at startup.
  app.addHook('onRoute', (route) => {
    if (
      hooks(route.preHandler).includes(app.requireUser) ||
      hooks(route.preValidation).includes(app.requireUser)
    )
      throw new Error(`${route.method} ${route.url}: put requireUser in onRequest, not preHandler`);
  });

  app.decorate('requireUser', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer (\S+)$/.exec(header);
      const token = match?.[1];
      if (!token?.startsWith(PAT_PREFIX)) throw unauthenticated('expected Authorization: Bearer fs_pat_…');
      const found = await auth.authenticateToken(token);
      if (!found) throw unauthenticated('token is not valid');
      if (request.routeOptions.config.browserSessionOnly)
        throw new DomainError(
          'FORBIDDEN',
          'credentials, two-factor, sessions and tokens are managed from a signed-in browser, not with a token',
        );
      if (found.scope === 'read' && !SAFE_METHODS.has(request.method))
        throw new DomainError(
          'FORBIDDEN',
          'this token is read-only; create a read-write token to make changes',
        );
      request.auth = { userId: found.userId, via: 'token', familyId: null, tokenScope: found.scope };
      return;
    }
    const cookie = request.cookies[ACCESS_COOKIE];
    if (!cookie) throw unauthenticated();
    let claims: AccessClaims;
    try {
      // Algorithm, issuer, audience and expiry are pinned in the @fastify/jwt registration.
      claims = app.jwt.verify<AccessClaims>(cookie);
    } catch {
      throw unauthenticated('session expired or not valid');
    }
    if (typeof claims.sub !== 'string' || typeof claims.fam !== 'string') throw unauthenticated();
    // `fam` is the session id: logout, password change, refresh-token reuse and account deletion end it at once.
    if (!(await sessions.isLive(claims.sub, claims.fam))) throw unauthenticated('this session has ended');
    request.auth = { userId: claims.sub, via: 'cookie', familyId: claims.fam, tokenScope: null };
  });

  app.decorate(
    'requireCsrf',
    (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      if (SAFE_METHODS.has(request.method) || request.auth?.via === 'token') return done();
      app.csrfProtection(request, reply, done);
    },
  );
}
