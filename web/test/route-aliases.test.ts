import { createMemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { appRoutes } from '../src/app/routes.tsx';

async function settledAt(entry: string) {
  const router = createMemoryRouter(appRoutes, { initialEntries: [entry] });
  await router.initialize();
  // The alias's loader redirects before anything renders.
  for (let i = 0; i < 100 && !(router.state.initialized && router.state.navigation.state === 'idle'); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const { pathname, search } = router.state.location;
  router.dispose();
  return pathname + search;
}

describe('addresses typed from habit', () => {
  it('sends /login to the sign-in page, keeping where to go next (before: "Page not found" after signing in)', async () => {
    expect(await settledAt('/login?next=%2Fbudgets')).toBe('/sign-in?next=%2Fbudgets');
  });

  it.each([
    ['/signup', '/sign-up'],
    ['/register', '/sign-up'],
    ['/signin', '/sign-in'],
    ['/forgot', '/forgot-password'],
  ])('%s → %s', async (from, to) => {
    expect(await settledAt(from)).toBe(to);
  });
});
