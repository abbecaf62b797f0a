import { SessionResponse } from '@finsync/shared/contract';
import { signupLinkTokenFor } from '@finsync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.ts';

// The sign-up page sends the browser's time zone and locale; the account starts with both.
describe('POST /auth/signup with the browser time zone and locale', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await startTestApp({ rateLimits: { signupPerIp: { max: 10_000, windowMs: 60_000 } } });
  });
  afterAll(() => h.close());

  const signup = (payload: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload });

  it('keeps the time zone and the locale, canonicalized, for the account the emailed link creates', async () => {
    const asked = await signup({
      email: 'lena@example.com',
      password: 'correct horse battery staple',
      timezone: 'Europe/Berlin',
      locale: 'de-de',
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup/confirm',
      payload: { token: await signupLinkTokenFor(h.t.db, 'lena@example.com') },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(SessionResponse.parse(res.json()).user).toMatchObject({
      timezone: 'Europe/Berlin',
      locale: 'de-DE',
    });
  });

  it('refuses a locale that is not a language tag, naming the field', async () => {
    const res = await signup({
      email: 'max@example.com',
      password: 'correct horse battery staple',
      locale: 'not a locale!',
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('body.locale');
  });
});
