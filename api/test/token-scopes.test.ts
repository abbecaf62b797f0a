import type { Ledger } from '@finsync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, PASSWORD, signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

// Personal access tokens: read-only or read-write, and never a key to credentials, MFA, sessions or tokens.

describe('personal access token scopes', () => {
  let h: TestApp;
  let owner: Client;
  let seeded: Ledger;
  beforeAll(async () => {
    h = await startTestApp({ rateLimits: { passwordPerAccount: { max: 10_000, windowMs: 60_000 } } });
    owner = await signedUpClient(h.app);
    seeded = await h.ctx.newLedger(owner.userId!, 2);
  });
  afterAll(() => h.close());

  const mint = async (body: object) => {
    const res = await owner.request({ method: 'POST', url: '/api/v1/tokens', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { token: string; scope: string; id: string };
  };
  const withToken = (
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  it('a token is read-only unless asked otherwise: it reads, and every write is 403 with nothing stored', async () => {
    const read = await mint({ name: 'dashboard script' });
    expect(read.scope).toBe('read');
    expect((await withToken(read.token, 'GET', '/api/v1/transactions')).statusCode).toBe(200);
    const patch = await withToken(read.token, 'PATCH', `/api/v1/transactions/${seeded.transactionIds[0]}`, {
      notes: 'from a read token',
    });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.message).toMatch(/read-only/);
    expect((await withToken(read.token, 'POST', '/api/v1/categories', { name: 'Nope' })).statusCode).toBe(
      403,
    );
    const row = await h.t.db
      .selectFrom('transactions')
      .select('notes')
      .where('id', '=', seeded.transactionIds[0]!)
      .executeTakeFirstOrThrow();
    expect(row.notes).toBeNull();
  });

  it('a read-write token writes', async () => {
    const rw = await mint({ name: 'importer', scope: 'read-write' });
    const patch = await withToken(rw.token, 'PATCH', `/api/v1/transactions/${seeded.transactionIds[1]}`, {
      notes: 'from a read-write token',
    });
    expect(patch.statusCode, patch.body).toBe(200);
  });

  it('no token, whatever its scope, manages credentials, MFA, sessions or tokens', async () => {
    const rw = await mint({ name: 'too powerful?', scope: 'read-write' });
    const attempts: ['GET' | 'POST' | 'DELETE', string, object?][] = [
      ['GET', '/api/v1/tokens'],
      ['POST', '/api/v1/tokens', { name: 'minted by a token', scope: 'read-write' }],
      ['DELETE', `/api/v1/tokens/${rw.id}`],
      ['POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'taken over by a script' }],
      ['POST', '/api/v1/auth/mfa/enrol'],
      ['POST', '/api/v1/auth/mfa/disable', { password: PASSWORD, code: '123456' }],
      ['POST', '/api/v1/auth/mfa/recovery-codes', { password: PASSWORD, code: '123456' }],
      ['DELETE', '/api/v1/auth/account', { password: PASSWORD, confirm: 'DELETE' }],
      ['GET', '/api/v1/auth/sessions'],
      ['POST', '/api/v1/auth/sessions/sign-out-others'],
    ];
    for (const [method, url, payload] of attempts) {
      const res = await withToken(rw.token, method, url, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
    }
    // The token still works and the account is intact.
    expect((await withToken(rw.token, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect(
      (await owner.request({ method: 'GET', url: '/api/v1/tokens' })).json().tokens.length,
    ).toBeGreaterThan(0);
  });

  it('a password change revokes every token when asked to (and only then)', async () => {
    const kept = await mint({ name: 'kept' });
    let res = await owner.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'second passphrase 1234' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await withToken(kept.token, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    res = await owner.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: {
        currentPassword: 'second passphrase 1234',
        newPassword: 'third passphrase 12345',
        revokeTokens: true,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await withToken(kept.token, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await owner.request({ method: 'GET', url: '/api/v1/tokens' })).json().tokens).toEqual([]);
  });
});
