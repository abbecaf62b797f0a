import { randomBytes } from 'node:crypto';
import { DomainError, NotFoundError, withUser } from '@finsync/shared';
import { hashToken } from '@finsync/shared/auth';
import {
  ChangePasswordRequest,
  CreatedPersonalAccessToken,
  CreatePersonalAccessTokenRequest,
  CsrfResponse,
  DeleteAccountRequest,
  ErrorBody,
  IdParams,
  LoginRequest,
  MfaDisableRequest,
  MfaEnabled,
  MfaEnrolResponse,
  MfaPasskeyEnabled,
  MfaPasskeyRequest,
  MfaRecoveryCodes,
  MfaRecoveryCodesRequest,
  MfaVerifyRequest,
  Ok,
  PasskeyList,
  PasskeyLoginRequest,
  PasskeyRegisterRequest,
  PasswordResetConfirm,
  PasswordResetRequest,
  PersonalAccessTokenList,
  SessionList,
  SessionProbeResponse,
  SessionResponse,
  SessionsRevoked,
  SignupAccepted,
  SignupConfirmRequest,
  SignupRequest,
  User,
  WebAuthnOptions,
} from '@finsync/shared/contract';
import { describeDevice, personalAccessTokenRepository, recordAudit } from '@finsync/shared/users';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app.ts';
import type { IssuedSession } from '../../auth/auth-service.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S } from '../../auth/device-cookie.ts';
import {
  ACCESS_COOKIE,
  type AccessClaims,
  clearSessionCookies,
  REFRESH_COOKIE,
  setSessionCookies,
} from '../../auth/session-cookies.ts';
import { PAT_PREFIX, userIdOf } from '../../plugins/authenticate.ts';
import { csrfBinding } from '../../plugins/csrf.ts';
import { RetryLaterError } from '../../plugins/error-handler.ts';
import { isKnownTimeZone } from './known-time-zone.ts';
import { auditContext } from './request-context.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };
const AUTH_BODY_LIMIT = 16 * 1024;

