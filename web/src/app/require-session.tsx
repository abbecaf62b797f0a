import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../session/session-context.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { Skeleton } from '../ui/skeleton.tsx';

/** Pages behind it need a session; without one the user signs in and comes back to where they were. */
export function RequireSession() {
  const { user, loading, error } = useSession();
  const location = useLocation();
  if (loading) {
    return (
      <div className="auth-page">
        <Skeleton height={48} width={220} label="Checking your session" />
      </div>
    );
  }
  if (error) {
    return (
      <div className="auth-page">
        <ErrorState error={error} what="your session" onRetry={() => window.location.reload()} />
      </div>
    );
  }
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
