import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/api-error.ts';
import { TextField } from '../ui/text-field.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { authErrorMessage, needsMfa } from './auth-error-message.ts';
import { useAuthAction } from './use-auth-action.ts';

/** The page the reset email links to: a new password (and the one-time code when two-factor is on). */
export default function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const api = useApi();
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [mfaStep, setMfaStep] = useState(false);
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAuthAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(
      async () => {
        await api.auth.confirmPasswordReset({ token, newPassword: password, ...(mfaStep ? { totp } : {}) });
        setDone(true);
      },
      (e) => {
        if (needsMfa(e) && !mfaStep) {
          setMfaStep(true);
          return null;
        }
        if (e instanceof ApiError && /^LINK_/.test(e.code))
          return 'This link has expired or was already used. Ask for a new one.';
        return authErrorMessage(e, mfaStep);
      },
    );
  }

  if (done) {
    return (
      <main className="auth-page">
        <div className="card auth-card stack">
          <h1>Password changed</h1>
          <p role="status">Every device was signed out. Sign in with your new password.</p>
          <Link to="/sign-in">Sign in</Link>
        </div>
      </main>
    );
  }
  return (
    <main className="auth-page">
      <div className="card auth-card stack">
        <h1>Choose a new password</h1>
        <form className="stack" onSubmit={submit}>
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            minLength={12}
            hint="At least 12 characters."
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {mfaStep ? (
            <TextField
              label="Authentication code"
              hint="Two-step sign-in is on: the 6-digit code from your authenticator app."
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              maxLength={6}
              required
              value={totp}
              onChange={(e) => setTotp(e.target.value.trim())}
            />
          ) : null}
          {error ? (
            <div className="alert error" role="alert">
              {error} <Link to="/forgot-password">Ask for a new link</Link>
            </div>
          ) : null}
          <button type="submit" className="primary" disabled={busy || !token}>
            {busy ? 'Saving…' : 'Set new password'}
          </button>
        </form>
      </div>
    </main>
  );
}
