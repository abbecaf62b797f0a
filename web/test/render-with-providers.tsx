import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { ApiClient } from '../src/api/api-client.ts';
import { ApiProvider } from '../src/api/api-context.tsx';
import { createFinsyncApi } from '../src/api/finsync-api.ts';
import { SessionProvider } from '../src/session/session-context.tsx';
import { ThemeProvider } from '../src/theme/theme-context.tsx';

/** Renders UI with the app's real providers over a scripted fetch, at a route of a memory router. */
export function renderWithProviders(
  routes: Record<string, ReactNode>,
  options: { fetch: typeof fetch; at: string },
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const api = createFinsyncApi(new ApiClient({ baseUrl: '/api/v1', fetch: options.fetch }));
  return render(
    <ThemeProvider>
      <QueryClientProvider client={queryClient}>
        <ApiProvider api={api}>
          <SessionProvider>
            <MemoryRouter initialEntries={[options.at]}>
              <Routes>
                {Object.entries(routes).map(([path, element]) => (
                  <Route key={path} path={path} element={element} />
                ))}
              </Routes>
            </MemoryRouter>
          </SessionProvider>
        </ApiProvider>
      </QueryClientProvider>
    </ThemeProvider>,
  );
}
