import { ApiError } from '../api/api-error.ts';

/** An error in plain words with the next step; a route the server lacks reads as "not available yet". */
export function ErrorState({
  error,
  onRetry,
  what,
}: {
  error: unknown;
  onRetry?: () => void;
  what?: string;
}) {
  if (error instanceof ApiError && error.notAvailable) {
    return <NotAvailable what={what} />;
  }
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <div className="alert error" role="alert">
      <strong>{what ? `Could not load ${what}.` : 'Something went wrong.'}</strong> {message}{' '}
      {onRetry ? (
        <button type="button" className="link" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** For features whose server side is not deployed yet: honest, no placeholder figures. */
export function NotAvailable({ what }: { what?: string | undefined }) {
  return (
    <div className="alert warning" role="status">
      <strong>{what ? `${capitalize(what)}: not available yet.` : 'Not available yet.'}</strong> This server
      does not offer this feature yet; it will appear here once it does.
    </div>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A read's error with "Try again" (which reads again); nothing while the read has not failed. */
export function QueryError({ query, what }: { query: { error: unknown; refetch(): unknown }; what: string }) {
  if (!query.error) return null;
  return <ErrorState error={query.error} what={what} onRetry={() => void query.refetch()} />;
}
