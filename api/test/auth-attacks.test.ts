import { createHmac } from 'node:crypto';
import { generate } from 'otplib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  Client,
  PASSWORD,
  signedUpClient,
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from './support/test-app.ts';

const GRACE_MS = 20_000;

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(header: object, claims: object, secret: string | null): string {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  const signature = secret === null ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

describe('auth attack suite', () => {
  let h: TestApp;
  // The app's clock runs this far ahead of the wall clock: tests move it instead of sleeping.
  let clockAheadMs = 0;

  beforeAll(async () => {
    h = await startTestApp({
      rateLimits: { loginPerIp: { max: 12, windowMs: 60_000 } },
      clock: () => new Date(Date.now() + clockAheadMs),
    });
  });
  afterEach(() => {
    clockAheadMs = 0;
  });
  afterAll(() => h.close());

  let ip = 1;
  const login = (email: string, password: string, extra: object = {}, remoteAddress = `10.0.0.${ip}`) =>
    new Client(h.app).request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password, ...extra },
      remoteAddress,
    });
  beforeEach(() => {
    ip += 1;
  });

  it('per-IP login budget answers 429 with Retry-After across accounts', async () => {
    let res = await login('nobody-0@example.com', 'whatever');
    for (let i = 1; i < 13 && res.statusCode !== 429; i++)
      res = await login(`nobody-${i}@example.com`, 'whatever');
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('RATE_LIMITED');
    expect(res.headers['retry-after']).toBeDefined();
  });

  describe('access JWTs', () => {
    let userId: string;
    let sessionId: string;
    beforeAll(async () => {
      userId = (await signedUpClient(h.app)).userId!;
      // The access token names a live session (its refresh family); a forged one would need it too.
      sessionId = (
        await h.t.db
          .selectFrom('sessions')
          .select('family_id')
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow()
      ).family_id;
    });
    const now = () => Math.floor(Date.now() / 1000);
    const good = () => ({
      sub: userId,
      fam: sessionId,
      iss: 'finsync',
      aud: 'finsync-web',
      iat: now(),
      exp: now() + 600,
    });
    const me = (token: string) =>
      h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `fs_access=${token}` } });

    it('a correctly signed token is accepted (control)', async () => {
      expect((await me(jwt({ alg: 'HS256', typ: 'JWT' }, good(), TEST_JWT_SECRET))).statusCode).toBe(200);
    });

    it.each([
      [
        'forged (other secret)',
        () => jwt({ alg: 'HS256', typ: 'JWT' }, good(), 'another-secret-another-secret-another-secret'),
      ],
      [
        'expired',
        () =>
          jwt(
            { alg: 'HS256', typ: 'JWT' },
            { ...good(), iat: now() - 7200, exp: now() - 3600 },
            TEST_JWT_SECRET,
          ),
      ],
      ['alg none', () => jwt({ alg: 'none', typ: 'JWT' }, good(), null)],
      [
        'wrong audience',
        () => jwt({ alg: 'HS256', typ: 'JWT' }, { ...good(), aud: 'someone-else' }, TEST_JWT_SECRET),
      ],
      ['wrong issuer', () => jwt({ alg: 'HS256', typ: 'JWT' }, { ...good(), iss: 'evil' }, TEST_JWT_SECRET)],
      [
        'HS512 instead of the pinned HS256',
        () => {
          const unsigned = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(good())}`;
          return `${unsigned}.${createHmac('sha512', TEST_JWT_SECRET).update(unsigned).digest('base64url')}`;
        },
      ],
      ['garbage', () => 'not-a-jwt'],
    ])('%s → 401', async (_name, make) => {
      const res = await me(make());
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    });

    it('a JWT in the Authorization header is not accepted as a bearer token', async () => {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, good(), TEST_JWT_SECRET)}` },
      });
      expect(res.statusCode).toBe(401);
    });
  });

  /** A second client holding copies of `of`'s cookies and CSRF token (another tab, or a thief). */
  const copyOf = (of: Client) => {
    const copy = new Client(h.app);
    for (const [name, value] of of.cookies) copy.cookies.set(name, value);
    copy.csrf = of.csrf;
    return copy;
  };

  it('two tabs refreshing with the same token at once both succeed and the family lives on', async () => {
    const tabA = await signedUpClient(h.app);
    const tabB = copyOf(tabA);
    const [a, b] = await Promise.all([
      tabA.request({ method: 'POST', url: '/api/v1/auth/refresh' }),
      tabB.request({ method: 'POST', url: '/api/v1/auth/refresh' }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(tabA.cookies.get('fs_refresh')).not.toBe(tabB.cookies.get('fs_refresh'));

    // Whichever cookie the browser keeps, the family still refreshes and signs in.
    clockAheadMs = GRACE_MS * 3;
    for (const tab of [tabA, tabB]) {
      expect((await tab.request({ method: 'POST', url: '/api/v1/auth/refresh' })).statusCode).toBe(200);
      expect((await tab.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    }
    const revoked = await h.t.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', tabA.userId!)
      .where('revoked_at', 'is not', null)
      .execute();
    expect(revoked).toHaveLength(0);
    const events = await h.t.db
      .selectFrom('audit_log')
      .select('event')
      .where('user_id', '=', tabA.userId!)
      .where('event', 'in', ['auth.refresh_reuse', 'auth.refresh_grace'])
      .execute();
    expect(events.map((e) => e.event)).toEqual(['auth.refresh_grace']);
  });

  it('reusing a spent refresh token after the grace window revokes the whole family', async () => {
    const user = await signedUpClient(h.app);
    const first = user.cookies.get('fs_refresh')!;
    const rotated = await user.request({ method: 'POST', url: '/api/v1/auth/refresh' });
    expect(rotated.statusCode).toBe(200);
    const second = user.cookies.get('fs_refresh')!;
    expect(second).not.toBe(first);
    clockAheadMs = GRACE_MS + 1000;

    const thief = new Client(h.app);
    thief.cookies.set('fs_refresh', first);
    thief.csrf = user.csrf;
    thief.cookies.set('fs_csrf', user.cookies.get('fs_csrf')!);
    const reuse = await thief.request({ method: 'POST', url: '/api/v1/auth/refresh' });
    expect(reuse.statusCode).toBe(401);

    // The legitimate holder's newer token died with the family.
    const after = await user.request({ method: 'POST', url: '/api/v1/auth/refresh' });
    expect(after.statusCode).toBe(401);
    const live = await h.t.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', user.userId!)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toHaveLength(0);
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select('event')
      .where('user_id', '=', user.userId!)
      .where('event', '=', 'auth.refresh_reuse')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('cookie-authenticated writes without a valid CSRF token → 403, nothing stored', async () => {
    const user = await signedUpClient(h.app);
    const missing = await user.request({
      method: 'PATCH',
      url: '/api/v1/settings',
      payload: { timezone: 'Asia/Tokyo' },
      csrf: false,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF_INVALID');
    const wrong = await user.request({
      method: 'PATCH',
      url: '/api/v1/settings',
      payload: { timezone: 'Asia/Tokyo' },
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(wrong.statusCode).toBe(403);
    const logout = await user.request({ method: 'POST', url: '/api/v1/auth/logout', csrf: false });
    expect(logout.statusCode).toBe(403);
    const settings = await user.request({ method: 'GET', url: '/api/v1/settings' });
    expect(settings.json().timezone).toBe('UTC');
  });

  it('personal access tokens need no CSRF token and stop working once revoked', async () => {
    const user = await signedUpClient(h.app);
    const created = (
      await user.request({
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: 'cli', scope: 'read-write' },
      })
    ).json();
    const asToken = (method: 'GET' | 'PATCH', url: string, payload?: object) =>
      h.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${created.token}` },
        ...(payload ? { payload } : {}),
      });
    expect((await asToken('PATCH', '/api/v1/settings', { timezone: 'Asia/Tokyo' })).statusCode).toBe(200);
    // A token cannot mint tokens.
    const mint = await h.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { authorization: `Bearer ${created.token}` },
      payload: { name: 'more' },
    });
    expect(mint.statusCode).toBe(403);
    await user.request({ method: 'DELETE', url: `/api/v1/tokens/${created.id}` });
    expect((await asToken('GET', '/api/v1/settings')).statusCode).toBe(401);
    const stored = await h.t.db.selectFrom('personal_access_tokens').select('token_hash').execute();
    expect(stored.every((r) => !r.token_hash.includes(created.token))).toBe(true);
  });

  it('once MFA is on, login needs a fresh TOTP code', async () => {
    const email = 'mfa-user@example.com';
    const user = await signedUpClient(h.app, email);
    const { secret } = (await user.request({ method: 'POST', url: '/api/v1/auth/mfa/enrol' })).json();
    const code = await generate({ secret });
    expect(
      (await user.request({ method: 'POST', url: '/api/v1/auth/mfa/verify', payload: { code } })).statusCode,
    ).toBe(200);

    const without = await login(email, PASSWORD);
    expect(without.statusCode).toBe(401);
    expect(without.json().error.code).toBe('MFA_REQUIRED');
    expect((await login(email, PASSWORD, { totp: '000000' === code ? '111111' : '000000' })).statusCode).toBe(
      401,
    );
    // The enrolment code was consumed; the same step cannot be replayed.
    expect((await login(email, PASSWORD, { totp: code })).statusCode).toBe(401);
    const later = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const ok = await login(email, PASSWORD, { totp: later });
    expect(ok.statusCode).toBe(200);
    const row = await h.t.db
      .selectFrom('users')
      .select(['mfa_secret_encrypted'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row.mfa_secret_encrypted).not.toContain(secret);
  });

  it('deleting the account removes Plaid items at Plaid, then every row of the user', async () => {
    const user = await signedUpClient(h.app);
    const seeded = await h.ctx.newLedger(user.userId!, 3);
    const wrong = await user.request({
      method: 'DELETE',
      url: '/api/v1/auth/account',
      payload: { password: 'not my password', confirm: 'DELETE' },
    });
    expect(wrong.statusCode).toBe(403);
    const res = await user.request({
      method: 'DELETE',
      url: '/api/v1/auth/account',
      payload: { password: PASSWORD, confirm: 'DELETE' },
    });
    expect(res.statusCode).toBe(200);
    expect(h.removedItems).toContain(seeded.itemId);
    for (const table of ['transactions', 'accounts', 'plaid_items', 'categories', 'sessions'] as const) {
      const left = await h.t.db
        .selectFrom(table)
        .select('user_id')
        .where('user_id', '=', user.userId!)
        .execute();
      expect(left, table).toHaveLength(0);
    }
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select(['event', 'details'])
      .where('event', '=', 'account.deleted')
      .execute();
    expect(audit.map((a) => (a.details as { userId: string }).userId)).toContain(user.userId);
    expect((await user.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });
});
