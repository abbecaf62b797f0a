import { randomBytes } from 'node:crypto';
import { buildApp } from '@finsync/api';
import { createRedis, loadApiConfig } from '@finsync/shared';
import {
  createTestDatabase,
  signUpThroughLink,
  type TestDatabase,
  testEnvironment,
} from '@finsync/test-support';
import { generate } from 'otplib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { builtWeb, connectBrowser } from './support/run-resources.ts';
import { type ServedSpa, serveSpa } from './support/serve-spa.ts';

/*
 * A passkey registered in settings and used to sign in without a password, in Chromium, with the browser's
 * virtual authenticator (Chrome DevTools Protocol WebAuthn domain) standing in for the device's screen lock.
 * The relying party is "localhost": WebAuthn refuses IP addresses as RP IDs.
 */
const EMAIL = 'passkey-user@example.com';
const PASSWORD = 'correct horse battery staple';

let t: TestDatabase;
let redis: ReturnType<typeof createRedis>;
let api: Awaited<ReturnType<typeof buildApp>>;
let apiUrl = '';
let spa: ServedSpa;
let appUrl = '';
let browser: Browser;

beforeAll(async () => {
  const dist = await builtWeb();
  t = await createTestDatabase(inject('pgTemplate'));
  spa = await serveSpa(dist, () => apiUrl);
  appUrl = spa.url.replace('127.0.0.1', 'localhost');
  const { redisUrl } = testEnvironment(process.env);
  const config = loadApiConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    REDIS_PREFIX: `e2e-passkey-${randomBytes(6).toString('hex')}`,
    JWT_SECRET: `e2e-${randomBytes(24).toString('hex')}`,
    COOKIE_SECURE: 'false',
    APP_URL: appUrl,
  });
  redis = createRedis(redisUrl);
  api = await buildApp({ config, db: t.db, redis });
  apiUrl = await api.listen({ port: 0, host: '127.0.0.1' });
  browser = await connectBrowser();
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await redis?.quit();
  await spa?.close();
  await t?.drop();
});

describe('passkeys in the browser', () => {
  it('adds a passkey in settings, signs in with it and no password, then uses it as the second factor', async () => {
    await signUpThroughLink(api, t.db, { email: EMAIL, password: PASSWORD });

    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await page.goto(`${appUrl}/sign-in`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page
      .waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 15_000 })
      .catch(async (e) => {
        throw new Error(`${String(e)}\npage: ${await page.locator('body').textContent()}`);
      });
    await page.goto(`${appUrl}/settings`);
    await page
      .getByLabel('Passkey name')
      .fill('test laptop', { timeout: 15_000 })
      .catch(async (e) => {
        throw new Error(`${String(e)}\nat ${page.url()}\npage: ${await page.locator('body').textContent()}`);
      });
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Passkey added.').waitFor({ timeout: 15_000 });
    await page.getByRole('list', { name: 'Passkeys' }).getByText('test laptop').waitFor();

    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);
    const stored = await t.db
      .selectFrom('passkeys')
      .select(['credential_id', 'public_key', 'name'])
      .execute();
    expect(stored).toEqual([
      {
        credential_id: credentials[0]?.credentialId
          .replace(/=+$/, '')
          .replace(/\+/g, '-')
          .replace(/\//g, '_'),
        public_key: expect.any(String),
        name: 'test laptop',
      },
    ]);

    // A fresh start: no cookies at all, only the passkey on the authenticator.
    await context.clearCookies();
    await page.goto(`${appUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 15_000 });
    const me = await page.evaluate(async () =>
      (await fetch('/api/v1/auth/me', { credentials: 'include' })).json(),
    );
    expect(me.user.email).toBe(EMAIL);
    const logins = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('event', '=', 'auth.login')
      .execute();
    expect(logins.map((l) => (l.details as { via?: string }).via)).toContain('passkey');
    const used = await t.db
      .selectFrom('passkeys')
      .select(['counter', 'last_used_at'])
      .executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();

    // Two-factor on (TOTP): after the password, the passkey stands in for the code.
    const session = await api.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: EMAIL, password: PASSWORD },
      remoteAddress: '10.9.0.1',
    });
    const headers = {
      cookie: session.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      'x-csrf-token': session.json().csrfToken as string,
    };
    const { secret } = (await api.inject({ method: 'POST', url: '/api/v1/auth/mfa/enrol', headers })).json();
    const on = await api.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/verify',
      headers,
      payload: { code: await generate({ secret }) },
    });
    expect(on.statusCode, on.body).toBe(200);
    await context.clearCookies();
    await page.goto(`${appUrl}/sign-in`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Authentication code').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Use a passkey instead' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 15_000 });
    const again = await page.evaluate(async () =>
      (await fetch('/api/v1/auth/me', { credentials: 'include' })).json(),
    );
    expect(again.user.mfaEnabled).toBe(true);
    const secondFactor = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('event', '=', 'auth.login')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(secondFactor.details).toMatchObject({ factor: 'passkey' });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
