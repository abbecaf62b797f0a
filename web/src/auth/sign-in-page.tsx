import { startAuthentication } from '@simplewebauthn/browser';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { SessionResponse } from '../api/contract-types.ts';
import { useSession } from '../session/session-context.tsx';
import { TextField } from '../ui/text-field.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { authErrorMessage, needsMfa } from './auth-error-message.ts';
import { safeNext } from './safe-next.ts';
import { passkeyCancelled, useAuthAction } from './use-auth-action.ts';

export default function SignInPage() {
  useDocumentTitle('Sign in');
  const api = useApi();
  const { user, startSession } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [mfaStep, setMfaStep] = useState(false);
  const { busy, error, run } = useAuthAction();
  const totpRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (mfaStep) totpRef.current?.focus();
  }, [mfaStep]);

  if (user) return <Navigate to={next} replace />;

  /** Signs in with what `answer` proves, then goes where the user was headed. */
  const signIn = (answer: () => Promise<SessionResponse>) => async () => {
    startSession(await answer());
    navigate(next, { replace: true });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const code = totp.trim();
    const second = /^\d{6}$/.test(code) ? { totp: code } : { recoveryCode: code };
    await run(
      signIn(() => api.auth.login({ email, password, ...(mfaStep ? second : {}) })),
      (e) => {
        if (!needsMfa(e) || mfaStep) return authErrorMessage(e, mfaStep);
        setMfaStep(true);
        return null;
      },
    );
  }

  /** Two-factor with a passkey instead of the code: the password and the passkey must be the same account's. */
  const secondFactorPasskey = () =>
    run(
      signIn(async () => {
        const passkey = await startAuthentication({ optionsJSON: await api.auth.passkeyLoginOptions() });
        return api.auth.login({ email, password, passkey });
      }),
      (e) => passkeyCancelled(e, 'enter the code') ?? authErrorMessage(e, true),
    );

  const signInWithPasskey = () =>
    run(
      signIn(async () => {
        const response = await startAuthentication({ optionsJSON: await api.auth.passkeyLoginOptions() });
        return api.auth.passkeyLogin(response);
      }),
      (e) => passkeyCancelled(e, 'sign in with your password') ?? authErrorMessage(e),
    );

  return (
    <main className="auth-page">
      <div className="card auth-card stack">
        <h1>Sign in to finsync</h1>
        {params.get('next') ? <p className="muted">Please sign in to continue.</p> : null}
        <form className="stack" onSubmit={submit} noValidate={false}>
          {mfaStep ? (
            <TextField
              ref={totpRef}
              label="Authentication code"
              hint="The 6-digit code from your authenticator app, or one of your recovery codes."
              autoComplete="one-time-code"
              maxLength={11}
              required
              value={totp}
              onChange={(e) => setTotp(e.target.value.trim())}
            />
          ) : (
            <>
              <TextField
                label="Email"
                type="email"
                autoComplete="email"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
              <TextField
                label="Password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </>
          )}
          {error ? (
            <div className="alert error" role="alert">
              {error}
            </div>
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : mfaStep ? 'Verify and sign in' : 'Sign in'}
          </button>
        </form>
        {mfaStep ? (
          <button type="button" onClick={secondFactorPasskey} disabled={busy}>
            Use a passkey instead
          </button>
        ) : (
          <button type="button" onClick={signInWithPasskey} disabled={busy}>
            Sign in with a passkey
          </button>
        )}
        <p>
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <p>
          New to finsync? <Link to="/sign-up">Create an account</Link>
        </p>
      </div>
    </main>
  );
}
