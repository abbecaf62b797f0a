import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/api-error.ts';
import type { SessionResponse, User } from '../api/contract-types.ts';

interface SessionState {
  user: User | null;
  loading: boolean;
  /** The session could not be checked (server down): not the same as signed out. */
  error: Error | null;
  /** Stores what login/signup answered: the user and the CSRF token for writes. */
  startSession: (session: SessionResponse) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);
export const sessionKey = ['session'] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<User | null> => {
      try {
        // The probe answers 200 signed in or out, so a page load logs no 401; an expired access cookie with a
        // live refresh cookie is renewed here, before any other request can meet a 401.
        const probe = await api.auth.session();
        if (probe.user) {
          api.client.setCsrfToken(probe.csrfToken);
          return probe.user;
        }
        if (!probe.canRefresh) return null;
        const { csrfToken } = await api.auth.csrf();
        api.client.setCsrfToken(csrfToken);
        const session = await api.auth.refresh();
        api.client.setCsrfToken(session.csrfToken);
        return session.user;
      } catch (error) {
        if (error instanceof ApiError && (error.status === 401 || error.notAvailable)) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const startSession = useCallback(
    (session: SessionResponse) => {
      api.client.setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionKey, session.user);
    },
    [api, queryClient],
  );
  const signOut = useCallback(async () => {
    try {
      await api.auth.logout();
    } finally {
      api.client.setCsrfToken(null);
      // Drop the user's data but keep the session query itself, which the provider is observing.
      queryClient.setQueryData(sessionKey, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
    }
  }, [api, queryClient]);
  const value = useMemo(
    () => ({ user: query.data ?? null, loading: query.isPending, error: query.error, startSession, signOut }),
    [query.data, query.isPending, query.error, startSession, signOut],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for pages behind RequireSession. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a session');
  return user;
}
