// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SavedFilter } from '../src/api/contract-types.ts';
import TransactionsPage from '../src/transactions/transactions-page.tsx';
import type { RecordedCall } from './fake-api-server.ts';
import { aTransaction } from './fixtures.ts';
import { renderSignedIn } from './render-signed-in.ts';

const ACCOUNT = '00000000-0000-4000-8000-0000000000a1';
const groceries: SavedFilter = {
  id: '00000000-0000-4000-8000-0000000000f1',
  name: 'Groceries',
  filter: { q: 'market', accountId: ACCOUNT, amountMinMinor: 12_50, needsReview: true, sort: 'payee' },
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

function renderPage(at: string, saveAnswer: { status: number; body: unknown }) {
  return renderSignedIn(TransactionsPage, at, {
    'GET /api/v1/categories': { status: 200, body: { categories: [] } },
    'GET /api/v1/accounts': { status: 200, body: { accounts: [] } },
    'GET /api/v1/rules/suggestions': { status: 200, body: { suggestions: [] } },
    'GET /api/v1/transactions/totals': { status: 200, body: { count: 1, totals: [] } },
    'GET /api/v1/transactions': {
      status: 200,
      body: {
        transactions: [aTransaction({ id: '00000000-0000-4000-8000-000000000011' })],
        nextCursor: null,
      },
    },
    'GET /api/v1/saved-filters': { status: 200, body: { filters: [groceries] } },
    'POST /api/v1/saved-filters': saveAnswer,
    [`DELETE /api/v1/saved-filters/${groceries.id}`]: { status: 200, body: { ok: true } },
    [`PATCH /api/v1/saved-filters/${groceries.id}`]: [
      {
        status: 409,
        body: { error: { code: 'CONFLICT', message: 'a saved filter is already named "Food"' } },
      },
      { status: 200, body: { ...groceries, name: 'Food shops' } },
    ],
  });
}

const lastList = (calls: RecordedCall[]) =>
  new URL(calls.filter((c) => c.method === 'GET' && /\/transactions\?/.test(c.url)).at(-1)!.url, 'http://x')
    .searchParams;

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1200);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('saved filters on the transactions page', () => {
  it('applies a saved filter with one click: its search, account, amount, review view and order', async () => {
    const fake = renderPage('/transactions', { status: 201, body: groceries });
    const apply = await screen.findByRole('button', { name: 'Groceries' });
    expect(apply.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(apply);
    await waitFor(() => expect(lastList(fake.calls).get('q')).toBe('market'));
    const sent = lastList(fake.calls);
    expect(Object.fromEntries(sent)).toMatchObject({
      q: 'market',
      accountId: ACCOUNT,
      amountMinMinor: '1250',
      needsReview: 'true',
      sort: 'payee',
    });
    expect((screen.getByLabelText('Min amount') as HTMLInputElement).value).toBe('12.50');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Groceries' }).getAttribute('aria-pressed')).toBe('true'),
    );
  });

  it('saves what the page shows under a name, and says why when the name is taken', async () => {
    const fake = renderPage('/transactions?q=deli&view=review&sort=-amount', {
      status: 409,
      body: { error: { code: 'CONFLICT', message: 'a saved filter is already named "Deli"' } },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Save this filter' }));
    fireEvent.change(screen.getByLabelText('Name for this filter'), { target: { value: ' Deli ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(fake.calls.find((c) => c.method === 'POST')!.body).toEqual({
      name: 'Deli',
      filter: { q: 'deli', needsReview: true, sort: '-amount' },
    });
    expect((await screen.findByRole('alert')).textContent).toContain('already named "Deli"');
    expect((screen.getByLabelText('Name for this filter') as HTMLInputElement).value).toBe(' Deli ');
  });

  it('deletes a saved filter', async () => {
    const fake = renderPage('/transactions', { status: 201, body: groceries });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete saved filter Groceries' }));
    await waitFor(() =>
      expect(fake.calls.some((c) => c.method === 'DELETE' && c.url.endsWith(groceries.id))).toBe(true),
    );
  });

  it('renames a saved filter, showing a taken name next to the field and keeping what was typed', async () => {
    const fake = renderPage('/transactions', { status: 201, body: groceries });
    fireEvent.click(await screen.findByRole('button', { name: 'Rename saved filter Groceries' }));
    const field = screen.getByLabelText('New name for Groceries') as HTMLInputElement;
    expect(field.value).toBe('Groceries');
    fireEvent.change(field, { target: { value: ' Food ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    const described = document.getElementById(field.getAttribute('aria-describedby')!);
    expect(described?.textContent).toContain('already named "Food"');
    expect(field.value).toBe(' Food ');
    fireEvent.change(field, { target: { value: 'Food shops' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(screen.queryByLabelText('New name for Groceries')).toBeNull());
    const patches = fake.calls.filter((c) => c.method === 'PATCH');
    expect(patches.map((c) => c.body)).toEqual([{ name: 'Food' }, { name: 'Food shops' }]);
    expect(fake.calls.filter((c) => c.method === 'GET' && c.url.endsWith('/saved-filters'))).toHaveLength(2);
  });

  it('sorts from the phone’s menu too (the table headers are hidden there)', async () => {
    const fake = renderPage('/transactions', { status: 201, body: groceries });
    const menu = (await screen.findByLabelText('Sort')) as HTMLSelectElement;
    expect(menu.value).toBe('-date');
    fireEvent.change(menu, { target: { value: '-amount' } });
    await waitFor(() => expect(lastList(fake.calls).get('sort')).toBe('-amount'));
    expect([...menu.options].find((o) => o.selected)?.textContent).toBe('Most money out first');
  });
});
