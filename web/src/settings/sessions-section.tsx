import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import type { SessionView } from '../api/contract-types.ts';
import { ErrorState } from '../ui/error-state.tsx';
import { Skeleton } from '../ui/skeleton.tsx';

const sessionsKey = ['auth', 'sessions'] as const;

const when = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** Where this account is signed in, with sign-out per session and "sign out everywhere else". */
export function SessionsSection() {
  const api = useApi();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: () => api.auth.sessions() });
  const refresh = () => queryClient.invalidateQueries({ queryKey: sessionsKey });
  const signOut = useMutation({
    mutationFn: (id: string) => api.auth.signOutSession(id),
    onSuccess: refresh,
  });
  const signOutOthers = useMutation({ mutationFn: () => api.auth.signOutOthers(), onSuccess: refresh });
  const list = sessions.data?.sessions ?? [];
  const others = list.filter((s) => !s.current);
  return (
    <section className="card stack" aria-labelledby="sessions-h">
      <h2 id="sessions-h">Where you're signed in</h2>
      {sessions.error ? (
        <ErrorState error={sessions.error} what="your sessions" onRetry={() => sessions.refetch()} />
      ) : null}
      {sessions.isPending ? <Skeleton height={120} label="Loading sessions" /> : null}
      {sessions.data ? (
        <ul className="stack" aria-label="Sessions">
          {list.map((s) => (
            <SessionRow
              key={s.id}
              session={s}
              onSignOut={() => signOut.mutate(s.id)}
              busy={signOut.isPending}
            />
          ))}
        </ul>
      ) : null}
      {signOut.error ? <ErrorState error={signOut.error} what="signing that session out" /> : null}
      {signOutOthers.error ? <ErrorState error={signOutOthers.error} what="signing out elsewhere" /> : null}
      {signOutOthers.isSuccess ? (
        <p role="status">
          Signed out of {signOutOthers.data.revoked} other{' '}
          {signOutOthers.data.revoked === 1 ? 'session' : 'sessions'}.
        </p>
      ) : null}
      {others.length > 0 ? (
        <div>
          <button type="button" onClick={() => signOutOthers.mutate()} disabled={signOutOthers.isPending}>
            Sign out everywhere else
          </button>
        </div>
      ) : null}
    </section>
  );
}

function SessionRow(props: { session: SessionView; onSignOut: () => void; busy: boolean }) {
  const { session: s } = props;
  const device = s.device ?? 'Unknown device';
  return (
    <li className="row" style={{ justifyContent: 'space-between' }}>
      <span>
        <strong>{device}</strong>
        {s.current ? <span className="small"> (this browser)</span> : null}
        <br />
        <span className="small">
          Last seen {when(s.lastSeenAt)}
          {s.ip ? ` from ${s.ip}` : ''} · signed in {when(s.signedInAt)}
        </span>
      </span>
      {s.current ? null : (
        <button
          type="button"
          onClick={props.onSignOut}
          disabled={props.busy}
          aria-label={`Sign out ${device}`}
        >
          Sign out
        </button>
      )}
    </li>
  );
}
