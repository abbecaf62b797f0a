import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { RouterProvider } from 'react-router';
import { ApiClient } from '../api/api-client.ts';
import { ApiProvider } from '../api/api-context.tsx';
import { ApiError } from '../api/api-error.ts';
import { createFinsyncApi } from '../api/finsync-api.ts';
import { SessionProvider, sessionKey } from '../session/session-context.tsx';
import { ThemeProvider } from '../theme/theme-context.tsx';
import { OfflineNotice } from './offline-notice.tsx';
import { createAppRouter } from './routes.tsx';

/**
 * The queries of the API's ledger reads (answered 304 while the ledger's version is the one the client holds):
 * the dashboard's summaries, the transaction list and its totals, the report list.
 */
const LEDGER_READS = [['dashboard'], ['transactions'], ['reports']] as const;

export function App() {
  const [{ api, queryClient, router }] = useState(() => {
    const queryClient = new QueryClient({
      defaultOptions: {
        queries: {
          staleTime: 30_000,
          refetchOnWindowFocus: false,
          // Client errors will not fix themselves; retry only what may be transient.
          retry: (count, error) =>
            count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        },
      },
    });
    // The ledger reads carry the ledger's version as ETag (issue 16), so asking again costs a 304 while nothing
    // changed: they are revalidated whenever they are shown again or the tab comes back, and a change made
    // elsewhere (a sync, another device or tab) shows without a reload. Other reads keep the 30 s above.
    for (const queryKey of LEDGER_READS) {
      queryClient.setQueryDefaults(queryKey, { staleTime: 0, refetchOnWindowFocus: true });
    }
    const router = createAppRouter();
    const client = new ApiClient({
      baseUrl: '/api/v1',
      onSessionExpired: () => {
        queryClient.setQueryData(sessionKey, null);
        const here = router.state.location;
        // Pages that work signed out stay where they are (an email's unsubscribe link, sign-in, sign-up).
        if (!here.pathname.startsWith('/sign-') && here.pathname !== '/unsubscribe') {
          void router.navigate(`/sign-in?next=${encodeURIComponent(here.pathname + here.search)}`);
        }
      },
    });
    return { api: createFinsyncApi(client), queryClient, router };
  });
  return (
    <StrictMode>
      <ThemeProvider>
        <OfflineNotice />
        <QueryClientProvider client={queryClient}>
          <ApiProvider api={api}>
            <SessionProvider>
              <RouterProvider router={router} />
            </SessionProvider>
          </ApiProvider>
        </QueryClientProvider>
      </ThemeProvider>
    </StrictMode>
  );
}
