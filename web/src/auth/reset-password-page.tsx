import { startAuthentication } from '@simplewebauthn/browser';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/api-error.ts';
import type { SecondFactor } from '../api/contract-types.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { AuthCard } from './auth-card.tsx';
import { authErrorMessage } from './auth-error-message.ts';
import { NewPasswordField } from './credential-fields.tsx';
import { SecondStepCodeField, secondStepOf, takesTypedCode, typedCodeProof } from './second-step.tsx';
import { passkeyCancelled, useAuthAction } from './use-auth-action.ts';

/**
 * The page the reset email links to: a new password, and with two-step sign-in on, its second step too (a code,
 * a recovery code or the passkey), so the link alone never takes the account.
 */
export default function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const api = useApi();
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [mfaStep, setMfaStep] = useState<SecondFactor[] | null>(null);
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAuthAction();

  const describe = (e: unknown) => {
    const factors = secondStepOf(e);
    if (factors && !mfaStep) {
      setMfaStep(factors);
      return null;
    }
    if (e instanceof ApiError && /^LINK_/.test(e.code))
      return 'This link has expired or was already used. Ask for a new one.';
    if (e instanceof ApiError && e.status === 403)
      return 'That code or passkey is not right for this account.';
    return authErrorMessage(e, mfaStep !== null);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      const second = mfaStep && takesTypedCode(mfaStep) ? typedCodeProof(code) : {};
      await api.auth.confirmPasswordReset({ token, newPassword: password, ...second });
      setDone(true);
    }, describe);
  }

  const withPasskey = () =>
    run(
      async () => {
        const passkey = await startAuthentication({ optionsJSON: await api.auth.passkeyLoginOptions() });
        await api.auth.confirmPasswordReset({ token, newPassword: password, passkey });
        setDone(true);
      },
      (e) => passkeyCancelled(e, 'try again') ?? describe(e),
    );

  if (done) {
    return (
      <AuthCard title="Password changed">
        <p role="status">Every device was signed out. Sign in with your new password.</p>
        <Link to="/sign-in">Sign in</Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <form className="stack" onSubmit={submit}>
        <NewPasswordField value={password} onChange={setPassword} />
        {mfaStep && takesTypedCode(mfaStep) ? (
          <SecondStepCodeField factors={mfaStep} value={code} onChange={setCode} />
        ) : null}
        <ErrorAlert message={error}>
          <Link to="/forgot-password">Ask for a new link</Link>
        </ErrorAlert>
        {mfaStep?.includes('passkey') ? (
          <button type="button" onClick={withPasskey} disabled={busy || !token}>
            Confirm with your passkey
          </button>
        ) : null}
        <button type="submit" className="primary" disabled={busy || !token}>
          {busy ? 'Saving…' : 'Set new password'}
        </button>
      </form>
    </AuthCard>
  );
}
