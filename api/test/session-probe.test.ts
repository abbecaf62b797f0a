import { SessionProbeResponse } from '@finsync/shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

// A page load asks who is signed in without provoking a 401 (each one is a console error in the browser).
describe('GET /auth/session', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await startTestApp({ rateLimits: { signupPerIp: { max: 10_000, windowMs: 60_000 } } });
  });
  afterAll(() => h.close());

  const probe = async (cookie?: string) => {
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      ...(cookie ? { headers: { cookie } } : {}),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    return SessionProbeResponse.parse(res.json());
  };

  it('signed out, with no cookie at all: 200, no user, nothing to refresh', async () => {
    await expect(probe()).resolves.toEqual({ user: null, csrfToken: null, canRefresh: false });
  });

  it('signed in: the user and a CSRF token that works for writes of that session', async () => {
    const client = await signedUpClient(h.app);
    const res = await client.request({ method: 'GET', url: '/api/v1/auth/session' });
    expect(res.statusCode, res.body).toBe(200);
    const answer = SessionProbeResponse.parse(res.json());
    expect(answer.user?.id).toEqual(expect.any(String));
    expect(answer.canRefresh).toBe(false);
    client.csrf = answer.csrfToken!;
    const write = await client.request({
      method: 'PATCH',
      url: '/api/v1/settings',
      payload: { timezone: 'Asia/Tokyo' },
    });
    expect(write.statusCode, write.body).toBe(200);
  });

  it('access cookie gone, refresh cookie live: canRefresh, and the refresh then works; after logout it does not', async () => {
    const client = await signedUpClient(h.app);
    client.cookies.delete('fs_access');
    const refreshCookie = `fs_refresh=${client.cookies.get('fs_refresh')}`;
    await expect(probe(refreshCookie)).resolves.toEqual({ user: null, csrfToken: null, canRefresh: true });
    const refreshed = await client.request({ method: 'POST', url: '/api/v1/auth/refresh' });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const out = await client.request({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode, out.body).toBe(200);
    await expect(probe(`fs_refresh=${client.cookies.get('fs_refresh')}`)).resolves.toMatchObject({
      user: null,
      canRefresh: false,
    });
  });
});
