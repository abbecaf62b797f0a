import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Database, Row } from '@finsync/shared';
import {
  assumeUser,
  DomainError,
  NotFoundError,
  type OwnerDb,
  scopedTransaction,
  type UserDb,
  withUser,
} from '@finsync/shared';
import {
  acceptsFactor,
  decideRefresh,
  hashToken,
  type SecondFactor,
  SIGNUP_LINK_TTL_MS,
  signupLinkInvalid,
  signupLinkToken,
  signupTokenHash,
  type TwoStep,
  twoStepOf,
  verifySignupLinkToken,
} from '@finsync/shared/auth';
import type { TokenCipher } from '@finsync/shared/crypto';
import type { NotificationKind } from '@finsync/shared/notifications';
import { verifyLinkToken } from '@finsync/shared/reports';
import { recordNotification } from '@finsync/shared/sync';
import {
  countPasskeys,
  insertPendingSignup,
  lockPendingSignup,
  pendingSignupByTokenHash,
  retirePendingSignups,
  userItemTokens,
} from '@finsync/shared/tables';
import {
  type AuditContext,
  createAccount,
  personalAccessTokenRepository,
  recordAudit,
  sessionRepository,
  type TokenScope,
  toUserView,
  type UserView,
  userRepository,
} from '@finsync/shared/users';
import type { Kysely } from 'kysely';
import { RetryLaterError } from '../plugins/error-handler.ts';
import type { DeviceCookies } from './device-cookie.ts';
import type { LoginThrottle, ThrottleKeys } from './login-throttle.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { totp } from './totp.ts';

