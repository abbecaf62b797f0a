import { SessionResponse } from '@finsync/shared/contract';
import { createInProcessJobQueue, type InProcessJobQueue } from '@finsync/shared/queue';
import { signupLinkTokenFor } from '@finsync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSWORD, signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

/*
 * Sign-up does not reveal whether an address is registered (issue 14): both answers are the same 202, and the
 * difference is only in what the address's owner then receives: a link that creates the account, or a note that
 * the account exists with a password-reset link.
 */
describe('email-verified sign-up', () => {
  let h: TestApp;
  let queue: InProcessJobQueue;
  let clockAheadMs = 0;
  const sent = { notifications: [] as string[], signupLinks: [] as string[] };

  beforeAll(async () => {
    queue = createInProcessJobQueue();
    queue.register(
      'send-notification',
      async ({ notificationId }) => void sent.notifications.push(notificationId),
    );
    queue.register('send-signup-link', async ({ signupId }) => void sent.signupLinks.push(signupId));
    await queue.start();
    h = await startTestApp({
      queue,
      clock: () => new Date(Date.now() + clockAheadMs),
      rateLimits: { signupPerIp: { max: 10_000, windowMs: 60_000 } },
    });
  });
  afterAll(async () => {
    await h.close();
    await queue.close();
  });

  const signup = (email: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email, password: PASSWORD, timezone: 'Europe/Berlin', locale: 'de-de' },
    });
  const confirm = (token: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token } });
  /** Headers that differ between any two answers (the date, the request's own id). */
  const comparable = (headers: Record<string, unknown>) => {
    const { date: _date, 'x-request-id': _id, ...rest } = headers;
    return rest;
  };

  it('answers a registered and a new address alike: status, body and headers', async () => {
    const owner = await signedUpClient(h.app, 'taken@example.com');
    expect(owner.userId).toBeDefined();
    const registered = await signup('Taken@Example.com');
    const fresh = await signup('fresh@example.com');
    expect(registered.statusCode).toBe(202);
    expect(fresh.statusCode).toBe(registered.statusCode);
    expect(fresh.body).toBe(registered.body);
    expect(comparable(fresh.headers)).toEqual(comparable(registered.headers));
    expect(registered.cookies).toEqual([]);
    // Neither answer signed anyone in.
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(me.json().user).toBeNull();
  });

  it('emails the registered owner that the account exists (with a reset link), and a new address its link', async () => {
    await queue.idle();
    const notes = await h.t.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['notifications.id', 'notifications.kind', 'notifications.payload', 'users.email'])
      .where('notifications.id', 'in', sent.notifications)
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'account_exists', email: 'taken@example.com' });
    const resetId = (notes[0]!.payload as { resetId: string }).resetId;
    const reset = await h.t.db
      .selectFrom('password_resets')
      .select(['used_at'])
      .where('id', '=', resetId)
      .executeTakeFirstOrThrow();
    expect(reset.used_at).toBeNull();
    // Sign-up links went to the owner's own first sign-up and to the new address, none to the registered retry.
    const pending = await h.t.db
      .selectFrom('pending_signups')
      .select(['email', 'token_hash'])
      .where('id', 'in', sent.signupLinks)
      .execute();
    expect(pending.map((p) => p.email).sort()).toEqual(['fresh@example.com', 'taken@example.com']);
    // Only a hash of the link's token is stored.
    const token = await signupLinkTokenFor(h.t.db, 'fresh@example.com');
    expect(JSON.stringify(pending)).not.toContain(token.split('.').at(-1));
  });

  it('a link creates the account with the browser time zone and locale, signs it in, and works once', async () => {
    const token = await signupLinkTokenFor(h.t.db, 'fresh@example.com');
    const first = await confirm(token);
    expect(first.statusCode, first.body).toBe(201);
    expect(SessionResponse.parse(first.json()).user).toMatchObject({
      email: 'fresh@example.com',
      timezone: 'Europe/Berlin',
      locale: 'de-DE',
    });
    const client = new Client(h.app);
    client.cookies.set('fs_access', first.cookies.find((c) => c.name === 'fs_access')!.value);
    expect((await client.api('GET', '/auth/me')).user.email).toBe('fresh@example.com');
    const categories = await client.api('GET', '/categories');
    expect(categories.categories.length).toBeGreaterThan(0);

    const again = await confirm(token);
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual(await invalidAnswer());
    // And signing up again now only emails the owner: the address is registered.
    expect((await signup('fresh@example.com')).statusCode).toBe(202);
  });

  /** The one refusal: a forged token's answer, the reference the others are compared with. */
  async function invalidAnswer() {
    const forged = await confirm(`00000000-0000-4000-8000-000000000000.9999999999.${'A'.repeat(43)}`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('SIGNUP_LINK_INVALID');
    return forged.json();
  }

  it('refuses forged, tampered and expired links with the one 400', async () => {
    await signup('late@example.com');
    const token = await signupLinkTokenFor(h.t.db, 'late@example.com');
    const refusal = await invalidAnswer();
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [tampered, 'not-a-token', `${token}x`]) {
      const res = await confirm(bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()).toEqual(refusal);
    }
    clockAheadMs = 25 * 3600_000;
    try {
      const expired = await confirm(token);
      expect(expired.statusCode).toBe(400);
      expect(expired.json()).toEqual(refusal);
    } finally {
      clockAheadMs = 0;
    }
    // Nothing was created by any of them.
    const users = await h.t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'late@example.com')
      .execute();
    expect(users).toEqual([]);
    // The link itself was fine: within its day it works.
    expect((await confirm(token)).statusCode).toBe(201);
  });
});
