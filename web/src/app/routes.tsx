import { createBrowserRouter, type RouteObject, redirect } from 'react-router';
import { Skeleton } from '../ui/skeleton.tsx';
import { AppShell } from './app-shell.tsx';
import { RequireSession } from './require-session.tsx';
import { RouteError } from './route-error.tsx';

// Pages load on demand so the first screen ships only what it needs; until the first one has loaded the
// router shows this (without it React Router warns that no HydrateFallback was provided).
const loading = <Skeleton height={48} width={220} label="Loading" />;
const page = (
  load: () => Promise<{ default: React.ComponentType }>,
): Pick<RouteObject, 'lazy' | 'hydrateFallbackElement'> => ({
  lazy: async () => ({ Component: (await load()).default }),
  hydrateFallbackElement: loading,
});

// Addresses people type from habit lead to the page they mean, keeping the query (a `next` survives).
const aliases: Record<string, string> = {
  '/login': '/sign-in',
  '/signin': '/sign-in',
  '/log-in': '/sign-in',
  '/signup': '/sign-up',
  '/register': '/sign-up',
  '/forgot': '/forgot-password',
};
const aliasRoutes: RouteObject[] = Object.entries(aliases).map(([path, to]) => ({
  path,
  loader: ({ request }) => redirect(to + new URL(request.url).search),
}));

const loadDashboard = () => import('../dashboard/dashboard-page.tsx');

/**
 * Signing in lands on the dashboard: while the person types, the browser fetches the dashboard's code (and its
 * charts) when idle, so after "Sign in" only the figures remain to load, not a chain of scripts first.
 */
function loadSignIn() {
  const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 200));
  idle(() => void loadDashboard().catch(() => {})); // offline or a failed fetch: the route loads it again
  return import('../auth/sign-in-page.tsx');
}

export const appRoutes: RouteObject[] = [
  ...aliasRoutes,
  {
    path: '/sign-in',
    ...page(loadSignIn),
    errorElement: <RouteError />,
  },
  {
    path: '/sign-up',
    ...page(() => import('../auth/sign-up-page.tsx')),
    errorElement: <RouteError />,
  },
  // The sign-up email's link: creates the account and signs it in.
  {
    path: '/sign-up/confirm',
    ...page(() => import('../auth/confirm-sign-up-page.tsx')),
    errorElement: <RouteError />,
  },
  // An email's unsubscribe link works signed out.
  {
    path: '/unsubscribe',
    ...page(() => import('../notifications/unsubscribe-page.tsx')),
    errorElement: <RouteError />,
  },
  {
    path: '/forgot-password',
    ...page(() => import('../auth/forgot-password-page.tsx')),
    errorElement: <RouteError />,
  },
  {
    path: '/reset-password',
    ...page(() => import('../auth/reset-password-page.tsx')),
    errorElement: <RouteError />,
  },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, ...page(loadDashboard) },
          { path: 'onboarding', ...page(() => import('../onboarding/onboarding-page.tsx')) },
          { path: 'transactions', ...page(() => import('../transactions/transactions-page.tsx')) },
          { path: 'rules', ...page(() => import('../rules/rules-page.tsx')) },
          { path: 'categories', ...page(() => import('../categories/categories-page.tsx')) },
          { path: 'reports', ...page(() => import('../reports/reports-page.tsx')) },
          { path: 'reports/:id', ...page(() => import('../reports/report-page.tsx')) },
          { path: 'connections', ...page(() => import('../connections/connections-page.tsx')) },
          { path: 'import', ...page(() => import('../imports/import-page.tsx')) },
          { path: 'budgets', ...page(() => import('../budgets/budgets-page.tsx')) },
          { path: 'recurring', ...page(() => import('../recurring/recurring-page.tsx')) },
          { path: 'net-worth', ...page(() => import('../net-worth/net-worth-page.tsx')) },
          { path: 'goals', ...page(() => import('../goals/goals-page.tsx')) },
          { path: 'settings', ...page(() => import('../settings/settings-page.tsx')) },
          // Emails link to a section: /settings/notifications, /settings/security.
          { path: 'settings/:section', ...page(() => import('../settings/settings-page.tsx')) },
          { path: '*', ...page(() => import('./not-found-page.tsx')) },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(appRoutes);
}
