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
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { viewports } from './support/browser-app.ts';
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

/**
 * A browser page with Chromium's virtual authenticator (a platform passkey with user verification that answers
 * without a prompt), collecting page errors and every console and log line (the [DOM] hints among them).
 */
async function pageWithAuthenticator(viewport?: { width: number; height: number }) {
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const logLines: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => logLines.push(m.text()));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Log.enable');
  cdp.on('Log.entryAdded', ({ entry }) => logLines.push(entry.text));
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
  return { context, page, cdp, authenticatorId, pageErrors, logLines };
}

/** Leaves the sign-in page or fails saying what the page shows. */
const signedInPage = (page: Page) =>
  page
    .waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 15_000 })
    .catch(async (e) => {
      throw new Error(`${String(e)}\npage: ${await page.locator('body').textContent()}`);
    });

async function passwordSignIn(page: Page, email: string) {
  await page.goto(`${appUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Adds a passkey named `name` in settings, through the virtual authenticator. */
async function addPasskey(page: Page, name: string) {
  await page.goto(`${appUrl}/settings`);
  await page
    .getByLabel('Passkey name')
    .fill(name, { timeout: 15_000 })
    .catch(async (e) => {
      throw new Error(`${String(e)}\nat ${page.url()}\npage: ${await page.locator('body').textContent()}`);
    });
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await page.getByText('Passkey added.').waitFor({ timeout: 15_000 });
  await page.getByRole('list', { name: 'Passkeys' }).getByText(name).waitFor();
}

const me = (page: Page) =>
  page.evaluate(async () => (await fetch('/api/v1/auth/me', { credentials: 'include' })).json());

describe('passkeys in the browser', () => {
  it('adds a passkey in settings, signs in with it and no password, then uses it as the second factor', async () => {
    await signUpThroughLink(api, t.db, { email: EMAIL, password: PASSWORD });

    const { context, page, cdp, authenticatorId, pageErrors } = await pageWithAuthenticator();
    await passwordSignIn(page, EMAIL);
    await signedInPage(page);
    await addPasskey(page, 'test laptop');

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
    expect((await me(page)).user.email).toBe(EMAIL);
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
    await passwordSignIn(page, EMAIL);
    await page.getByLabel('Authentication code').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Use a passkey instead' }).click();
    await signedInPage(page);
    expect((await me(page)).user.mfaEnabled).toBe(true);
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

describe('a passkey as the second step after the password', () => {
  for (const [width, viewport] of Object.entries(viewports)) {
    it(`turns it on in settings, then asks for the passkey after the password (${width})`, async () => {
      const email = `two-step-${width}@example.com`;
      await signUpThroughLink(api, t.db, { email, password: PASSWORD });
      const { context, page, pageErrors, logLines } = await pageWithAuthenticator(viewport);
      await passwordSignIn(page, email);
      await signedInPage(page);
      await addPasskey(page, `${width} passkey`);

      const form = page.getByRole('form', { name: 'Require a passkey after my password' });
      await form.getByLabel('Password for this change').fill(PASSWORD);
      await form.getByRole('button', { name: 'Require a passkey after my password' }).click();
      await page.getByText('A passkey is now asked for after your password.').waitFor({ timeout: 15_000 });
      expect(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count()).toBe(10);
      await form.getByRole('button', { name: 'Stop requiring a passkey' }).waitFor();
      expect((await me(page)).user).toMatchObject({ mfaEnabled: false, passkeyTwoStep: true });
      // Every password form in settings names its account for password managers: no [DOM] hint about it.
      expect(logLines.filter((line) => /username/i.test(line))).toEqual([]);

      // The password alone: the second step, asking for the passkey (and offering a recovery code), no session.
      await context.clearCookies();
      await passwordSignIn(page, email);
      const usePasskey = page.getByRole('button', { name: 'Use your passkey' });
      await usePasskey.waitFor({ timeout: 15_000 });
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(await page.getByLabel('Recovery code').count()).toBe(1);
      expect(await page.getByLabel('Authentication code').count()).toBe(0);
      expect((await me(page)).error?.code).toBe('UNAUTHENTICATED');
      const box = await usePasskey.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(viewport.width);

      await usePasskey.click();
      await signedInPage(page);
      expect((await me(page)).user.email).toBe(email);
      const last = await t.db
        .selectFrom('audit_log')
        .innerJoin('users', 'users.id', 'audit_log.user_id')
        .select('audit_log.details')
        .where('audit_log.event', '=', 'auth.login')
        .where('users.email', '=', email)
        .orderBy('audit_log.created_at', 'desc')
        .executeTakeFirstOrThrow();
      expect(last.details).toMatchObject({ factor: 'passkey' });

      // Settings: new recovery codes, then off again, each with the password and the passkey.
      await page.goto(`${appUrl}/settings`);
      const again = page.getByRole('form', { name: 'Require a passkey after my password' });
      await again.getByLabel('Password for this change').fill(PASSWORD, { timeout: 15_000 });
      await again.getByRole('button', { name: 'New recovery codes' }).click();
      await page.getByText('New recovery codes made.').waitFor({ timeout: 15_000 });
      expect(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count()).toBe(10);
      await again.getByLabel('Password for this change').fill(PASSWORD);
      await again.getByRole('button', { name: 'Stop requiring a passkey' }).click();
      await page.getByText('Your password alone signs you in again.').waitFor({ timeout: 15_000 });
      await context.clearCookies();
      await passwordSignIn(page, email);
      await signedInPage(page);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }
});