export const REFRESH_TTL_MS = 30 * 24 * 3600_000;
export const PASSWORD_RESET_TTL_MS = 30 * 60_000;
export const RECOVERY_CODE_COUNT = 10;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Ten one-time codes like "k3mzq-7bd2x" (50 random bits each). */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => BASE32[randomInt(32)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** What is stored of a recovery code: the SHA-256 of its letters, case and dash ignored. */
const recoveryHash = (code: string) => hashToken(code.toLowerCase().replace(/-/g, ''));

/** Ten new recovery codes in place of every old one, used or not; answers them, to show this once. */
async function replaceRecoveryHashes(trx: Kysely<Database>, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await userRepository.setRecoveryHashes(trx, userId, codes.map(recoveryHash));
  return codes;
}

export interface IssuedSession {
  user: UserView;
  familyId: string;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** Removes a bank connection at Plaid (`/item/remove`); the port lets tests and the demo swap the client. */
export interface PlaidItemRemover {
  removeItem(item: { id: string; accessTokenEncrypted: string }): Promise<void>;
}

export interface AuthServiceDeps {
  db: OwnerDb;
  hasher: PasswordHasher;
  cipher: TokenCipher;
  clock: () => Date;
  plaidItems: PlaidItemRemover;
  throttle: LoginThrottle;
  devices: DeviceCookies;
  emails: {
    /** The key of signed email links (REPORT_LINK_SECRET): the worker signs, the API verifies. */
    linkSecret: string;
    /** Hands a recorded notification to the mailer. */
    send: (notificationId: string) => Promise<void>;
    /** Hands a pending sign-up to the mailer, which emails its link to the address. */
    sendSignupLink: (signupId: string) => Promise<void>;
  };
  /** Told after a revocation commits, so every API instance refuses those sessions' access tokens at once. */
  sessionsRevoked: (sessionIds: readonly string[]) => Promise<void>;
}

type LoginOutcome =
  | { kind: 'ok'; session: IssuedSession; device: { deviceId: string; value: string } }
  | { kind: 'invalid' }
  | { kind: 'throttled'; retryAfter: number }
  | { kind: 'mfa_required'; factors: TwoStep & { required: true } };

const invalidCredentials = () => new DomainError('UNAUTHENTICATED', 'invalid e-mail or password');

/** The second step is missing: says which factors can complete it (the password was right, so this is theirs). */
const secondStepRequired = (twoStep: TwoStep & { required: true }) =>
  new DomainError(
    'MFA_REQUIRED',
    twoStep.factors.includes('totp')
      ? 'this account needs a one-time code (field totp), a passkey or a recovery code'
      : 'this account needs its passkey (field passkey) or a recovery code',
    { factors: twoStep.factors },
  );

/** What a second step can carry: one of these completes a sign-in or a reset while two-step sign-in is on. */
export interface SecondStepProof {
  totp?: string | undefined;
  recoveryCode?: string | undefined;
  /** The account a verified passkey answer proved (the route verifies it). */
  passkeyUserId?: string | undefined;
}

/** The user's second-factor state, read in their own transaction. */
async function twoStepOfUser(trx: Kysely<Database>, user: Row<'users'>): Promise<TwoStep> {
  return twoStepOf({
    totp: user.mfa_enabled,
    passkeyRequired: user.mfa_passkey,
    passkeys: await countPasskeys(trx, user.id),
    recoveryCodes: user.mfa_recovery_hashes.length,
  });
}

/**
 * Accounts, sessions and credentials. Every write happens under row-level security: pre-authentication
 * steps open a transaction scoped by the key they hold (e-mail, token hash), then assume that user.
 * Failures that must be remembered (failed logins, token reuse) commit before the error is thrown.
 */
export function createAuthService(deps: AuthServiceDeps) {
  const { db, hasher, cipher, clock, sessionsRevoked, throttle, devices } = deps;

  async function newSession(
    trx: Kysely<Database>,
    user: UserView,
    familyId: string,
    ctx: AuditContext,
  ): Promise<IssuedSession & { sessionId: string }> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(clock().getTime() + REFRESH_TTL_MS);
    const row = await sessionRepository.create(trx, {
      userId: user.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: refreshExpiresAt,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 300) ?? null,
    });
    return { user, familyId, refreshToken, refreshExpiresAt, sessionId: row.id };
  }

  /**
   * Checks the second step of a password sign-in or reset against what the account offers. Answers 'missing'
   * when none was given, else whether it proved the account and which factor it was. A TOTP step and a recovery
   * code are claimed in `trx`, so each works once.
   */
  async function checkSecondStep(
    trx: Kysely<Database>,
    user: Row<'users'>,
    twoStep: TwoStep & { required: true },
    proof: SecondStepProof,
    now: Date,
  ): Promise<'missing' | { ok: boolean; factor: SecondFactor }> {
    if (proof.passkeyUserId !== undefined)
      return {
        ok: acceptsFactor(twoStep, 'passkey') && proof.passkeyUserId === user.id,
        factor: 'passkey',
      };
    if (proof.recoveryCode)
      return {
        ok:
          acceptsFactor(twoStep, 'recovery_code') &&
          (await userRepository.claimRecoveryCode(trx, user.id, recoveryHash(proof.recoveryCode))),
        factor: 'recovery_code',
      };
    if (!proof.totp) return 'missing';
    if (!acceptsFactor(twoStep, 'totp') || !user.mfa_secret_encrypted) return { ok: false, factor: 'totp' };
    const step = await totp.check(
      cipher.decrypt(user.mfa_secret_encrypted),
      proof.totp,
      now,
      user.mfa_last_step,
    );
    return {
      ok: step !== null && (await userRepository.claimMfaStep(trx, user.id, step)),
      factor: 'totp',
    };
  }

  /**
   * The password and a passkey answer of the same account, as changing the passkey second step asks, while the
   * step is `step` (on, to turn it off or renew its codes; off, to turn it on). Answers the user's row, locked
   * for the rest of the transaction.
   */
  async function provePasswordAndPasskey(
    trx: Kysely<Database>,
    userId: string,
    input: { password: string; passkeyUserId: string },
    step: 'on' | 'off',
  ): Promise<Row<'users'>> {
    const user = await userRepository.findByIdForUpdate(trx, userId);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'the account no longer exists');
    const passwordOk = await hasher.verify(user.password_hash, input.password);
    if (!passwordOk || input.passkeyUserId !== userId)
      throw new DomainError('FORBIDDEN', 'password or passkey is wrong');
    if (user.mfa_passkey !== (step === 'on'))
      throw new DomainError(
        'CONFLICT',
        user.mfa_passkey
          ? 'a passkey is already asked for after the password'
          : 'no passkey is asked for after the password',
      );
    return user;
  }

  /**
   * The password and a current TOTP code of an account with two-factor on, as turning it off or replacing the
   * recovery codes asks. Answers the user and the code's time step (a code works once).
   */
  async function proveSecondFactorOwner(
    userId: string,
    input: { password: string; code: string },
    now: Date,
  ): Promise<{ user: NonNullable<Awaited<ReturnType<typeof userRepository.findById>>>; step: number }> {
    const user = await withUser(db, userId, (trx) => userRepository.findById(trx, userId));
    if (!user) throw new DomainError('UNAUTHENTICATED', 'the account no longer exists');
    if (!user.mfa_enabled || !user.mfa_secret_encrypted)
      throw new DomainError('CONFLICT', 'two-factor authentication is off');
    const passwordOk = await hasher.verify(user.password_hash, input.password);
    const step = await totp.check(
      cipher.decrypt(user.mfa_secret_encrypted),
      input.code,
      now,
      user.mfa_last_step,
    );
    if (!passwordOk || step === null) throw new DomainError('FORBIDDEN', 'password or code is wrong');
    return { user, step };
  }

  /**
   * A password reset and the email carrying its link, for `kind` password_reset (asked for) or account_exists
   * (a sign-up with a registered address). The link is signed by the mailer at send time; it expires with the
   * row. Answers the notification's id.
   */
  async function recordResetEmail(
    trx: UserDb,
    userId: string,
    kind: Extract<NotificationKind, 'password_reset' | 'account_exists'>,
    now: Date,
  ): Promise<string> {
    const reset = await trx
      .insertInto('password_resets')
      .values({ user_id: userId, expires_at: new Date(now.getTime() + PASSWORD_RESET_TTL_MS) })
      .returning(['id', 'expires_at'])
      .executeTakeFirstOrThrow();
    const notification = await recordNotification(trx, {
      userId,
      kind,
      idempotencyKey: `${kind}:${reset.id}`,
      payload: { resetId: reset.id, expiresAt: new Date(reset.expires_at).toISOString() },
    });
    return notification.id;
  }

  return {
    /**
     * Asks for an account. The answer and the work are the same whether the address is registered: the password
     * is hashed either way, one row and one email are recorded either way. A new address gets a sign-up link
     * (its account is created when the link is followed, confirmSignup); a registered one gets an email saying
     * it already has an account, with a password-reset link.
     */
    async signup(
      input: {
        email: string;
        password: string;
        displayName?: string | undefined;
        timezone?: string | undefined;
        locale?: string | undefined;
      },
      ctx: AuditContext,
    ): Promise<void> {
      const passwordHash = await hasher.hash(input.password);
      const email = input.email.trim();
      const now = clock();
      const mail = await scopedTransaction(db, { lookup: email.toLowerCase() }, async (trx) => {
        const user = await userRepository.findByEmail(trx, email);
        if (user) {
          await assumeUser(trx, user.id);
          const notificationId = await recordResetEmail(trx, user.id, 'account_exists', now);
          await recordAudit(trx, 'auth.signup_requested', user.id, ctx, { registered: true });
          return { kind: 'registered' as const, notificationId };
        }
        const id = randomUUID();
        // Whole seconds: the link's signature carries the expiry in seconds, and the mailer signs it again.
        const expiresAt = new Date(Math.floor((now.getTime() + SIGNUP_LINK_TTL_MS) / 1000) * 1000);
        const token = signupLinkToken({ id, email, expiresAt }, deps.emails.linkSecret);
        await insertPendingSignup(trx, {
          id,
          email,
          passwordHash,
          displayName: input.displayName ?? null,
          timezone: input.timezone ?? null,
          locale: input.locale ?? null,
          expiresAt,
          tokenHash: signupTokenHash(token),
        });
        await recordAudit(trx, 'auth.signup_requested', null, ctx, { registered: false });
        return { kind: 'new' as const, signupId: id };
      });
      if (mail.kind === 'registered') await deps.emails.send(mail.notificationId);
      else await deps.emails.sendSignupLink(mail.signupId);
    },

    /**
     * Follows a sign-up link: creates the account it was asked for and signs it in. A link works once, until it
     * expires, and only while its address has no account; anything else is the one SIGNUP_LINK_INVALID.
     */
    async confirmSignup(token: string, ctx: AuditContext): Promise<IssuedSession> {
      const now = clock();
      const tokenHash = signupTokenHash(token);
      const found = await scopedTransaction(db, { lookup: tokenHash }, (trx) =>
        pendingSignupByTokenHash(trx, tokenHash),
      );
      if (!found) throw signupLinkInvalid();
      verifySignupLinkToken(token, found, deps.emails.linkSecret, now);
      return scopedTransaction(db, { lookup: found.email.toLowerCase() }, async (trx) => {
        const signup = await lockPendingSignup(trx, found.id);
        if (!signup || signup.usedAt || signup.expiresAt.getTime() <= now.getTime())
          throw signupLinkInvalid();
        await retirePendingSignups(trx, signup.email, now);
        const row = await createAccount(trx, signup);
        if (!row) throw signupLinkInvalid();
        await recordAudit(trx, 'auth.signup', row.id, ctx);
        return newSession(trx, toUserView(row), randomUUID(), ctx);
      });
    },

    /**
     * Signs in. Failures slow the client down (per address, and per account-and-device or account-and-address;
     * see login-policy.ts) and never lock the account itself; while a counter waits, the password is not even
     * checked. Answers the session and the device id to remember in the device cookie.
     */
    async login(
      input: SecondStepProof & {
        email: string;
        password: string;
        deviceCookie?: string | undefined;
      },
      ctx: AuditContext,
    ): Promise<IssuedSession & { device: { deviceId: string; value: string } }> {
      const now = clock();
      const email = input.email.trim().toLowerCase();
      const address = ctx.ip ?? 'unknown';
      const outcome = await scopedTransaction<LoginOutcome>(db, { lookup: email }, async (trx) => {
        const user = await userRepository.findByEmail(trx, input.email.trim());
        if (user) await assumeUser(trx, user.id);
        const deviceId = user ? devices.verify(input.deviceCookie, user.id) : null;
        const keys: ThrottleKeys = {
          address,
          accountClient: `${user?.id ?? hashToken(email)}:${deviceId ? `device:${deviceId}` : `addr:${address}`}`,
        };
        const wait = await throttle.wait(keys, now);
        if (wait > 0) {
          await recordAudit(trx, 'auth.login_throttled', user?.id ?? null, ctx, { retryAfter: wait });
          return { kind: 'throttled', retryAfter: wait };
        }
        if (!user) {
          await hasher.verifyDummy(input.password);
          await throttle.failed(keys, now);
          await recordAudit(trx, 'auth.login_failed', null, ctx, { reason: 'unknown_email' });
          return { kind: 'invalid' };
        }
        let ok = await hasher.verify(user.password_hash, input.password);
        let reason: SecondFactor | 'password' = 'password';
        const twoStep = ok ? await twoStepOfUser(trx, user) : { required: false as const };
        if (ok && twoStep.required) {
          const second = await checkSecondStep(trx, user, twoStep, input, now);
          if (second === 'missing') return { kind: 'mfa_required', factors: twoStep };
          ok = second.ok;
          reason = second.factor;
        }
        if (!ok) {
          await throttle.failed(keys, now);
          await recordAudit(trx, 'auth.login_failed', user.id, ctx, {
            reason,
            knownDevice: deviceId !== null,
          });
          return { kind: 'invalid' };
        }
        await throttle.succeeded(keys);
        const session = await newSession(trx, toUserView(user), randomUUID(), ctx);
        // factor: what completed the sign-in (password alone, or the second factor used).
        await recordAudit(trx, 'auth.login', user.id, ctx, { familyId: session.familyId, factor: reason });
        return { kind: 'ok', session, device: devices.issue(user.id, deviceId ?? undefined) };
      });
      if (outcome.kind === 'ok') return { ...outcome.session, device: outcome.device };
      if (outcome.kind === 'throttled') {
        throw new RetryLaterError(
          'LOGIN_THROTTLED',
          'too many failed sign-ins from here; wait before trying again',
          outcome.retryAfter,
        );
      }
      if (outcome.kind === 'mfa_required') throw secondStepRequired(outcome.factors);
      throw invalidCredentials();
    },

    /**
     * Exchanges a refresh token for a new one in the same family. A token spent less than
     * REFRESH_REUSE_GRACE_MS ago gets a sibling (two tabs refreshing at once); spent longer ago, it revokes
     * the family.
     */
    async refresh(refreshToken: string, ctx: AuditContext): Promise<IssuedSession> {
      const tokenHash = hashToken(refreshToken);
      const now = clock();
      const outcome = await scopedTransaction(db, { lookup: tokenHash }, async (trx) => {
        const session = await sessionRepository.findByTokenHashForUpdate(trx, tokenHash);
        if (!session) return { kind: 'invalid' as const };
        await assumeUser(trx, session.user_id);
        const decision = decideRefresh(
          { usedAt: session.used_at, revokedAt: session.revoked_at, expiresAt: session.expires_at },
          now,
        );
        if (decision === 'reused') {
          const revoked = await sessionRepository.revokeFamily(trx, session.user_id, session.family_id, now);
          await recordAudit(trx, 'auth.refresh_reuse', session.user_id, ctx, {
            familyId: session.family_id,
            revoked,
          });
          return { kind: 'reused' as const, familyId: session.family_id };
        }
        if (decision !== 'rotate' && decision !== 'grace') return { kind: 'invalid' as const };
        const user = await userRepository.findById(trx, session.user_id);
        if (!user) return { kind: 'invalid' as const };
        const next = await newSession(trx, toUserView(user), session.family_id, ctx);
        // In the grace window the caller lost a race with another tab: it gets a sibling of the successor,
        // and the spent row keeps its first rotation (time and successor), so the window is not extended.
        if (decision === 'rotate') await sessionRepository.markUsed(trx, session.id, next.sessionId, now);
        else
          await recordAudit(trx, 'auth.refresh_grace', session.user_id, ctx, { familyId: session.family_id });
        return { kind: 'ok' as const, session: next };
      });
      if (outcome.kind === 'reused') await sessionsRevoked([outcome.familyId]);
      if (outcome.kind !== 'ok') throw new DomainError('UNAUTHENTICATED', 'refresh token is not valid');
      return outcome.session;
    },

    async logout(
      input: { refreshToken?: string | undefined; userId?: string; familyId?: string },
      ctx: AuditContext,
    ) {
      const now = clock();
      const ended: string[] = [];
      if (input.refreshToken) {
        const tokenHash = hashToken(input.refreshToken);
        await scopedTransaction(db, { lookup: tokenHash }, async (trx) => {
          const session = await sessionRepository.findByTokenHashForUpdate(trx, tokenHash);
          if (!session) return;
          await assumeUser(trx, session.user_id);
          await sessionRepository.revokeFamily(trx, session.user_id, session.family_id, now);
          await recordAudit(trx, 'auth.logout', session.user_id, ctx);
          ended.push(session.family_id);
        });
      }
      if (input.userId && input.familyId && !ended.includes(input.familyId)) {
        const { userId, familyId } = input;
        await withUser(db, userId, async (trx) => {
          await sessionRepository.revokeFamily(trx, userId, familyId, now);
          await recordAudit(trx, 'auth.logout', userId, ctx);
        });
        ended.push(familyId);
      }
      await sessionsRevoked(ended);
    },

    async me(userId: string): Promise<UserView> {
      const row = await withUser(db, userId, (trx) => userRepository.findById(trx, userId));
      if (!row) throw new DomainError('UNAUTHENTICATED', 'the account no longer exists');
      return toUserView(row);
    },

    /** New password, every old session revoked, and a fresh session for the caller. */
    async changePassword(
      userId: string,
      input: { currentPassword: string; newPassword: string; revokeTokens?: boolean | undefined },
      ctx: AuditContext,
    ): Promise<IssuedSession> {
      const user = await withUser(db, userId, (trx) => userRepository.findById(trx, userId));
      if (!user) throw new DomainError('UNAUTHENTICATED', 'the account no longer exists');
      if (!(await hasher.verify(user.password_hash, input.currentPassword))) {
        throw new DomainError('FORBIDDEN', 'current password is wrong');
      }
      const hash = await hasher.hash(input.newPassword);
      const now = clock();
      const { session, ended } = await withUser(db, userId, async (trx) => {
        await userRepository.setPasswordHash(trx, userId, hash, now);
        const ended = await sessionRepository.liveFamilies(trx, userId);
        await sessionRepository.revokeAllForUser(trx, userId, now);
        const tokensRevoked = input.revokeTokens
          ? await personalAccessTokenRepository.revokeAll(trx, userId, now)
          : 0;
        await recordAudit(trx, 'auth.password_changed', userId, ctx, { tokensRevoked });
        return { session: await newSession(trx, toUserView(user), randomUUID(), ctx), ended };
      });
      await sessionsRevoked(ended);
      return session;
    },

    async mfaEnrol(userId: string, ctx: AuditContext): Promise<{ secret: string; otpauthUri: string }> {
      return withUser(db, userId, async (trx) => {
        const user = await userRepository.findById(trx, userId);
        if (!user) throw new DomainError('UNAUTHENTICATED', 'the account no longer exists');
        if (user.mfa_enabled) throw new DomainError('CONFLICT', 'two-factor authentication is already on');
        const secret = totp.newSecret();
        await userRepository.setMfa(
          trx,
          userId,
          { secretEncrypted: cipher.encrypt(secret), enabled: false },
          clock(),
        );
        await recordAudit(trx, 'auth.mfa_enabled', userId, ctx, { stage: 'enrol' });
        return { secret, otpauthUri: totp.uri(secret, user.email) };
      });
    },

    /** Turns two-factor on with a first code; answers ten recovery codes, shown this once. */
    async mfaVerify(userId: string, code: string, ctx: AuditContext): Promise<string[]> {
      const now = clock();
      return withUser(db, userId, async (trx) => {
        const user = await userRepository.findById(trx, userId);
        if (!user?.mfa_secret_encrypted) throw new DomainError('CONFLICT', 'start enrolment first');
        if (user.mfa_enabled) throw new DomainError('CONFLICT', 'two-factor authentication is already on');
        const step = await totp.check(
          cipher.decrypt(user.mfa_secret_encrypted),
          code,
          now,
          user.mfa_last_step,
        );
        if (step === null)
          throw new DomainError('VALIDATION_FAILED', 'code is not valid', [
            { path: 'body.code', message: 'code is not valid' },
          ]);
        await userRepository.setMfa(
          trx,
          userId,
          { secretEncrypted: user.mfa_secret_encrypted, enabled: true, lastStep: step },
          now,
        );
        const codes = await replaceRecoveryHashes(trx, userId);
        await recordAudit(trx, 'auth.mfa_enabled', userId, ctx, {
          stage: 'verified',
          recoveryCodes: codes.length,
        });
        return codes;
      });
    },

    async mfaDisable(
      userId: string,
      input: { password: string; code: string },
      ctx: AuditContext,
    ): Promise<void> {
      const now = clock();
      const { user } = await proveSecondFactorOwner(userId, input, now);
      await withUser(db, userId, async (trx) => {
        await userRepository.setMfa(
          trx,
          userId,
          { secretEncrypted: null, enabled: false, lastStep: null },
          now,
        );
        // The recovery codes stay while a passkey is still asked for: they stand in for it too.
        if (!user.mfa_passkey) await userRepository.setRecoveryHashes(trx, userId, []);
        await recordAudit(trx, 'auth.mfa_disabled', userId, ctx);
      });
    },

    /**
     * Replaces every recovery code with ten new ones, shown this once (the old ones, used or not, stop
     * working). Proved like turning two-factor off: the password and a current code.
     */
    async replaceRecoveryCodes(
      userId: string,
      input: { password: string; code: string },
      ctx: AuditContext,
    ): Promise<string[]> {
      const now = clock();
      const { user, step } = await proveSecondFactorOwner(userId, input, now);
      return withUser(db, userId, async (trx) => {
        const codes = await replaceRecoveryHashes(trx, userId);
        await userRepository.setMfa(
          trx,
          userId,
          { secretEncrypted: user.mfa_secret_encrypted, enabled: true, lastStep: step },
          now,
        );
        await recordAudit(trx, 'auth.mfa_recovery_codes_replaced', userId, ctx, {
          recoveryCodes: codes.length,
        });
        return codes;
      });
    },

    /**
     * Turns on "require a passkey after my password", proved by the password and a passkey answer of this
     * account. Answers ten new recovery codes (shown this once) when the account had none, else none (the
     * codes TOTP gave stay valid).
     */
    async passkeyTwoStepOn(
      userId: string,
      input: { password: string; passkeyUserId: string },
      ctx: AuditContext,
    ): Promise<string[]> {
      return withUser(db, userId, async (trx) => {
        const user = await provePasswordAndPasskey(trx, userId, input, 'off');
        await userRepository.setPasskeyTwoStep(trx, userId, true, clock());
        const codes = user.mfa_recovery_hashes.length === 0 ? await replaceRecoveryHashes(trx, userId) : [];
        await recordAudit(trx, 'auth.mfa_enabled', userId, ctx, {
          factor: 'passkey',
          recoveryCodes: codes.length,
        });
        return codes;
      });
    },

    /**
     * Turns the passkey second step off, proved like turning it on. With TOTP off too, two-step sign-in is then
     * off and the recovery codes stop working.
     */
    async passkeyTwoStepOff(
      userId: string,
      input: { password: string; passkeyUserId: string },
      ctx: AuditContext,
    ): Promise<void> {
      await withUser(db, userId, async (trx) => {
        const user = await provePasswordAndPasskey(trx, userId, input, 'on');
        await userRepository.setPasskeyTwoStep(trx, userId, false, clock());
        if (!user.mfa_enabled) await userRepository.setRecoveryHashes(trx, userId, []);
        await recordAudit(trx, 'auth.mfa_disabled', userId, ctx, { factor: 'passkey' });
      });
    },

    /**
     * New recovery codes for an account whose second step is a passkey (with or without TOTP), proved by the
     * password and the passkey; the old ones stop working.
     */
    async replaceRecoveryCodesWithPasskey(
      userId: string,
      input: { password: string; passkeyUserId: string },
      ctx: AuditContext,
    ): Promise<string[]> {
      return withUser(db, userId, async (trx) => {
        await provePasswordAndPasskey(trx, userId, input, 'on');
        const codes = await replaceRecoveryHashes(trx, userId);
        await recordAudit(trx, 'auth.mfa_recovery_codes_replaced', userId, ctx, {
          factor: 'passkey',
          recoveryCodes: codes.length,
        });
        return codes;
      });
    },

    /** Removes every Plaid item at Plaid first (so the bank stops sharing data), then all of the user's rows. */
    async deleteAccount(userId: string, password: string, ctx: AuditContext): Promise<void> {
      const user = await withUser(db, userId, (trx) => userRepository.findById(trx, userId));
      if (!user) throw new NotFoundError('account');
      if (!(await hasher.verify(user.password_hash, password)))
        throw new DomainError('FORBIDDEN', 'password is wrong');
      const items = await withUser(db, userId, (trx) => userItemTokens(trx, userId, 'live'));
      for (const item of items) {
        await deps.plaidItems.removeItem({ id: item.id, accessTokenEncrypted: item.access_token_encrypted });
      }
      const ended = await withUser(db, userId, async (trx) => {
        const families = await sessionRepository.liveFamilies(trx, userId);
        await userRepository.delete(trx, userId);
        await recordAudit(trx, 'account.deleted', null, ctx, { userId, plaidItemsRemoved: items.length });
        return families;
      });
      await sessionsRevoked(ended);
    },

    /** Signs a user in whom something other than the password proved (a passkey with user verification). */
    async startSession(userId: string, via: 'passkey', ctx: AuditContext): Promise<IssuedSession> {
      return withUser(db, userId, async (trx) => {
        const user = await userRepository.findById(trx, userId);
        if (!user) throw new DomainError('UNAUTHENTICATED', 'the account no longer exists');
        const session = await newSession(trx, toUserView(user), randomUUID(), ctx);
        await recordAudit(trx, 'auth.login', userId, ctx, { familyId: session.familyId, via });
        return session;
      });
    },

    /** The session (family) a refresh token belongs to, unless it is unknown or revoked. Read-only. */
    async sessionIdOfRefreshToken(refreshToken: string): Promise<string | null> {
      const tokenHash = hashToken(refreshToken);
      return scopedTransaction(db, { lookup: tokenHash }, async (trx) => {
        const row = await trx
          .selectFrom('sessions')
          .select(['family_id', 'revoked_at'])
          .where('token_hash', '=', tokenHash)
          .executeTakeFirst();
        return row && !row.revoked_at ? row.family_id : null;
      });
    },

    /**
     * Whether a refresh with this token would rotate (not refused, not taken as reuse). Read-only, so a page load
     * can ask before refreshing instead of provoking a 401.
     */
    async refreshable(refreshToken: string): Promise<boolean> {
      const tokenHash = hashToken(refreshToken);
      const row = await scopedTransaction(db, { lookup: tokenHash }, (trx) =>
        trx
          .selectFrom('sessions')
          .select(['used_at', 'revoked_at', 'expires_at'])
          .where('token_hash', '=', tokenHash)
          .executeTakeFirst(),
      );
      if (!row) return false;
      const decision = decideRefresh(
        { usedAt: row.used_at, revokedAt: row.revoked_at, expiresAt: row.expires_at },
        clock(),
      );
      return decision === 'rotate' || decision === 'grace';
    },

    /** The user's live sessions (logins), most recently seen first. */
    async listSessions(userId: string) {
      return withUser(db, userId, (trx) => sessionRepository.listLive(trx, userId, clock()));
    },

    /**
     * Signs out the given sessions of the user (all but `keep` when `only` is absent), at once on every API
     * instance. Answers how many ended; asking to end a session that is not live is NOT_FOUND.
     */
    async revokeSessions(
      userId: string,
      which: { only: string } | { allBut: string },
      ctx: AuditContext,
    ): Promise<number> {
      const now = clock();
      const ended = await withUser(db, userId, async (trx) => {
        const live = await sessionRepository.liveFamilies(trx, userId);
        const targets =
          'only' in which ? live.filter((id) => id === which.only) : live.filter((id) => id !== which.allBut);
        if ('only' in which && targets.length === 0) throw new NotFoundError('session', which.only);
        for (const familyId of targets) await sessionRepository.revokeFamily(trx, userId, familyId, now);
        if (targets.length > 0)
          await recordAudit(trx, 'auth.session_revoked', userId, ctx, { count: targets.length });
        return targets;
      });
      await sessionsRevoked(ended);
      return ended.length;
    },

    /**
     * Records a reset and its email for the account with this address, if there is one; nothing otherwise.
     * The caller answers the same either way. The email's link is signed by the mailer at send time.
     */
    async requestPasswordReset(email: string, ctx: AuditContext): Promise<void> {
      const now = clock();
      const notificationId = await scopedTransaction(
        db,
        { lookup: email.trim().toLowerCase() },
        async (trx) => {
          const user = await userRepository.findByEmail(trx, email.trim());
          if (!user) return null;
          await assumeUser(trx, user.id);
          const id = await recordResetEmail(trx, user.id, 'password_reset', now);
          await recordAudit(trx, 'auth.password_reset_requested', user.id, ctx);
          return id;
        },
      );
      if (notificationId) await deps.emails.send(notificationId);
    },

    /**
     * Sets a new password from an emailed link: signed for this user and reset, unexpired, unused. With
     * two-factor on, a valid code is needed too (without one: MFA_REQUIRED, the link stays usable). Every
     * session and refresh token of the account ends, and every other outstanding reset with it.
     */
    async confirmPasswordReset(
      input: SecondStepProof & { token: string; newPassword: string },
      ctx: AuditContext,
    ): Promise<void> {
      const now = clock();
      const invalid = () =>
        new DomainError('LINK_INVALID', 'this reset link is not valid; ask for a new one');
      const [resetId, userId, ...rest] = input.token.split('.');
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
      if (!resetId || !userId || !uuid.test(resetId) || !uuid.test(userId) || rest.length !== 2)
        throw invalid();
      verifyLinkToken(
        rest.join('.'),
        { purpose: 'password_reset', userId, subject: resetId },
        deps.emails.linkSecret,
        now,
      );
      const hash = await hasher.hash(input.newPassword);
      const ended = await withUser(db, userId, async (trx) => {
        const reset = await trx
          .selectFrom('password_resets')
          .selectAll()
          .where('id', '=', resetId)
          .where('user_id', '=', userId)
          .forUpdate()
          .executeTakeFirst();
        if (!reset || reset.used_at) throw invalid();
        if (new Date(reset.expires_at).getTime() <= now.getTime())
          throw new DomainError('LINK_EXPIRED', 'this reset link has expired; ask for a new one');
        const user = await userRepository.findById(trx, userId);
        if (!user) throw invalid();
        const twoStep = await twoStepOfUser(trx, user);
        if (twoStep.required) {
          const second = await checkSecondStep(trx, user, twoStep, input, now);
          if (second === 'missing') throw secondStepRequired(twoStep);
          if (!second.ok) throw new DomainError('FORBIDDEN', 'the second step (code or passkey) is wrong');
        }
        await userRepository.setPasswordHash(trx, userId, hash, now);
        await trx
          .updateTable('password_resets')
          .set({ used_at: now })
          .where('user_id', '=', userId)
          .where('used_at', 'is', null)
          .execute();
        const families = await sessionRepository.liveFamilies(trx, userId);
        await sessionRepository.revokeAllForUser(trx, userId, now);
        await recordAudit(trx, 'auth.password_reset', userId, ctx, { sessionsEnded: families.length });
        return families;
      });
      await sessionsRevoked(ended);
    },

    /** The user and scope of a personal access token, or undefined for unknown and revoked tokens. */
    async authenticateToken(token: string): Promise<{ userId: string; scope: TokenScope } | undefined> {
      const tokenHash = hashToken(token);
      return scopedTransaction(db, { lookup: tokenHash }, async (trx) => {
        const found = await personalAccessTokenRepository.findLiveByHash(trx, tokenHash);
        if (!found) return undefined;
        await assumeUser(trx, found.userId);
        await personalAccessTokenRepository.touch(trx, found.userId, found.id, clock());
        return { userId: found.userId, scope: found.scope };
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
