import { useRouteError } from 'react-router';
import { ErrorState } from '../ui/error-state.tsx';

/** A page that failed to load (a stale deploy's missing chunk, a render error) offers a reload. */
export function RouteError() {
  const error = useRouteError();
  return (
    <main className="stack" style={{ maxWidth: 640, margin: '2rem auto' }}>
      <h1>This page could not be shown</h1>
      <ErrorState error={error} onRetry={() => window.location.reload()} />
    </main>
  );
}