/** Auth, MFA, account deletion and personal access tokens. */
export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Budgets are checked explicitly (createRateLimit) so per-IP and per-account limits can stack on one route.
    const limit = (name: keyof AppContext['rateLimits'], key: (request: FastifyRequest) => string) => {
      const check = app.createRateLimit({
        max: ctx.rateLimits[name].max,
        timeWindow: ctx.rateLimits[name].windowMs,
        keyGenerator: (request) => `${name}:${key(request)}`,
      });
      return async (request: FastifyRequest) => {
        const result = await check(request);
        // isAllowed means allow-listed; isExceeded means over budget.
        if (!result.isAllowed && result.isExceeded) {
          throw new RetryLaterError(
            'RATE_LIMITED',
            'too many requests; slow down',
            Math.max(1, result.ttlInSeconds),
          );
        }
      };
    };
    const byIp = (request: FastifyRequest) => request.ip;
    // Hashed so the rate-limit store never holds e-mail addresses.
    const byEmail = (request: FastifyRequest) =>
      hashToken(String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase());
    const byUser = (request: FastifyRequest) => request.auth?.userId ?? request.ip;
    /** A signed-in browser changing its own credentials: its cookie, its CSRF token, the per-account limit. */
    const credentialChange = {
      config: { browserSessionOnly: true },
      onRequest: [app.requireUser],
      preValidation: [app.requireCsrf],
      preHandler: [limit('passwordPerAccount', byUser)],
    };

    const respondWithSession = (reply: FastifyReply, session: IssuedSession) => {
      const { accessTokenExpiresAt } = setSessionCookies(app, reply, session, ctx.cookieSecure, ctx.clock());
      return {
        user: session.user,
        csrfToken: reply.generateCsrf({ userInfo: session.familyId }),
        accessTokenExpiresAt,
      };
    };

    /**
     * For the routes a browser calls with or without a live access cookie (csrf, refresh, logout): the session
     * CSRF tokens are bound to, from the access cookie, else from the refresh cookie (sent to /api/v1/auth).
     */
    const resolveCsrfSession = async (request: FastifyRequest) => {
      const access = request.cookies[ACCESS_COOKIE];
      if (access) {
        try {
          const claims = app.jwt.verify<AccessClaims>(access);
          if (typeof claims.fam === 'string') {
            request.csrfSessionId = claims.fam;
            return;
          }
        } catch {
          // Expired or not valid: fall back to the refresh cookie.
        }
      }
      const refresh = request.cookies[REFRESH_COOKIE];
      if (refresh && refresh.length <= 200)
        request.csrfSessionId = await ctx.auth.sessionIdOfRefreshToken(refresh);
    };

    app.get(
      '/auth/csrf',
      {
        schema: {
          tags: ['auth'],
          summary: 'A CSRF token for cookie-authenticated writes',
          response: { 200: CsrfResponse },
        },
      },
      async (request, reply) => {
        await resolveCsrfSession(request);
        return { csrfToken: reply.generateCsrf({ userInfo: csrfBinding(request) }) };
      },
    );

    app.post(
      '/auth/signup',
      {
        bodyLimit: AUTH_BODY_LIMIT,
        onRequest: [limit('signupPerIp', byIp)],
        preHandler: [limit('signupPerAddress', byEmail)],
        schema: {
          tags: ['auth'],
          summary:
            'Ask for an account: the address gets an email with a link that creates it (the same answer whether the address is registered)',
          body: SignupRequest,
          response: { 202: SignupAccepted, ...errors },
        },
      },
      async (request, reply) => {
        if (request.body.timezone && !isKnownTimeZone(request.body.timezone)) {
          throw new DomainError('VALIDATION_FAILED', 'unknown time zone', [
            { path: 'body.timezone', message: 'unknown time zone' },
          ]);
        }
        const locale = request.body.locale === undefined ? undefined : canonicalLocale(request.body.locale);
        if (locale === null) {
          throw new DomainError('VALIDATION_FAILED', 'unknown locale', [
            { path: 'body.locale', message: 'not a language tag such as en-US' },
          ]);
        }
        await ctx.auth.signup({ ...request.body, locale }, auditContext(request));
        return reply.code(202).send({ ok: true as const, checkEmail: true as const });
      },
    );

    app.post(
      '/auth/signup/confirm',
      {
        bodyLimit: AUTH_BODY_LIMIT,
        onRequest: [limit('signupConfirmPerIp', byIp)],
        schema: {
          tags: ['auth'],
          summary: 'Follow the emailed sign-up link: creates the account and signs it in (a link works once)',
          body: SignupConfirmRequest,
          response: { 201: SessionResponse, ...errors },
        },
      },
      async (request, reply) => {
        const session = await ctx.auth.confirmSignup(request.body.token, auditContext(request));
        return reply.code(201).send(respondWithSession(reply, session));
      },
    );

    app.post(
      '/auth/login',
      {
        bodyLimit: AUTH_BODY_LIMIT,
        onRequest: [limit('loginPerIp', byIp)],
        schema: {
          tags: ['auth'],
          summary:
            'Sign in with e-mail and password (and, when two-factor is on, a TOTP code, a recovery code or a passkey)',
          body: LoginRequest,
          response: { 200: SessionResponse, ...errors },
        },
      },
      async (request, reply) => {
        const { passkey, ...body } = request.body;
        // A passkey as the second factor: it must prove the same account the password does.
        const passkeyUserId = await passkeyProof(request, passkey);
        const session = await ctx.auth.login(
          { ...body, passkeyUserId, deviceCookie: request.cookies[DEVICE_COOKIE] },
          auditContext(request),
        );
        reply.setCookie(DEVICE_COOKIE, session.device.value, {
          httpOnly: true,
          secure: ctx.cookieSecure,
          sameSite: 'strict',
          path: '/api/v1/auth',
          maxAge: DEVICE_COOKIE_MAX_AGE_S,
        });
        return respondWithSession(reply, session);
      },
    );

    app.post(
      '/auth/refresh',
      {
        onRequest: [limit('refreshPerIp', byIp)],
        preHandler: [resolveCsrfSession, app.requireCsrf],
        schema: {
          tags: ['auth'],
          summary: 'Rotate the refresh token; reusing a spent one signs every device of that login out',
          response: { 200: SessionResponse, ...errors },
        },
      },
      async (request, reply) => {
        const token = request.cookies[REFRESH_COOKIE];
        if (!token) throw new DomainError('UNAUTHENTICATED', 'no refresh token');
        try {
          return respondWithSession(reply, await ctx.auth.refresh(token, auditContext(request)));
        } catch (error) {
          clearSessionCookies(reply, ctx.cookieSecure);
          throw error;
        }
      },
    );

    app.post(
      '/auth/logout',
      {
        preHandler: [resolveCsrfSession, app.requireCsrf],
        schema: {
          tags: ['auth'],
          summary: 'Sign this login out on every device it refreshed to',
          response: { 200: Ok, ...errors },
        },
      },
      async (request, reply) => {
        let access: { userId?: string; familyId?: string } = {};
        try {
          await app.requireUser(request, reply);
          access = {
            userId: request.auth?.userId,
            familyId: request.auth?.familyId ?? undefined,
          } as typeof access;
        } catch {
          // An expired access cookie still lets the refresh cookie end the session.
        }
        await ctx.auth.logout(
          { refreshToken: request.cookies[REFRESH_COOKIE], ...access },
          auditContext(request),
        );
        clearSessionCookies(reply, ctx.cookieSecure);
        return { ok: true as const };
      },
    );

    app.post(
      '/auth/password-reset',
      {
        bodyLimit: AUTH_BODY_LIMIT,
        onRequest: [limit('resetPerIp', byIp)],
        preHandler: [limit('resetPerAddress', byEmail)],
        schema: {
          tags: ['auth'],
          summary:
            'Email a single-use link to choose a new password (same answer whether the address is known)',
          body: PasswordResetRequest,
          response: { 202: Ok, ...errors },
        },
      },
      async (request, reply) => {
        await ctx.auth.requestPasswordReset(request.body.email, auditContext(request));
        return reply.code(202).send({ ok: true as const });
      },
    );

    app.post(
      '/auth/password-reset/confirm',
      {
        bodyLimit: AUTH_BODY_LIMIT,
        onRequest: [limit('resetPerIp', byIp)],
        schema: {
          tags: ['auth'],
          summary: 'Choose a new password with the emailed link; every session and refresh token ends',
          body: PasswordResetConfirm,
          response: { 200: Ok, ...errors },
        },
      },
      async (request, reply) => {
        const { passkey, ...body } = request.body;
        const passkeyUserId = await passkeyProof(request, passkey);
        await ctx.auth.confirmPasswordReset({ ...body, passkeyUserId }, auditContext(request));
        clearSessionCookies(reply, ctx.cookieSecure);
        return { ok: true as const };
      },
    );

    app.get(
      '/auth/session',
      {
        schema: {
          tags: ['auth'],
          summary:
            'Who is signed in; answers 200 when signed out too, saying whether the session can be refreshed',
          response: { 200: SessionProbeResponse, ...errors },
        },
      },
      async (request, reply) => {
        const signedIn = await app.requireUser(request, reply).then(
          () => true,
          (error: unknown) => {
            if (error instanceof DomainError && error.code === 'UNAUTHENTICATED') return false;
            throw error;
          },
        );
        if (signedIn && request.auth) {
          const user = await ctx.auth.me(request.auth.userId);
          const csrfToken =
            request.auth.via === 'cookie' ? reply.generateCsrf({ userInfo: csrfBinding(request) }) : null;
          return { user, csrfToken, canRefresh: false };
        }
        const refresh = request.cookies[REFRESH_COOKIE];
        const canRefresh = Boolean(refresh && refresh.length <= 200 && (await ctx.auth.refreshable(refresh)));
        return { user: null, csrfToken: null, canRefresh };
      },
    );

    app.get(
      '/auth/me',
      {
        onRequest: [app.requireUser],
        schema: { tags: ['auth'], response: { 200: z.object({ user: User }), ...errors } },
      },
      async (request) => ({ user: await ctx.auth.me(userIdOf(request)) }),
    );

    app.post(
      '/auth/password',
      {
        ...credentialChange,
        bodyLimit: AUTH_BODY_LIMIT,
        schema: {
          tags: ['auth'],
          summary: 'Change the password; every other session is signed out',
          body: ChangePasswordRequest,
          response: { 200: SessionResponse, ...errors },
        },
      },
      async (request, reply) =>
        respondWithSession(
          reply,
          await ctx.auth.changePassword(userIdOf(request), request.body, auditContext(request)),
        ),
    );

    app.post(
      '/auth/mfa/enrol',
      {
        config: { browserSessionOnly: true },
        onRequest: [app.requireUser],
        preValidation: [app.requireCsrf],
        schema: {
          tags: ['auth'],
          summary: 'Start TOTP enrolment',
          response: { 200: MfaEnrolResponse, 409: ErrorBody, ...errors },
        },
      },
      async (request) => ctx.auth.mfaEnrol(userIdOf(request), auditContext(request)),
    );

    app.post(
      '/auth/mfa/verify',
      {
        ...credentialChange,
        schema: {
          tags: ['auth'],
          summary: 'Confirm enrolment with a first code',
          body: MfaVerifyRequest,
          response: { 200: MfaEnabled, 409: ErrorBody, ...errors },
        },
      },
      async (request) => ({
        ok: true as const,
        recoveryCodes: await ctx.auth.mfaVerify(userIdOf(request), request.body.code, auditContext(request)),
      }),
    );

    app.post(
      '/auth/mfa/disable',
      {
        ...credentialChange,
        schema: {
          tags: ['auth'],
          summary: 'Turn TOTP off (password and a code)',
          body: MfaDisableRequest,
          response: { 200: Ok, 409: ErrorBody, ...errors },
        },
      },
      async (request) => {
        await ctx.auth.mfaDisable(userIdOf(request), request.body, auditContext(request));
        return { ok: true as const };
      },
    );

    app.post(
      '/auth/mfa/recovery-codes',
      {
        ...credentialChange,
        schema: {
          tags: ['auth'],
          summary:
            'Replace the recovery codes with ten new ones (password and a code); the old ones stop working',
          body: MfaRecoveryCodesRequest,
          response: { 200: MfaRecoveryCodes, 409: ErrorBody, ...errors },
        },
      },
      async (request) => ({
        recoveryCodes: await ctx.auth.replaceRecoveryCodes(
          userIdOf(request),
          request.body,
          auditContext(request),
        ),
      }),
    );

    app.post(
      '/auth/mfa/passkey/enable',
      {
        ...credentialChange,
        bodyLimit: AUTH_BODY_LIMIT,
        schema: {
          tags: ['auth'],
          summary:
            'Require a passkey after the password (the password and a passkey answer); answers new recovery codes when there were none',
          body: MfaPasskeyRequest,
          response: { 200: MfaPasskeyEnabled, 409: ErrorBody, ...errors },
        },
      },
      async (request) => {
        const proof = await passwordAndPasskey(request, request.body);
        const recoveryCodes = await ctx.auth.passkeyTwoStepOn(
          userIdOf(request),
          proof,
          auditContext(request),
        );
        return { ok: true as const, recoveryCodes };
      },
    );

    app.post(
      '/auth/mfa/passkey/disable',
      {
        ...credentialChange,
        bodyLimit: AUTH_BODY_LIMIT,
        schema: {
          tags: ['auth'],
          summary: 'Stop asking for a passkey after the password (the password and a passkey answer)',
          body: MfaPasskeyRequest,
          response: { 200: Ok, 409: ErrorBody, ...errors },
        },
      },
      async (request) => {
        const proof = await passwordAndPasskey(request, request.body);
        await ctx.auth.passkeyTwoStepOff(userIdOf(request), proof, auditContext(request));
        return { ok: true as const };
      },
    );

    app.post(
      '/auth/mfa/passkey/recovery-codes',
      {
        ...credentialChange,
        bodyLimit: AUTH_BODY_LIMIT,
        schema: {
          tags: ['auth'],
          summary:
            'Replace the recovery codes (the password and a passkey answer; the passkey second step must be on)',
          body: MfaPasskeyRequest,
          response: { 200: MfaRecoveryCodes, 409: ErrorBody, ...errors },
        },
      },
      async (request) => {
        const proof = await passwordAndPasskey(request, request.body);
        return {
          recoveryCodes: await ctx.auth.replaceRecoveryCodesWithPasskey(
            userIdOf(request),
            proof,
            auditContext(request),
          ),
        };
      },
    );

    app.delete(
      '/auth/account',
      {
        ...credentialChange,
        schema: {
          tags: ['auth'],
          summary: 'Delete the account and all its data; bank connections are removed at Plaid first',
          body: DeleteAccountRequest,
          response: { 200: Ok, 404: ErrorBody, 502: ErrorBody, ...errors },
        },
      },
      async (request, reply) => {
        await ctx.auth.deleteAccount(userIdOf(request), request.body.password, auditContext(request));
        clearSessionCookies(reply, ctx.cookieSecure);
        return { ok: true as const };
      },
    );

    /** Sessions are managed from a signed-in browser only; a personal access token cannot see or end them. */
    const sessionOf = (request: FastifyRequest): { userId: string; sessionId: string } => {
      if (request.auth?.via !== 'cookie' || !request.auth.familyId)
        throw new DomainError('FORBIDDEN', 'manage sessions from a signed-in browser session');
      return { userId: request.auth.userId, sessionId: request.auth.familyId };
    };

    app.get(
      '/auth/sessions',
      {
        config: { browserSessionOnly: true },
        onRequest: [app.requireUser],
        schema: {
          tags: ['auth'],
          summary: 'Where you are signed in: device, address, last seen',
          response: { 200: SessionList, ...errors },
        },
      },
      async (request) => {
        const { userId, sessionId } = sessionOf(request);
        const sessions = await ctx.auth.listSessions(userId);
        return {
          sessions: sessions.map((s) => ({
            id: s.id,
            device: describeDevice(s.userAgent),
            ip: s.ip,
            signedInAt: s.signedInAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
            current: s.id === sessionId,
          })),
        };
      },
    );

    app.delete(
      '/auth/sessions/:id',
      {
        config: { browserSessionOnly: true },
        onRequest: [app.requireUser],
        preValidation: [app.requireCsrf],
        schema: {
          tags: ['auth'],
          summary: 'Sign one session out, at once (this one too, if you name it)',
          params: IdParams,
          response: { 200: SessionsRevoked, 404: ErrorBody, ...errors },
        },
      },
      async (request, reply) => {
        const { userId, sessionId } = sessionOf(request);
        const revoked = await ctx.auth.revokeSessions(
          userId,
          { only: request.params.id },
          auditContext(request),
        );
        if (request.params.id === sessionId) clearSessionCookies(reply, ctx.cookieSecure);
        return { revoked };
      },
    );

    app.post(
      '/auth/sessions/sign-out-others',
      {
        config: { browserSessionOnly: true },
        onRequest: [app.requireUser],
        preValidation: [app.requireCsrf],
        schema: {
          tags: ['auth'],
          summary: 'Sign out everywhere else; this session stays',
          response: { 200: SessionsRevoked, ...errors },
        },
      },
      async (request) => {
        const { userId, sessionId } = sessionOf(request);
        return {
          revoked: await ctx.auth.revokeSessions(userId, { allBut: sessionId }, auditContext(request)),
        };
      },
    );

    // Passkeys (WebAuthn): registered from a signed-in browser; sign-in without a password.
    const WEBAUTHN_COOKIE = 'fs_webauthn';
    const challengeCookie = (reply: FastifyReply, id: string) =>
      reply.setCookie(WEBAUTHN_COOKIE, id, {
        httpOnly: true,
        secure: ctx.cookieSecure,
        sameSite: 'strict',
        path: '/api/v1/auth',
        maxAge: 300,
      });
    const challengeOf = (request: FastifyRequest) => {
      const id = request.cookies[WEBAUTHN_COOKIE];
      if (!id || id.length > 100)
        throw new DomainError('PASSKEY_INVALID', 'start again: the passkey request expired');
      return id;
    };
    /** The account a passkey answer proves (verified, its challenge used up). */
    const passkeyUser = (request: FastifyRequest, passkey: object) =>
      ctx.passkeys.verifyLogin(challengeOf(request), passkey as unknown as AuthenticationResponseJSON);
    /** The same for a second step, which may come without a passkey. */
    const passkeyProof = async (request: FastifyRequest, passkey: object | undefined) =>
      passkey ? passkeyUser(request, passkey) : undefined;
    /** Turning the passkey second step on or off: the password, and the account the passkey answer proves. */
    const passwordAndPasskey = async (
      request: FastifyRequest,
      body: { password: string; passkey: object },
    ) => ({
      password: body.password,
      passkeyUserId: await passkeyUser(request, body.passkey),
    });

    app.get(
      '/auth/passkeys',
      {
        config: { browserSessionOnly: true },
        onRequest: [app.requireUser],
        schema: { tags: ['auth'], summary: 'Your passkeys', response: { 200: PasskeyList, ...errors } },
      },
      async (request) => ({ passkeys: await ctx.passkeys.list(userIdOf(request)) }),
    );

    app.post(
      '/auth/passkeys/register/options',
      {
        config: { browserSessionOnly: true },
        onRequest: [app.requireUser],
        preValidation: [app.requireCsrf],
        schema: {
          tags: ['auth'],
          summary: 'Options for navigator.credentials.create (a discoverable passkey with user verification)',
          response: { 200: WebAuthnOptions, ...errors },
        },
      },
      async (request, reply) => {
        const user = await ctx.auth.me(userIdOf(request));
        const { options, challengeId } = await ctx.passkeys.registrationOptions(user);
        challengeCookie(reply, challengeId);
        return { ...options };
      },
    );

    app.post(
      '/auth/passkeys/register',
      {
        bodyLimit: AUTH_BODY_LIMIT,
        config: { browserSessionOnly: true },
        onRequest: [app.requireUser],
        preValidation: [app.requireCsrf],
        schema: {
          tags: ['auth'],
          summary: 'Register the passkey the browser created',
          body: PasskeyRegisterRequest,
          response: { 201: PasskeyList, 409: ErrorBody, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        await ctx.passkeys.register(
          userId,
          challengeOf(request),
          request.body.response as unknown as RegistrationResponseJSON,
          request.body.name ?? 'Passkey',
        );
        await withUser(ctx.db, userId, (trx) =>
          recordAudit(trx, 'auth.passkey_added', userId, auditContext(request)),
        );
        reply.clearCookie(WEBAUTHN_COOKIE, { path: '/api/v1/auth' });
        return reply.code(201).send({ passkeys: await ctx.passkeys.list(userId) });
      },
    );

    app.delete(
      '/auth/passkeys/:id',
      {
        config: { browserSessionOnly: true },
        onRequest: [app.requireUser],
        preValidation: [app.requireCsrf],
        schema: {
          tags: ['auth'],
          summary: 'Remove a passkey',
          params: IdParams,
          response: { 200: Ok, 404: ErrorBody, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        await ctx.passkeys.remove(userId, request.params.id);
        await withUser(ctx.db, userId, (trx) =>
          recordAudit(trx, 'auth.passkey_removed', userId, auditContext(request)),
        );
        return { ok: true as const };
      },
    );

    app.post(
      '/auth/passkeys/login/options',
      {
        onRequest: [limit('loginPerIp', byIp)],
        schema: {
          tags: ['auth'],
          summary: 'Options for navigator.credentials.get: sign in with a passkey, no password',
          response: { 200: WebAuthnOptions, ...errors },
        },
      },
      async (_request, reply) => {
        const { options, challengeId } = await ctx.passkeys.loginOptions();
        challengeCookie(reply, challengeId);
        return { ...options };
      },
    );

    app.post(
      '/auth/passkeys/login',
      {
        bodyLimit: AUTH_BODY_LIMIT,
        onRequest: [limit('loginPerIp', byIp)],
        schema: {
          tags: ['auth'],
          summary:
            'Sign in with the passkey answer (signature, challenge, origin and user verification checked)',
          body: PasskeyLoginRequest,
          response: { 200: SessionResponse, ...errors },
        },
      },
      async (request, reply) => {
        const userId = await ctx.passkeys.verifyLogin(
          challengeOf(request),
          request.body.response as unknown as AuthenticationResponseJSON,
        );
        reply.clearCookie(WEBAUTHN_COOKIE, { path: '/api/v1/auth' });
        return respondWithSession(
          reply,
          await ctx.auth.startSession(userId, 'passkey', auditContext(request)),
        );
      },
    );

    app.get(
      '/tokens',
      {
        config: { browserSessionOnly: true },
        onRequest: [app.requireUser],
        schema: {
          tags: ['tokens'],
          summary: 'Personal access tokens',
          response: { 200: PersonalAccessTokenList, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return {
          tokens: await withUser(ctx.db, userId, (trx) => personalAccessTokenRepository.list(trx, userId)),
        };
      },
    );

    app.post(
      '/tokens',
      {
        config: { browserSessionOnly: true },
        onRequest: [app.requireUser],
        preValidation: [app.requireCsrf],
        schema: {
          tags: ['tokens'],
          summary: 'Create a personal access token (shown once); needs a browser session',
          body: CreatePersonalAccessTokenRequest,
          response: { 201: CreatedPersonalAccessToken, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const token = `${PAT_PREFIX}${randomBytes(32).toString('base64url')}`;
        const view = await withUser(ctx.db, userId, async (trx) => {
          const created = await personalAccessTokenRepository.create(
            trx,
            userId,
            request.body.name,
            hashToken(token),
            request.body.scope,
          );
          await recordAudit(trx, 'auth.token_created', userId, auditContext(request), {
            tokenId: created.id,
            scope: created.scope,
          });
          return created;
        });
        return reply.code(201).send({ ...view, token });
      },
    );

    app.delete(
      '/tokens/:id',
      {
        config: { browserSessionOnly: true },
        onRequest: [app.requireUser],
        preValidation: [app.requireCsrf],
        schema: {
          tags: ['tokens'],
          summary: 'Revoke a token',
          params: IdParams,
          response: { 200: Ok, 404: ErrorBody, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        await withUser(ctx.db, userId, async (trx) => {
          const revoked = await personalAccessTokenRepository.revoke(
            trx,
            userId,
            request.params.id,
            ctx.clock(),
          );
          if (!revoked) throw new NotFoundError('token', request.params.id);
          await recordAudit(trx, 'auth.token_revoked', userId, auditContext(request), {
            tokenId: request.params.id,
          });
        });
        return { ok: true as const };
      },
    );
  };
}

/** The canonical form of a BCP 47 language tag ("de-de" → "de-DE"), or null when it is not one. */
function canonicalLocale(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null; // RangeError: not a well-formed language tag
  }
}
