import { randomBytes } from 'node:crypto';
import { sinkBody, sinkInbox, until } from '@finsync/test-support';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AppStack, startAppStack } from './support/app-stack.ts';
import { signUpLinkFromMail } from './support/sign-up.ts';

/*
 * Password reset by email, end to end: the API, a BullMQ worker on real Redis sending through SendGrid's API,
 * and the emulator's mail sink as the inbox. The link in the email is all the user gets.
 */
const APP_URL = 'https://app.finsync.example';
const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new passphrase 2026';

let stack: AppStack;
let clockAheadMs = 0;

beforeAll(async () => {
  stack = await startAppStack('e2e-reset', inject, {
    worker: true,
    appUrl: APP_URL,
    clock: () => new Date(Date.now() + clockAheadMs),
    env: { REPORT_LINK_SECRET: `e2e-link-${randomBytes(24).toString('hex')}` },
  });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const inbox = (email: string) => sinkInbox(stack.emu.url, email);

/** Waits for the n-th reset email to this address and answers the link's token. */
async function resetTokenFromMail(email: string, n = 1): Promise<{ token: string; body: string }> {
  const mail = await until(
    async () => (await inbox(email)).filter((m) => /reset/i.test(m.subject))[n - 1],
    30_000,
    () => `no reset email for ${email}; worker: ${stack.workerErrors.join('\n')}`,
  );
  const body = sinkBody(mail);
  const link = /https:\/\/app\.finsync\.example\/reset-password\?t=[^\s"'<>&]+/.exec(body)?.[0];
  if (!link) throw new Error(`reset email without a link: ${body}`);
  return { token: new URL(link).searchParams.get('t') ?? '', body };
}

const cookiesOf = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

/** Signs up as a user does: sign-up, then the link of the email in the mail sink. */
async function signUp(email: string) {
  const asked = await stack.api.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email, password: PASSWORD },
  });
  expect(asked.statusCode, asked.body).toBe(202);
  const link = new URL(await signUpLinkFromMail(stack.emu.url, email));
  const res = await stack.api.inject({
    method: 'POST',
    url: '/api/v1/auth/signup/confirm',
    payload: { token: link.searchParams.get('t') ?? '' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return {
    cookie: cookiesOf(res),
    csrf: res.json().csrfToken as string,
    userId: res.json().user.id as string,
  };
}

const login = (email: string, password: string, totp?: string) =>
  stack.api.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password, ...(totp ? { totp } : {}) },
  });
const me = (cookie: string) =>
  stack.api.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
const requestReset = (email: string) =>
  stack.api.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
const confirm = (token: string, newPassword: string, totp?: string) =>
  stack.api.inject({
    method: 'POST',
    url: '/api/v1/auth/password-reset/confirm',
    payload: { token, newPassword, ...(totp ? { totp } : {}) },
  });

describe('password reset by email', () => {
  it('emails a single-use link (same answer for unknown addresses); the reset ends every session and refresh token', async () => {
    const email = 'reset-me@example.com';
    const laptop = await signUp(email);
    const phoneLogin = await login(email, PASSWORD);
    expect(phoneLogin.statusCode).toBe(200);
    const phone = { cookie: cookiesOf(phoneLogin), csrf: phoneLogin.json().csrfToken as string };

    const known = await requestReset(email);
    const unknown = await requestReset('nobody-here@example.com');
    expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(known.body).toBe(unknown.body);

    const { token, body } = await resetTokenFromMail(email);
    expect(body).not.toContain(PASSWORD);
    expect(await inbox('nobody-here@example.com')).toEqual([]);
    // The token is never stored: not in the notification row, not in the reset row.
    const signature = token.split('.').at(-1)!;
    const rows = await stack.t.db.selectFrom('notifications').select('payload').execute();
    expect(JSON.stringify(rows)).not.toContain(signature);

    const done = await confirm(token, NEW_PASSWORD);
    expect(done.statusCode, done.body).toBe(200);
    for (const session of [laptop, phone]) expect((await me(session.cookie)).statusCode).toBe(401);
    const refresh = await stack.api.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { cookie: phone.cookie, 'x-csrf-token': phone.csrf },
    });
    expect(refresh.statusCode).toBe(401);
    expect((await login(email, PASSWORD)).statusCode).toBe(401);
    expect((await login(email, NEW_PASSWORD)).statusCode).toBe(200);

    const again = await confirm(token, 'yet another passphrase 99');
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('LINK_INVALID');
    expect((await login(email, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('a sign-up with a registered address emails its owner "you already have an account" with a working reset link', async () => {
    const email = 'twice@example.com';
    await signUp(email);
    const again = await stack.api.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email, password: 'someone else entirely 42' },
    });
    expect(again.statusCode).toBe(202);
    expect(again.cookies).toEqual([]);
    const mail = await until(
      async () => (await inbox(email)).find((m) => /already have/i.test(m.subject)),
      30_000,
      () => `no "already have an account" email for ${email}`,
    );
    const link = /https:\/\/app\.finsync\.example\/reset-password\?t=[^\s"'<>&]+/.exec(sinkBody(mail))?.[0];
    const token = new URL(link ?? expect.fail('no reset link')).searchParams.get('t') ?? '';
    expect((await confirm(token, NEW_PASSWORD)).statusCode).toBe(200);
    expect((await login(email, NEW_PASSWORD)).statusCode).toBe(200);
    expect((await login(email, 'someone else entirely 42')).statusCode).toBe(401);
  });

  it('refuses a tampered link, an expired one (30 minutes), and one retired by a later reset', async () => {
    const email = 'expire-me@example.com';
    await signUp(email);
    await requestReset(email);
    const first = (await resetTokenFromMail(email, 1)).token;
    const [resetId, userId, exp, mac] = first.split('.');
    const tampered = await confirm(`${resetId}.${userId}.${Number(exp) + 3600}.${mac}`, NEW_PASSWORD);
    expect(tampered.json().error.code).toBe('LINK_INVALID');

    clockAheadMs = 31 * 60_000;
    try {
      const late = await confirm(first, NEW_PASSWORD);
      expect(late.statusCode).toBe(403);
      expect(late.json().error.code).toBe('LINK_EXPIRED');
    } finally {
      clockAheadMs = 0;
    }
    await requestReset(email);
    const second = (await resetTokenFromMail(email, 2)).token;
    expect((await confirm(second, NEW_PASSWORD)).statusCode).toBe(200);
    // The first link, still within its 30 minutes, died with the completed reset.
    expect((await confirm(first, 'another new passphrase 1')).json().error.code).toBe('LINK_INVALID');
  });

  it('asks for the one-time code when two-factor is on, and the link survives until it is given', async () => {
    const email = 'mfa-reset@example.com';
    const user = await signUp(email);
    const enrol = await stack.api.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/enrol',
      headers: { cookie: user.cookie, 'x-csrf-token': user.csrf },
    });
    const secret = enrol.json().secret as string;
    const verify = await stack.api.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/verify',
      headers: { cookie: user.cookie, 'x-csrf-token': user.csrf },
      payload: { code: await generate({ secret }) },
    });
    expect(verify.statusCode, verify.body).toBe(200);

    await requestReset(email);
    const { token } = await resetTokenFromMail(email);
    const noCode = await confirm(token, NEW_PASSWORD);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('MFA_REQUIRED');
    const nextStep = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const withCode = await confirm(token, NEW_PASSWORD, nextStep);
    expect(withCode.statusCode, withCode.body).toBe(200);
    expect((await login(email, NEW_PASSWORD)).json().error.code).toBe('MFA_REQUIRED');
  });
});
