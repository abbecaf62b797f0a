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
