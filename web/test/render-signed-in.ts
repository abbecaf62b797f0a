import { type ComponentType, createElement } from 'react';
import { useSession } from '../src/session/session-context.tsx';
import { fakeFetch } from './fake-api-server.ts';
import { renderWithProviders } from './render-with-providers.tsx';
import { signedInUser } from './signed-in-user.ts';

/** The fake API's answers that sign the page tests' user in (CSRF token 'c1'). */
export const signedInSession = {
  'GET /api/v1/auth/session': {
    status: 200,
    body: { user: signedInUser, csrfToken: 'c1', canRefresh: false },
  },
  'GET /api/v1/auth/csrf': { status: 200, body: { csrfToken: 'c1' } },
};

/**
 * Renders `Page` at `at` (a path, with a query string if the test wants one) for the signed-in user once the
 * session is known, over the fake API's `routes`.
 */
export function renderSignedIn(Page: ComponentType, at: string, routes: Parameters<typeof fakeFetch>[0]) {
  const fake = fakeFetch({ ...signedInSession, ...routes });
  function SignedIn() {
    return useSession().user ? createElement(Page) : null;
  }
  renderWithProviders({ [at.split('?')[0]!]: createElement(SignedIn) }, { fetch: fake.fetch, at });
  return fake;
}
