import { DEV_REPORT_LINK_SECRET } from '@finsync/shared';
import { signLinkToken } from '@finsync/shared/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoftAuthenticator } from './support/soft-authenticator.ts';
import {
  Client,
  PASSWORD,
  signedUpClient,
  startTestApp,
  storedRecoveryHashes,
  type TestApp,
} from './support/test-app.ts';

// Issue 14: a passkey as the second factor of a password sign-in, for an account without TOTP.

const ORIGIN = 'http://localhost:5173';

describe('a passkey as the second step after the password', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await startTestApp(
      { rateLimits: { passwordPerAccount: { max: 10_000, windowMs: 60_000 } } },
      { APP_URL: ORIGIN },
    );
  });
  afterAll(() => h.close());

  /** A passkey's answer to a fresh challenge, the challenge kept in the client's cookie. */
  async function answer(client: Client, key: SoftAuthenticator) {
    const options = await client.api('POST', '/auth/passkeys/login/options');
    return key.assert(options);
  }

  async function withPasskey(email: string) {
    const user = await signedUpClient(h.app, email);
    const key = new SoftAuthenticator(ORIGIN);
    const options = await user.api('POST', '/auth/passkeys/register/options');
    await user.api('POST', '/auth/passkeys/register', { response: key.register(options) }, 201);
    const { id } = (await user.api('GET', '/auth/me')).user;
    return { user, key, id: id as string };
  }

  const passwordLogin = (client: Client, email: string, extra: object = {}) =>
    client.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: PASSWORD, ...extra },
    });

  async function turnOn(user: Client, key: SoftAuthenticator) {
    return user.api('POST', '/auth/mfa/passkey/enable', {
      password: PASSWORD,
      passkey: await answer(user, key),
    });
  }

  it('after turning it on, the password alone gets the second-step challenge and a passkey completes it', async () => {
    const email = 'two-step@example.com';
    const { user, key, id } = await withPasskey(email);
    expect((await passwordLogin(new Client(h.app), email)).statusCode).toBe(200);

    const on = await turnOn(user, key);
    expect(on.recoveryCodes).toHaveLength(10);
    expect((await user.api('GET', '/auth/me')).user).toMatchObject({
      mfaEnabled: false,
      passkeyTwoStep: true,
    });

    const browser = new Client(h.app);
    const first = await passwordLogin(browser, email);
    expect(first.statusCode).toBe(401);
    expect(first.json().error).toMatchObject({
      code: 'MFA_REQUIRED',
      details: { factors: ['passkey', 'recovery_code'] },
    });
    expect(first.cookies.map((c) => c.name)).not.toContain('fs_access');
    // A TOTP code is no way in for an account without TOTP.
    expect((await passwordLogin(browser, email, { totp: '123456' })).statusCode).toBe(401);

    const done = await passwordLogin(browser, email, { passkey: await answer(browser, key) });
    expect(done.statusCode, done.body).toBe(200);
    expect((await browser.api('GET', '/auth/me')).user.email).toBe(email);
    const last = await h.t.db
      .selectFrom('audit_log')
      .select('details')
      .where('event', '=', 'auth.login')
      .where('user_id', '=', id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.details).toMatchObject({ factor: 'passkey' });

    // A recovery code works once instead of the passkey.
    const code = on.recoveryCodes[0] as string;
    expect((await passwordLogin(new Client(h.app), email, { recoveryCode: code })).statusCode).toBe(200);
    expect((await passwordLogin(new Client(h.app), email, { recoveryCode: code })).statusCode).toBe(401);

    // New codes with the password and the passkey (no TOTP to ask for): the old ones stop working.
    const fresh = await user.api('POST', '/auth/mfa/passkey/recovery-codes', {
      password: PASSWORD,
      passkey: await answer(user, key),
    });
    expect(fresh.recoveryCodes).toHaveLength(10);
    const old = on.recoveryCodes[1] as string;
    expect((await passwordLogin(new Client(h.app), email, { recoveryCode: old })).statusCode).toBe(401);
    const next = fresh.recoveryCodes[0] as string;
    expect((await passwordLogin(new Client(h.app), email, { recoveryCode: next })).statusCode).toBe(200);
  });

  it("refuses a replayed answer and another account's passkey", async () => {
    const alice = await withPasskey('alice-2s@example.com');
    const bob = await withPasskey('bob-2s@example.com');
    await turnOn(alice.user, alice.key);

    const browser = new Client(h.app);
    const signed = await answer(browser, alice.key);
    expect((await passwordLogin(browser, 'alice-2s@example.com', { passkey: signed })).statusCode).toBe(200);
    // The same answer again: its challenge was used, and a fresh challenge is not the one it signed.
    const replay = await passwordLogin(browser, 'alice-2s@example.com', { passkey: signed });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('PASSKEY_INVALID');
    await browser.api('POST', '/auth/passkeys/login/options');
    const replayed = await passwordLogin(browser, 'alice-2s@example.com', { passkey: signed });
    expect(replayed.statusCode).toBe(400);

    // Bob's passkey with Alice's password proves Bob, not Alice.
    const mixed = new Client(h.app);
    const bobs = await passwordLogin(mixed, 'alice-2s@example.com', {
      passkey: await answer(mixed, bob.key),
    });
    expect(bobs.statusCode).toBe(401);
    expect(bobs.cookies.map((c) => c.name)).not.toContain('fs_access');
    // And Bob's passkey cannot turn on Alice's second step.
    await alice.user.api(
      'POST',
      '/auth/mfa/passkey/enable',
      { password: PASSWORD, passkey: await answer(alice.user, bob.key) },
      403,
    );
  });

  it('turning it on and off needs the password and the passkey; the last passkey cannot be removed while on', async () => {
    const email = 'toggle-2s@example.com';
    const { user, key } = await withPasskey(email);
    const wrong = await user.request({
      method: 'POST',
      url: '/api/v1/auth/mfa/passkey/enable',
      payload: { password: 'not the password!!', passkey: await answer(user, key) },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await user.api('GET', '/auth/me')).user.passkeyTwoStep).toBe(false);
    await turnOn(user, key);
    await user.api(
      'POST',
      '/auth/mfa/passkey/enable',
      { password: PASSWORD, passkey: await answer(user, key) },
      409,
    );

    const { passkeys } = await user.api('GET', '/auth/passkeys');
    const removal = await user.api('DELETE', `/auth/passkeys/${passkeys[0].id}`, undefined, 409);
    expect(removal.error.message).toMatch(/turn off/);
    expect(
      await h.t.db.selectFrom('passkeys').select('id').where('id', '=', passkeys[0].id).execute(),
    ).toHaveLength(1);

    await user.api(
      'POST',
      '/auth/mfa/passkey/disable',
      { password: 'not the password!!', passkey: await answer(user, key) },
      403,
    );
    await user.api('POST', '/auth/mfa/passkey/disable', {
      password: PASSWORD,
      passkey: await answer(user, key),
    });
    expect((await user.api('GET', '/auth/me')).user.passkeyTwoStep).toBe(false);
    expect((await passwordLogin(new Client(h.app), email)).statusCode).toBe(200);
    expect(await storedRecoveryHashes(h.t.db, email)).toEqual([]);
    await user.api('DELETE', `/auth/passkeys/${passkeys[0].id}`);
    // Whatever writes it, the database refuses a passkey second step without a passkey.
    await expect(
      h.t.db.updateTable('users').set({ mfa_passkey: true }).where('email', '=', email).execute(),
    ).rejects.toThrow(/needs a passkey/);
  });

  it('a password reset asks for the passkey too', async () => {
    const email = 'reset-2s@example.com';
    const { user, key, id } = await withPasskey(email);
    await turnOn(user, key);
    await user.api('POST', '/auth/password-reset', { email }, 202);
    const reset = await h.t.db
      .selectFrom('password_resets')
      .select(['id', 'user_id', 'expires_at'])
      .where('user_id', '=', id)
      .executeTakeFirstOrThrow();
    const signed = signLinkToken(
      {
        purpose: 'password_reset',
        userId: reset.user_id,
        subject: reset.id,
        expiresAt: new Date(reset.expires_at),
      },
      DEV_REPORT_LINK_SECRET,
    );
    const token = `${reset.id}.${reset.user_id}.${signed}`;
    const newPassword = 'a brand new passphrase here';
    const browser = new Client(h.app);
    const confirm = (extra: object) =>
      browser.request({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { token, newPassword, ...extra },
      });
    const bare = await confirm({});
    expect(bare.statusCode).toBe(401);
    expect(bare.json().error).toMatchObject({
      code: 'MFA_REQUIRED',
      details: { factors: ['passkey', 'recovery_code'] },
    });
    const other = await withPasskey('reset-other-2s@example.com');
    expect((await confirm({ passkey: await answer(browser, other.key) })).statusCode).toBe(403);
    const ok = await confirm({ passkey: await answer(browser, key) });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = await browser.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: newPassword },
    });
    expect(after.json().error.code).toBe('MFA_REQUIRED');
  });
});
