import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { AuthCard } from './auth-card.tsx';
import { EmailField } from './credential-fields.tsx';
import { useAuthAction } from './use-auth-action.ts';

/** Asks for a reset email. The answer is the same whether or not the address has an account. */
export default function ForgotPasswordPage() {
  useDocumentTitle('Reset your password');
  const api = useApi();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAuthAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      await api.auth.requestPasswordReset(email);
      setSent(true);
    });
  }

  return (
    <AuthCard title="Reset your password">
      {sent ? (
        <p role="status">
          If an account uses {email}, we have sent it a link to choose a new password. The link works once,
          for 30 minutes.
        </p>
      ) : (
        <form className="stack" onSubmit={submit}>
          <EmailField value={email} onChange={setEmail} />
          <ErrorAlert message={error} />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Sending…' : 'Email me a link'}
          </button>
        </form>
      )}
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </AuthCard>
  );
}
