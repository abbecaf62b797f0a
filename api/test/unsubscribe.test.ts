import { signLinkToken } from '@finsync/shared/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

const SECRET = 'unsubscribe-test-secret-0123456789abcdef';
let h: TestApp;
let client: Client;

beforeAll(async () => {
  h = await startTestApp({}, { REPORT_LINK_SECRET: SECRET });
  client = await signedUpClient(h.app);
});
afterAll(() => h?.close());

const link = (kind: string, userId: string, expiresAt = new Date(Date.now() + 86_400_000)) =>
  new URLSearchParams({
    u: userId,
    kind,
    t: signLinkToken({ purpose: 'unsubscribe', userId, subject: kind, expiresAt }, SECRET),
  }).toString();
const prefs = async () =>
  (
    await h.t.db
      .selectFrom('users')
      .select('notification_prefs')
      .where('id', '=', client.userId!)
      .executeTakeFirstOrThrow()
  ).notification_prefs;

describe('POST /api/v1/notifications/unsubscribe (signed out, signed token)', () => {
  it('turns one kind of email off, from the page (no body) and from a mail client (RFC 8058 form POST)', async () => {
    const fromPage = await h.app.inject({
      method: 'POST',
      url: `/api/v1/notifications/unsubscribe?${link('report_ready', client.userId!)}`,
    });
    expect(fromPage.statusCode, fromPage.body).toBe(200);
    expect(fromPage.json()).toEqual({ kind: 'report_ready', unsubscribed: true });
    const fromMailClient = await h.app.inject({
      method: 'POST',
      url: `/api/v1/notifications/unsubscribe?${link('low_balance', client.userId!)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(fromMailClient.statusCode, fromMailClient.body).toBe(200);
    expect(await prefs()).toMatchObject({ report_ready: false, low_balance: false });
  });

  it('refuses a token for another kind, another user, or past its expiry, and changes nothing', async () => {
    const other = await signedUpClient(h.app);
    const before = await prefs();
    const forged = link('sync_failing', other.userId!).replace(`u=${other.userId}`, `u=${client.userId}`);
    const expired = link('sync_failing', client.userId!, new Date(Date.now() - 1000));
    const wrongKind = link('missed_bill', client.userId!).replace('kind=missed_bill', 'kind=sync_failing');
    for (const query of [forged, expired, wrongKind]) {
      const res = await h.app.inject({ method: 'POST', url: `/api/v1/notifications/unsubscribe?${query}` });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toMatch(/^LINK_(INVALID|EXPIRED)$/);
    }
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/unsubscribe?u=x&kind=nope&t=1',
    });
    expect(bad.statusCode).toBe(400);
    expect(await prefs()).toEqual(before);
  });
});
