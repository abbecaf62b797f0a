// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import ForgotPasswordPage from '../src/auth/forgot-password-page.tsx';
import ResetPasswordPage from '../src/auth/reset-password-page.tsx';
import { fakeFetch } from './fake-api-server.ts';
import { renderWithProviders } from './render-with-providers.tsx';

afterEach(cleanup);

const signedOut = {
  'GET /api/v1/auth/session': { status: 200, body: { user: null, csrfToken: null, canRefresh: false } },
};

type Answers = Parameters<typeof fakeFetch>[0][string];

/** Opens the page of a reset link, signed out, and submits a new password; the API confirms with `answers`. */
async function submitNewPassword(answers: Answers) {
  const server = fakeFetch({ ...signedOut, 'POST /api/v1/auth/password-reset/confirm': answers });
  renderWithProviders(
    { '/reset-password': createElement(ResetPasswordPage) },
    { fetch: server.fetch, at: '/reset-password?t=abc.def' },
  );
  fireEvent.change(await screen.findByLabelText('New password'), {
    target: { value: 'a brand new passphrase' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
  return server;
}

describe('password reset pages', () => {
  it('asks for the email link and says the same whatever the address', async () => {
    const server = fakeFetch({
      ...signedOut,
      'POST /api/v1/auth/password-reset': { status: 202, body: { ok: true } },
    });
    renderWithProviders(
      { '/forgot-password': createElement(ForgotPasswordPage) },
      {
        fetch: server.fetch,
        at: '/forgot-password',
      },
    );
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Email me a link' }));
    expect((await screen.findByRole('status')).textContent).toContain('If an account uses ada@example.com');
    expect(server.calls.find((c) => c.method === 'POST')?.body).toEqual({ email: 'ada@example.com' });
  });

  it('sets the new password from the link, asking for the code when two-factor is on', async () => {
    const server = await submitNewPassword([
      { status: 401, body: { error: { code: 'MFA_REQUIRED', message: 'code needed' } } },
      { status: 200, body: { ok: true } },
    ]);
    fireEvent.change(await screen.findByLabelText('Authentication code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findByRole('status')).textContent).toContain('Every device was signed out');
    const posts = server.calls.filter((c) => c.method === 'POST').map((c) => c.body);
    expect(posts).toEqual([
      { token: 'abc.def', newPassword: 'a brand new passphrase' },
      { token: 'abc.def', newPassword: 'a brand new passphrase', totp: '123456' },
    ]);
  });

  it('an expired or used link says so and offers a new one', async () => {
    await submitNewPassword({ status: 403, body: { error: { code: 'LINK_EXPIRED', message: 'expired' } } });
    expect((await screen.findByRole('alert')).textContent).toContain('expired or was already used');
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toBeTruthy();
  });
});
