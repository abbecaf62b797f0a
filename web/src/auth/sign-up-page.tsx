import { type FormEvent, useState } from 'react';
import { Link, Navigate } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/api-error.ts';
import { useSession } from '../session/session-context.tsx';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { TextField } from '../ui/text-field.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { AuthCard } from './auth-card.tsx';
import { authErrorMessage } from './auth-error-message.ts';
import { EmailField, NewPasswordField } from './credential-fields.tsx';
import { useAuthAction } from './use-auth-action.ts';

export default function SignUpPage() {
  useDocumentTitle('Create your account');
  const api = useApi();
  const { user } = useSession();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const { busy, error, run } = useAuthAction();
  const [sentTo, setSentTo] = useState<string | null>(null);

  if (user) return <Navigate to="/" replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFieldErrors({});
    // The browser's own time zone and language, so dates, weeks and money read right from the first page.
    const { timeZone: timezone, locale } = Intl.DateTimeFormat().resolvedOptions();
    await run(
      async () => {
        await api.auth.signup({
          email,
          password,
          timezone,
          locale,
          ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        });
        setSentTo(email);
      },
      (e) => {
        if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') setFieldErrors(e.fieldErrors());
        return authErrorMessage(e);
      },
    );
  }

  if (sentTo) {
    return (
      <AuthCard title="Check your email">
        <p role="status">
          We have sent an email to {sentTo}. Open the link in it to create your account and sign in; it works
          once, for 24 hours. If this address already has an account, the email says so instead.
        </p>
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Create your finsync account">
      <form className="stack" onSubmit={submit}>
        <TextField
          label="Your name (optional)"
          autoComplete="name"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={fieldErrors.displayName}
        />
        <EmailField value={email} onChange={setEmail} error={fieldErrors.email} />
        <NewPasswordField
          label="Password"
          hint="At least 12 characters. A few unrelated words make a strong, memorable password."
          value={password}
          onChange={setPassword}
          error={fieldErrors.password}
        />
        <ErrorAlert message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Sending…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </AuthCard>
  );
}
