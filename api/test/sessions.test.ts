import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSWORD, signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

// Revocable sessions: the access cookie names its session, and every API instance refuses it as soon as the
// session ends (logout, password change, refresh-token reuse, sign-out from the sessions list).

const GRACE_MS = 20_000;
/** The bound the issue sets for another instance to see a revocation; the cache alone would take 10 s. */
const VISIBLE_WITHIN_MS = 1_000;

/** The same browser (its cookies and CSRF token) talking to another API instance. */
function sameBrowserOn(app: FastifyInstance, client: Client): Client {
  const other = new Client(app);
  for (const [k, v] of client.cookies) other.cookies.set(k, v);
  other.csrf = client.csrf;
  return other;
}

const me = (client: Client) => client.request({ method: 'GET', url: '/api/v1/auth/me' });

/** Polls until the client is refused; answers how long that took (capped just past the bound). */
async function msUntilRefused(client: Client): Promise<number> {
  const started = Date.now();
  while (Date.now() - started <= VISIBLE_WITHIN_MS) {
    const res = await me(client);
    if (res.statusCode === 401) {
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
      return Date.now() - started;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return Number.POSITIVE_INFINITY;
}

describe('revocable sessions across API instances', () => {
  let h: TestApp;
  let b: FastifyInstance;
  let clockAheadMs = 0;

  beforeAll(async () => {
    h = await startTestApp({
      clock: () => new Date(Date.now() + clockAheadMs),
      rateLimits: {
        signupPerIp: { max: 10_000, windowMs: 60_000 },
        loginPerIp: { max: 10_000, windowMs: 60_000 },
        passwordPerAccount: { max: 10_000, windowMs: 60_000 },
      },
    });
    b = await h.twin();
  });
  afterAll(() => h.close());

  async function secondLogin(email: string, userAgent: string): Promise<Client> {
    const client = new Client(h.app);
    const res = await client.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'user-agent': userAgent },
      payload: { email, password: PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    return client;
  }

  it('logout on instance A is refused on instance B within 1 s (B had cached the session as live)', async () => {
    const onA = await signedUpClient(h.app);
    const onB = sameBrowserOn(b, onA);
    expect((await me(onB)).statusCode).toBe(200);
    expect((await onA.request({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(200);
    expect(await msUntilRefused(onB)).toBeLessThanOrEqual(VISIBLE_WITHIN_MS);
  });

  it('a password change ends every other session on every instance; the new one works everywhere', async () => {
    const email = `pw-${Date.now()}@example.com`;
    const laptop = await signedUpClient(h.app, email);
    const phone = await secondLogin(
      email,
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1',
    );
    const phoneOnB = sameBrowserOn(b, phone);
    expect((await me(phoneOnB)).statusCode).toBe(200);
    const changed = await laptop.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'an entirely new passphrase' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await msUntilRefused(phoneOnB)).toBeLessThanOrEqual(VISIBLE_WITHIN_MS);
    expect((await me(sameBrowserOn(b, laptop))).statusCode).toBe(200);
  });

  it('reuse of a spent refresh token ends the family on every instance', async () => {
    const user = await signedUpClient(h.app);
    const spent = user.cookies.get('fs_refresh')!;
    expect((await user.request({ method: 'POST', url: '/api/v1/auth/refresh' })).statusCode).toBe(200);
    const userOnB = sameBrowserOn(b, user);
    expect((await me(userOnB)).statusCode).toBe(200);
    clockAheadMs = GRACE_MS + 1000;
    try {
      const thief = sameBrowserOn(h.app, user);
      thief.cookies.set('fs_refresh', spent);
      expect((await thief.request({ method: 'POST', url: '/api/v1/auth/refresh' })).statusCode).toBe(401);
      expect(await msUntilRefused(userOnB)).toBeLessThanOrEqual(VISIBLE_WITHIN_MS);
    } finally {
      clockAheadMs = 0;
    }
  });

  it('account deletion on A is refused on B at once', async () => {
    const onA = await signedUpClient(h.app);
    const onB = sameBrowserOn(b, onA);
    expect((await me(onB)).statusCode).toBe(200);
    const deleted = await onA.request({
      method: 'DELETE',
      url: '/api/v1/auth/account',
      payload: { password: PASSWORD, confirm: 'DELETE' },
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(await msUntilRefused(onB)).toBeLessThanOrEqual(VISIBLE_WITHIN_MS);
  });

  describe('the sessions list', () => {
    it('shows each login with its device and last seen; signing one out ends it on every instance', async () => {
      const email = `list-${Date.now()}@example.com`;
      const laptop = await signedUpClient(h.app, email);
      const phone = await secondLogin(
        email,
        'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Mobile Safari/537.36',
      );
      const listed = await laptop.request({ method: 'GET', url: '/api/v1/auth/sessions' });
      expect(listed.statusCode, listed.body).toBe(200);
      const sessions = listed.json().sessions as {
        id: string;
        device: string | null;
        current: boolean;
        lastSeenAt: string;
      }[];
      expect(sessions).toHaveLength(2);
      expect(sessions.filter((s) => s.current)).toHaveLength(1);
      const other = sessions.find((s) => !s.current)!;
      expect(other.device).toBe('Chrome on Android');
      expect(Date.parse(other.lastSeenAt)).not.toBeNaN();

      const phoneOnB = sameBrowserOn(b, phone);
      expect((await me(phoneOnB)).statusCode).toBe(200);
      const ended = await laptop.request({ method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}` });
      expect(ended.statusCode, ended.body).toBe(200);
      expect(ended.json()).toEqual({ revoked: 1 });
      expect(await msUntilRefused(phoneOnB)).toBeLessThanOrEqual(VISIBLE_WITHIN_MS);
      expect((await phone.request({ method: 'POST', url: '/api/v1/auth/refresh' })).statusCode).toBe(401);
      expect((await me(laptop)).statusCode).toBe(200);

      const again = await laptop.request({ method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}` });
      expect(again.statusCode).toBe(404);
    });

    it('"sign out everywhere else" keeps only this session', async () => {
      const email = `others-${Date.now()}@example.com`;
      const here = await signedUpClient(h.app, email);
      const elsewhere = [await secondLogin(email, 'curl/8.0'), await secondLogin(email, 'curl/8.1')];
      const res = await here.request({ method: 'POST', url: '/api/v1/auth/sessions/sign-out-others' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ revoked: 2 });
      for (const c of elsewhere)
        expect(await msUntilRefused(sameBrowserOn(b, c))).toBeLessThanOrEqual(VISIBLE_WITHIN_MS);
      const list = await here.request({ method: 'GET', url: '/api/v1/auth/sessions' });
      expect(list.json().sessions).toHaveLength(1);
    });

    it("another user's session id is not found, and a personal access token cannot list or end sessions", async () => {
      const alice = await signedUpClient(h.app);
      const bob = await signedUpClient(h.app);
      const bobs = (await bob.request({ method: 'GET', url: '/api/v1/auth/sessions' })).json().sessions;
      const cross = await alice.request({ method: 'DELETE', url: `/api/v1/auth/sessions/${bobs[0].id}` });
      expect(cross.statusCode).toBe(404);
      expect((await me(bob)).statusCode).toBe(200);

      const created = await alice.request({ method: 'POST', url: '/api/v1/tokens', payload: { name: 'ci' } });
      const bearer = { authorization: `Bearer ${created.json().token}` };
      for (const [method, url] of [
        ['GET', '/api/v1/auth/sessions'],
        ['POST', '/api/v1/auth/sessions/sign-out-others'],
      ] as const) {
        const res = await h.app.inject({ method, url, headers: bearer });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
      }
    });
  });
});
