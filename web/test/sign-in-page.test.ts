// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import SignInPage from '../src/auth/sign-in-page.tsx';
import { fakeFetch } from './fake-api-server.ts';
import { renderWithProviders } from './render-with-providers.tsx';
import { signedInUser } from './signed-in-user.ts';

const user = { ...signedInUser, mfaEnabled: true };
const signedOut = {
  'GET /api/v1/auth/session': { status: 200, body: { user: null, csrfToken: null, canRefresh: false } },
  'GET /api/v1/auth/csrf': { status: 200, body: { csrfToken: 'c1' } },
  'POST /api/v1/auth/refresh': { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'x' } } },
};

function renderSignIn(fetchImpl: typeof fetch) {
  return renderWithProviders(
    { '/sign-in': createElement(SignInPage), '/': createElement('p', null, 'dashboard here') },
    { fetch: fetchImpl, at: '/sign-in' },
  );
}

async function fillAndSubmit() {
  fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'ada@example.com' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

afterEach(cleanup);

describe('sign-in page', () => {
  it('asks for the authenticator code when the account has MFA, then signs in with it', async () => {
    const fake = fakeFetch({
      ...signedOut,
      'POST /api/v1/auth/login': (call) =>
        (call.body as { totp?: string }).totp === '123456'
          ? { status: 200, body: { user, csrfToken: 'c2', accessTokenExpiresAt: '2026-01-01T00:15:00.000Z' } }
          : { status: 401, body: { error: { code: 'MFA_REQUIRED', message: 'needs code' } } },
    });
    renderSignIn(fake.fetch);
    await fillAndSubmit();
    const code = await screen.findByLabelText('Authentication code');
    await waitFor(() => expect(document.activeElement).toBe(code));
    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(await screen.findByText('dashboard here')).toBeTruthy();
    const logins = fake.calls.filter((c) => c.url.endsWith('/auth/login'));
    expect(logins.map((c) => c.body)).toEqual([
      { email: 'ada@example.com', password: 'correct horse battery' },
      { email: 'ada@example.com', password: 'correct horse battery', totp: '123456' },
    ]);
  });

  it('for an account that asks for a passkey after the password, offers the passkey and a recovery code', async () => {
    const fake = fakeFetch({
      ...signedOut,
      'POST /api/v1/auth/login': (call) =>
        (call.body as { recoveryCode?: string }).recoveryCode === 'abcde-fghij'
          ? { status: 200, body: { user, csrfToken: 'c2', accessTokenExpiresAt: '2026-01-01T00:15:00.000Z' } }
          : {
              status: 401,
              body: {
                error: {
                  code: 'MFA_REQUIRED',
                  message: 'x',
                  details: { factors: ['passkey', 'recovery_code'] },
                },
              },
            },
    });
    renderSignIn(fake.fetch);
    await fillAndSubmit();
    const usePasskey = await screen.findByRole('button', { name: 'Use your passkey' });
    await waitFor(() => expect(document.activeElement).toBe(usePasskey));
    expect(screen.queryByLabelText('Authentication code')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Use a passkey instead' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Recovery code'), { target: { value: 'abcde-fghij' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(await screen.findByText('dashboard here')).toBeTruthy();
    expect(fake.calls.filter((c) => c.url.endsWith('/auth/login')).at(-1)?.body).toEqual({
      email: 'ada@example.com',
      password: 'correct horse battery',
      recoveryCode: 'abcde-fghij',
    });
  });

  it('explains a lockout in plain words with how long it lasts', async () => {
    const fake = fakeFetch({
      ...signedOut,
      'POST /api/v1/auth/login': {
        status: 429,
        headers: { 'retry-after': '600' },
        body: { error: { code: 'ACCOUNT_LOCKED', message: 'locked', details: { retryAfterSeconds: 600 } } },
      },
    });
    renderSignIn(fake.fetch);
    await fillAndSubmit();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/locked for 10 minutes/);
  });
});
