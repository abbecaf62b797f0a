import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  PASSWORD,
  signedUpClient,
  startTestApp,
  storedRecoveryHashes,
  type TestApp,
} from './support/test-app.ts';

// TOTP recovery codes: ten one-time codes when two-factor is turned on, each signing in once.

describe('two-factor recovery codes', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await startTestApp({ rateLimits: { passwordPerAccount: { max: 10_000, windowMs: 60_000 } } });
  });
  afterAll(() => h.close());

  const login = (email: string, extra: object) =>
    new Client(h.app).request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: PASSWORD, ...extra },
    });

  it('turning two-factor on shows ten codes once; each signs in once, instead of the TOTP code', async () => {
    const email = 'recovery@example.com';
    const user = await signedUpClient(h.app, email);
    const { secret } = (await user.request({ method: 'POST', url: '/api/v1/auth/mfa/enrol' })).json();
    const verified = await user.request({
      method: 'POST',
      url: '/api/v1/auth/mfa/verify',
      payload: { code: await generate({ secret }) },
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const codes = verified.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    // Only hashes are stored.
    const hashes = await storedRecoveryHashes(h.t.db, email);
    expect(hashes).toHaveLength(10);
    expect(JSON.stringify(hashes)).not.toContain(codes[0]!.replace('-', ''));

    expect((await login(email, {})).json().error.code).toBe('MFA_REQUIRED');
    expect((await login(email, { recoveryCode: codes[0]!.toUpperCase() })).statusCode).toBe(200);
    expect((await login(email, { recoveryCode: codes[0] })).statusCode).toBe(401);
    expect((await login(email, { recoveryCode: 'aaaaa-aaaaa' })).statusCode).toBe(401);
    expect((await login(email, { recoveryCode: codes[1]!.replace('-', '') })).statusCode).toBe(200);
    expect(await storedRecoveryHashes(h.t.db, email)).toHaveLength(8);
    const factors = await h.t.db
      .selectFrom('audit_log')
      .select('details')
      .where('event', '=', 'auth.login')
      .where('user_id', '=', user.userId!)
      .execute();
    expect(factors.map((f) => (f.details as { factor?: string }).factor)).toEqual([
      'recovery_code',
      'recovery_code',
    ]);
  });

  it('turning two-factor off retires the codes', async () => {
    const email = 'recovery-off@example.com';
    const user = await signedUpClient(h.app, email);
    const { secret } = (await user.request({ method: 'POST', url: '/api/v1/auth/mfa/enrol' })).json();
    const codes = (
      await user.request({
        method: 'POST',
        url: '/api/v1/auth/mfa/verify',
        payload: { code: await generate({ secret }) },
      })
    ).json().recoveryCodes as string[];
    const off = await user.request({
      method: 'POST',
      url: '/api/v1/auth/mfa/disable',
      payload: {
        password: PASSWORD,
        code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }),
      },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(await storedRecoveryHashes(h.t.db, email)).toEqual([]);
    // With two-factor off the password alone signs in again (the retired code plays no part).
    expect((await login(email, { recoveryCode: codes[0] })).statusCode).toBe(200);
  });

  it('new recovery codes (password and a current code) replace the old ones, used or not', async () => {
    const email = 'recovery-new@example.com';
    const user = await signedUpClient(h.app, email);
    const { secret } = (await user.request({ method: 'POST', url: '/api/v1/auth/mfa/enrol' })).json();
    const old = (
      await user.request({
        method: 'POST',
        url: '/api/v1/auth/mfa/verify',
        payload: { code: await generate({ secret }) },
      })
    ).json().recoveryCodes as string[];
    const nextCode = (steps: number) =>
      generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * steps });
    const replace = (payload: object) =>
      user.request({ method: 'POST', url: '/api/v1/auth/mfa/recovery-codes', payload });
    // A wrong password or code replaces nothing.
    expect((await replace({ password: 'wrong-password-123', code: await nextCode(1) })).statusCode).toBe(403);
    expect((await replace({ password: PASSWORD, code: '000000' })).statusCode).toBe(403);
    const replaced = await replace({ password: PASSWORD, code: await nextCode(1) });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const fresh = replaced.json().recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => old.includes(c))).toEqual([]);
    // The code just used cannot be used again.
    expect((await replace({ password: PASSWORD, code: await nextCode(1) })).statusCode).toBe(403);
    expect((await login(email, { recoveryCode: old[0] })).statusCode).toBe(401);
    expect((await login(email, { recoveryCode: fresh[0] })).statusCode).toBe(200);
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select('event')
      .where('user_id', '=', user.userId!)
      .where('event', '=', 'auth.mfa_recovery_codes_replaced')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses new recovery codes while two-factor is off', async () => {
    const user = await signedUpClient(h.app, 'recovery-none@example.com');
    const res = await user.request({
      method: 'POST',
      url: '/api/v1/auth/mfa/recovery-codes',
      payload: { password: PASSWORD, code: '123456' },
    });
    expect(res.statusCode).toBe(409);
  });
});
