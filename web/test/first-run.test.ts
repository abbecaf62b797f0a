// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FirstRun } from '../src/onboarding/first-run.tsx';
import { fakeFetch } from './fake-api-server.ts';
import { aCategory, aTransaction, someSettings } from './fixtures.ts';
import { renderWithProviders } from './render-with-providers.tsx';

const coffee = aCategory({ id: '00000000-0000-4000-8000-0000000000c1', key: 'coffee', name: 'Coffee' });
const txn = aTransaction({ id: '00000000-0000-4000-8000-000000000001', merchantName: 'Blue Bottle' });
const RULE = '00000000-0000-4000-8000-0000000000e1';

function renderFirstRun() {
  const fake = fakeFetch({
    'GET /api/v1/auth/session': { status: 200, body: { user: null, csrfToken: null, canRefresh: false } },
    'GET /api/v1/categories': { status: 200, body: { categories: [coffee] } },
    'GET /api/v1/transactions': { status: 200, body: { transactions: [txn], nextCursor: null } },
    [`PATCH /api/v1/transactions/${txn.id}`]: {
      status: 200,
      body: { ...txn, categoryId: coffee.id, categorySource: 'user' },
    },
    'GET /api/v1/rules/suggestions': {
      status: 200,
      body: { suggestions: [{ rule: { id: RULE, name: 'Blue Bottle is Coffee' }, previewCount: 3 }] },
    },
    [`POST /api/v1/rules/suggestions/${RULE}/accept`]: {
      status: 200,
      body: { id: RULE, name: 'Blue Bottle is Coffee' },
    },
    [`POST /api/v1/rules/${RULE}/apply`]: { status: 200, body: { matched: 3, changed: 3 } },
    'PATCH /api/v1/settings': (call) => ({
      status: 200,
      body: { ...someSettings, ...(call.body as object), firstRunDone: true },
    }),
  });
  renderWithProviders(
    {
      '/onboarding': createElement(FirstRun, { settings: someSettings }),
      '/': createElement('h1', null, 'Dashboard'),
    },
    { fetch: fake.fetch, at: '/onboarding' },
  );
  return fake;
}

afterEach(cleanup);

describe('the guided first run', () => {
  it('reviews a category, accepts a proposed rule, chooses the schedule and finishes on the dashboard', async () => {
    const fake = renderFirstRun();
    await screen.findByRole('heading', { name: /Check the categories finsync suggested/ });
    fireEvent.click(await screen.findByRole('button', { name: /category of Blue Bottle$/ }));
    fireEvent.click(screen.getByRole('option', { name: 'Coffee' }));
    await waitFor(() =>
      expect(fake.calls.some((c) => c.method === 'PATCH' && c.url.includes(txn.id))).toBe(true),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    fireEvent.click(await screen.findByRole('button', { name: 'Accept Blue Bottle is Coffee' }));
    await waitFor(() => expect(fake.calls.some((c) => c.url.endsWith(`/rules/${RULE}/apply`))).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    await screen.findByRole('heading', { name: /Choose when your reports arrive/ });
    fireEvent.click(screen.getByRole('checkbox', { name: 'A weekly report' }));
    expect(screen.queryByLabelText('Weekly report day')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
    await screen.findByRole('heading', { name: 'Dashboard' });
    expect(fake.calls.find((c) => c.method === 'PATCH' && c.url.endsWith('/settings'))!.body).toEqual({
      reportSchedule: { weekly: false, monthly: true },
      reportWeekday: 1,
      firstRunDone: true,
    });
  });

  it('is skipped from any step by going to the dashboard, which marks it done', async () => {
    const fake = renderFirstRun();
    fireEvent.click(await screen.findByRole('link', { name: 'Go to your dashboard' }));
    await screen.findByRole('heading', { name: 'Dashboard' });
    await waitFor(() =>
      expect(fake.calls.find((c) => c.method === 'PATCH' && c.url.endsWith('/settings'))?.body).toEqual({
        firstRunDone: true,
      }),
    );
  });
});
