import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/api-error.ts';
import { useSession } from '../session/session-context.tsx';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { AuthCard } from './auth-card.tsx';
import { authErrorMessage } from './auth-error-message.ts';
import { useAuthAction } from './use-auth-action.ts';

/**
 * The page the sign-up email links to. The account is created by a click here (a POST of the link's token), not
 * by opening the page, so a mail scanner that fetches the link uses nothing up.
 */
export default function ConfirmSignUpPage() {
  useDocumentTitle('Create your account');
  const api = useApi();
  const { user, startSession } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const { busy, error, run } = useAuthAction();
  // Only someone already signed in when the page opened is sent away; a new account goes to onboarding.
  const [signedInAtStart] = useState(user !== null);
  if (signedInAtStart) return <Navigate to="/" replace />;

  const confirm = () =>
    run(
      async () => {
        startSession(await api.auth.confirmSignup(token));
        navigate('/onboarding', { replace: true });
      },
      (e) =>
        e instanceof ApiError && e.code === 'SIGNUP_LINK_INVALID'
          ? 'This link has expired or was already used.'
          : authErrorMessage(e),
    );

  return (
    <AuthCard title="Create your finsync account">
      <p>Your email address is confirmed once you create the account.</p>
      <ErrorAlert message={error}>
        <Link to="/sign-up">Sign up again</Link>
      </ErrorAlert>
      <button type="button" className="primary" disabled={busy || !token} onClick={confirm}>
        {busy ? 'Creating your account…' : 'Create my account'}
      </button>
    </AuthCard>
  );
}
