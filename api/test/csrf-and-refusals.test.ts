import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

// CSRF tokens bound to their session; no-store on API answers; secrets out of the request log; every refusal
// in the one error shape, quoting nothing it was sent.

const ECHO = 'ECHO-ME-1b2c3d';

describe('CSRF tokens are bound to the session', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await startTestApp({ rateLimits: { signupPerIp: { max: 10_000, windowMs: 60_000 } } });
  });
  afterAll(() => h.close());

  const settings = (client: Client, headers: Record<string, string>) =>
    client.request({
      method: 'PATCH',
      url: '/api/v1/settings',
      payload: { timezone: 'Asia/Tokyo' },
      headers,
      csrf: false,
    });

  it("an attacker's own CSRF cookie and token do not work with the victim's session", async () => {
    const attacker = await signedUpClient(h.app);
    const victim = await signedUpClient(h.app);
    const tossed = await settings(victim, {
      cookie: `fs_access=${victim.cookies.get('fs_access')}; fs_csrf=${attacker.cookies.get('fs_csrf')}`,
      'x-csrf-token': attacker.csrf!,
    });
    expect(tossed.statusCode).toBe(403);
    expect(tossed.json().error.code).toBe('CSRF_INVALID');
    // Same secret cookie, token minted for the attacker's session: refused too.
    const mixed = await settings(victim, { 'x-csrf-token': attacker.csrf! });
    expect(mixed.statusCode).toBe(403);
    const own = await settings(victim, { 'x-csrf-token': victim.csrf! });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('once the access cookie has expired, the refresh cookie binds the token: refresh and /auth/csrf still work', async () => {
    const user = await signedUpClient(h.app);
    const token = user.csrf!;
    user.cookies.delete('fs_access');
    const fresh = await user.request({ method: 'GET', url: '/api/v1/auth/csrf' });
    expect(fresh.json().csrfToken).toEqual(expect.any(String));
    user.csrf = token;
    const refreshed = await user.request({ method: 'POST', url: '/api/v1/auth/refresh' });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    expect((await user.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    // The token refresh answered with still works for writes of the same session.
    expect((await settings(user, { 'x-csrf-token': user.csrf! })).statusCode).toBe(200);
  });
});

describe('API answers are not cached and refusals echo nothing', () => {
  let h: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    h = await startTestApp(
      { logStream: { write: (line: string) => lines.push(line) } },
      { LOG_LEVEL: 'info' },
    );
  });
  afterAll(() => h.close());

  it('Cache-Control: no-store on signed-in answers, session answers and refusals', async () => {
    const user = await signedUpClient(h.app);
    const me = await user.request({ method: 'GET', url: '/api/v1/auth/me' });
    expect(me.headers['cache-control']).toBe('no-store');
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.com', password: 'wrong password here' },
    });
    expect(login.headers['cache-control']).toBe('no-store');
    const anon = await h.app.inject({ method: 'GET', url: '/api/v1/transactions' });
    expect(anon.statusCode).toBe(401);
    expect(anon.headers['cache-control']).toBe('no-store');
  });

  it("the emailed report link's token never reaches the request log", async () => {
    const user = await signedUpClient(h.app);
    const secret = `tok.${ECHO}.sig`;
    await user.request({
      method: 'GET',
      url: `/api/v1/reports/00000000-0000-4000-8000-000000000000?t=${encodeURIComponent(secret)}`,
    });
    const log = lines.join('\n');
    expect(log).toContain('/api/v1/reports/00000000-0000-4000-8000-000000000000?t=[redacted]');
    expect(log).not.toContain(ECHO);
  });

  it.each([
    [
      '414: a path parameter over the limit',
      { method: 'GET' as const, url: `/api/v1/rules/${ECHO}${'a'.repeat(200)}` },
      414,
    ],
    ['404: an unknown route', { method: 'GET' as const, url: `/api/v1/${ECHO}` }, 404],
    [
      '400: broken JSON',
      {
        method: 'POST' as const,
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: `{"email": "${ECHO}`,
      },
      400,
    ],
    [
      '400: prototype poisoning',
      {
        method: 'POST' as const,
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: `{"__proto__": {"x": "${ECHO}"}}`,
      },
      400,
    ],
    [
      '415: an unknown content type',
      {
        method: 'POST' as const,
        url: '/api/v1/auth/login',
        headers: { 'content-type': `application/x-${ECHO}` },
        payload: 'x',
      },
      415,
    ],
  ])('%s', async (_name, request, status) => {
    const res = await h.app.inject(request);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(res.body).not.toContain(ECHO);
  });
});
