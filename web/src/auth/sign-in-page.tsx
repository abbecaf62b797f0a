import { startAuthentication } from '@simplewebauthn/browser';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/api-error.ts';
import type { SecondFactor, SessionResponse } from '../api/contract-types.ts';
import { useSession } from '../session/session-context.tsx';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { AuthCard } from './auth-card.tsx';
import { authErrorMessage } from './auth-error-message.ts';
import { CurrentPasswordField, EmailField } from './credential-fields.tsx';
import { safeNext } from './safe-next.ts';
import { SecondStepCodeField, secondStepOf, takesTypedCode, typedCodeProof } from './second-step.tsx';
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
  const [code, setCode] = useState('');
  /** The second factors the account offers, once the password was right and two-step sign-in is on. */
  const [mfaStep, setMfaStep] = useState<SecondFactor[] | null>(null);
  const { busy, error, run } = useAuthAction();
  const codeRef = useRef<HTMLInputElement>(null);
  const passkeyRef = useRef<HTMLButtonElement>(null);
  const passkeyFirst = mfaStep?.includes('passkey') === true && !mfaStep.includes('totp');

  useEffect(() => {
    if (!mfaStep) return;
    if (passkeyFirst) passkeyRef.current?.focus();
    else codeRef.current?.focus();
  }, [mfaStep, passkeyFirst]);

  if (user) return <Navigate to={next} replace />;

  /** Signs in with what `answer` proves, then goes where the user was headed. */
  const signIn = (answer: () => Promise<SessionResponse>) => async () => {
    startSession(await answer());
    navigate(next, { replace: true });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(
      signIn(() => api.auth.login({ email, password, ...(mfaStep ? typedCodeProof(code) : {}) })),
      (e) => {
        const factors = secondStepOf(e);
        if (!factors || mfaStep) return authErrorMessage(e, mfaStep !== null);
        setMfaStep(factors);
        return null;
      },
    );
  }

  /** The second step with a passkey: the password and the passkey must be the same account's. */
  const secondFactorPasskey = () =>
    run(
      signIn(async () => {
        const passkey = await startAuthentication({ optionsJSON: await api.auth.passkeyLoginOptions() });
        return api.auth.login({ email, password, passkey });
      }),
      (e) =>
        passkeyCancelled(e, takesTypedCode(mfaStep ?? []) ? 'enter a code' : 'try another passkey') ??
        (e instanceof ApiError && e.status === 401
          ? 'That passkey is not one of this account. Use a passkey you added to this account.'
          : authErrorMessage(e, true)),
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
    <AuthCard title="Sign in to finsync">
      {params.get('next') ? <p className="muted">Please sign in to continue.</p> : null}
      <ErrorAlert message={error} />
      {passkeyFirst ? (
        <>
          <p>Two-step sign-in is on: confirm it's you with your passkey.</p>
          <button
            ref={passkeyRef}
            type="button"
            className="primary"
            onClick={secondFactorPasskey}
            disabled={busy}
          >
            Use your passkey
          </button>
        </>
      ) : null}
      {/* Hidden when the passkey is the only way to finish (no code to type). */}
      <form
        className="stack"
        onSubmit={submit}
        noValidate={false}
        hidden={mfaStep !== null && !takesTypedCode(mfaStep)}
      >
        {mfaStep ? (
          takesTypedCode(mfaStep) ? (
            <SecondStepCodeField ref={codeRef} factors={mfaStep} value={code} onChange={setCode} />
          ) : null
        ) : (
          <>
            <EmailField value={email} onChange={setEmail} />
            <CurrentPasswordField value={password} onChange={setPassword} />
          </>
        )}
        <button type="submit" className={passkeyFirst ? undefined : 'primary'} disabled={busy}>
          {busy ? 'Signing in…' : mfaStep ? 'Verify and sign in' : 'Sign in'}
        </button>
      </form>
      {mfaStep ? (
        mfaStep.includes('passkey') && !passkeyFirst ? (
          <button type="button" onClick={secondFactorPasskey} disabled={busy}>
            Use a passkey instead
          </button>
        ) : null
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
    </AuthCard>
  );
}
