import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { text } from './text.ts';

export const Email = z.email().max(254);
/** Long passphrases are welcome; the cap keeps hashing cost bounded. */
export const Password = z.string().min(12, 'at least 12 characters').max(256);
export const TotpCode = z.string().regex(/^\d{6}$/, 'expected a 6-digit code');

export const SignupRequest = z.object({
  email: Email,
  password: Password,
  displayName: text().trim().min(1).max(100).optional(),
  timezone: text().max(64).optional(),
  /** The browser's language tag (BCP 47, e.g. "en-GB"): how dates, numbers and money are written. */
  locale: text().max(35).optional(),
});

/** What sign-up answers, whatever the address: the account comes from the link emailed to it. */
export const SignupAccepted = z.object({ ok: z.literal(true), checkEmail: z.literal(true) });

export const SignupConfirmRequest = z.object({
  /** The `t` of the emailed sign-up link, as it is. */
  token: text().min(1).max(300),
});

/** What the browser's WebAuthn call answered (@simplewebauthn/browser), checked in full by the server. */
const WebAuthnAnswer = z.looseObject({
  id: text().min(1).max(1024),
  rawId: text().min(1).max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: text().min(1).max(16_384) }),
});

/** A one-time recovery code, as shown when two-factor was turned on ("xxxxx-xxxxx"). */
export const RecoveryCode = text().regex(
  /^[a-z2-7]{5}-?[a-z2-7]{5}$/i,
  'expected a recovery code like abcde-fghij',
);

/** What can complete a password sign-in when two-step sign-in is on. */
export const SecondFactor = z.enum(['totp', 'passkey', 'recovery_code']);

/** The `details` of a 401 MFA_REQUIRED: the second factors this account can use, in the order to offer them. */
export const SecondStepDetails = z.object({ factors: z.array(SecondFactor).min(1) });

export const LoginRequest = z.object({
  email: Email,
  password: z.string().min(1).max(256),
  totp: TotpCode.optional(),
  /** Instead of a TOTP code, when the authenticator is lost: each code works once. */
  recoveryCode: RecoveryCode.optional(),
  /**
   * Instead of a TOTP code, or the second step itself when the user asked for a passkey after the password: a
   * passkey's answer to /auth/passkeys/login/options, for this same account.
   */
  passkey: WebAuthnAnswer.optional(),
});

export const User = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string().nullable(),
  timezone: z.string(),
  currency: z.string(),
  locale: z.string(),
  /** TOTP two-factor is on. */
  mfaEnabled: z.boolean(),
  /** A passkey is asked for after the password (with or without TOTP). */
  passkeyTwoStep: z.boolean(),
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

/** Login, signup and refresh set the session cookies and answer with the user and a CSRF token for writes. */
export const SessionResponse = z.object({
  user: User,
  csrfToken: z.string(),
  accessTokenExpiresAt: Timestamp,
});

export const CsrfResponse = z.object({ csrfToken: z.string() });

/**
 * GET /auth/session: who is signed in, answered 200 either way so a page load logs no error. Signed out,
 * `canRefresh` says whether the refresh cookie can still renew the session (then POST /auth/refresh).
 */
export const SessionProbeResponse = z.object({
  user: User.nullable(),
  /** For writes of a cookie session; null when signed out or signed in with a personal access token. */
  csrfToken: z.string().nullable(),
  canRefresh: z.boolean(),
});
export type SessionProbeResponse = z.infer<typeof SessionProbeResponse>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: Password,
  /** Also revoke every personal access token (the settings page offers it, ticked). */
  revokeTokens: z.boolean().default(false),
});

export const MfaEnrolResponse = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
});

export const MfaVerifyRequest = z.object({ code: TotpCode });

/** Shown once, when two-factor is turned on: ten one-time codes for when the authenticator is lost. */
export const MfaEnabled = z.object({ ok: z.literal(true), recoveryCodes: z.array(z.string()) });

export const MfaDisableRequest = z.object({ password: z.string().min(1).max(256), code: TotpCode });

/** New recovery codes replace every old one; proved like turning two-factor off (password and a code). */
export const MfaRecoveryCodesRequest = MfaDisableRequest;
export const MfaRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export const DeleteAccountRequest = z.object({
  password: z.string().min(1).max(256),
  confirm: z.literal('DELETE'),
});

/** 'read': GET requests only. No token, whatever its scope, manages credentials, MFA, sessions or tokens. */
export const TokenScope = z.enum(['read', 'read-write']);

export const PersonalAccessToken = z.object({
  id: Id,
  name: z.string(),
  scope: TokenScope,
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
});

export const CreatePersonalAccessTokenRequest = z.object({
  name: text().trim().min(1).max(100),
  scope: TokenScope.default('read'),
});

/** The token itself is shown once, at creation. */
export const CreatedPersonalAccessToken = PersonalAccessToken.extend({ token: z.string() });

export const PersonalAccessTokenList = z.object({ tokens: z.array(PersonalAccessToken) });

/** One signed-in login (browser), as the sessions list in settings shows it. */
export const SessionView = z.object({
  id: Id,
  /** "Firefox on Linux", from the User-Agent at sign-in; null when unrecognisable. */
  device: z.string().nullable(),
  ip: z.string().nullable(),
  signedInAt: Timestamp,
  /** The latest token refresh (at least every 15 minutes while in use). */
  lastSeenAt: Timestamp,
  /** The session this request comes from. */
  current: z.boolean(),
});

export const SessionList = z.object({ sessions: z.array(SessionView) });

export const SessionsRevoked = z.object({ revoked: z.number().int() });

/** Always answered the same, whether or not an account has this address. */
export const PasswordResetRequest = z.object({ email: Email });

export const PasswordResetConfirm = z.object({
  /** The `t` of the emailed link, as it is. */
  token: text().min(1).max(300),
  newPassword: Password,
  /**
   * One of these is asked for (401 MFA_REQUIRED, `details.factors` saying which) when two-step sign-in is on;
   * the link stays usable until then.
   */
  totp: TotpCode.optional(),
  recoveryCode: RecoveryCode.optional(),
  /** A passkey's answer to /auth/passkeys/login/options, for this same account. */
  passkey: WebAuthnAnswer.optional(),
});

/** A registered passkey (only its public key is stored). */
export const Passkey = z.object({
  id: Id,
  name: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
});
export const PasskeyList = z.object({ passkeys: z.array(Passkey) });

/** The options for the browser's WebAuthn call, passed on as they are. */
export const WebAuthnOptions = z.looseObject({ challenge: z.string() });

export const PasskeyRegisterRequest = z.object({
  response: WebAuthnAnswer,
  name: text().trim().min(1).max(100).optional(),
});

export const PasskeyLoginRequest = z.object({ response: WebAuthnAnswer });

/**
 * Turning "require a passkey after my password" on or off: the password, and a passkey's answer to
 * /auth/passkeys/login/options proving the same account.
 */
export const MfaPasskeyRequest = z.object({ password: z.string().min(1).max(256), passkey: WebAuthnAnswer });

/** Ten recovery codes, shown this once, when the account had none; empty when the TOTP ones stay. */
export const MfaPasskeyEnabled = z.object({ ok: z.literal(true), recoveryCodes: z.array(z.string()) });
