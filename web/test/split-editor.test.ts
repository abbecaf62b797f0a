// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { TransactionDetails } from '../src/transactions/transaction-details.tsx';
import { fakeFetch } from './fake-api-server.ts';
import { aCategory, aTransaction } from './fixtures.ts';
import { renderWithProviders } from './render-with-providers.tsx';

const food = aCategory({ id: '00000000-0000-4000-8000-0000000000c1', key: 'food', name: 'Groceries' });
const home = aCategory({ id: '00000000-0000-4000-8000-0000000000c2', key: 'home', name: 'Household' });
const txn = aTransaction({
  id: '00000000-0000-4000-8000-000000000001',
  amountMinor: 100_00,
  rawName: 'SUPERSTORE',
  categoryId: food.id,
});
const splitsUrl = `/api/v1/transactions/${txn.id}/splits`;

function renderDialog(put: { status: number; body: unknown }) {
  const fake = fakeFetch({
    'GET /api/v1/auth/session': { status: 200, body: { user: null, csrfToken: null, canRefresh: false } },
    [`GET /api/v1/transactions/${txn.id}/explanation`]: {
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'x' } },
    },
    [`GET ${splitsUrl}`]: {
      status: 200,
      body: { transactionId: txn.id, amountMinor: 100_00, currency: 'USD', splits: [] },
    },
    [`PUT ${splitsUrl}`]: put,
  });
  const props = {
    txn,
    categories: [food, home],
    onClose: () => {},
    onCategoryChange: () => {},
    onFlagChange: () => {},
    onEdit: () => {},
  };
  renderWithProviders({ '/': createElement(TransactionDetails, props) }, { fetch: fake.fetch, at: '/' });
  return fake;
}

afterEach(cleanup);

/** "Split this transaction", once the stored parts (none) have loaded. */
async function startSplitting() {
  const start = (await screen.findByRole('button', { name: 'Split this transaction' })) as HTMLButtonElement;
  await waitFor(() => expect(start.disabled).toBe(false));
  fireEvent.click(start);
}

describe('splitting a transaction in its dialog', () => {
  it('shows what is left as you type and saves only parts that add up exactly', async () => {
    const fake = renderDialog({
      status: 200,
      body: {
        transactionId: txn.id,
        amountMinor: 100_00,
        currency: 'USD',
        splits: [
          { categoryId: food.id, amountMinor: 60_00, notes: null },
          { categoryId: home.id, amountMinor: 40_00, notes: null },
        ],
      },
    });
    await startSplitting();
    expect((screen.getByLabelText('Part 1 amount') as HTMLInputElement).value).toBe('100.00');
    fireEvent.change(screen.getByLabelText('Part 1 amount'), { target: { value: '60' } });
    const save = screen.getByRole('button', { name: 'Save split' }) as HTMLButtonElement;
    expect(document.querySelector('[data-split-left]')?.textContent).toBe('$40.00 left to assign.');
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Part 2 amount'), { target: { value: '40.01' } });
    expect(document.querySelector('[data-split-left]')?.textContent).toBe('$0.01 more than the transaction.');
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Part 2 amount'), { target: { value: '40' } });
    fireEvent.change(screen.getByLabelText('Part 2 category'), { target: { value: home.id } });
    expect(document.querySelector('[data-split-left]')?.textContent).toBe('All $100.00 assigned.');
    expect(save.disabled).toBe(false);
    fireEvent.click(save);
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(fake.calls.find((c) => c.method === 'PUT')!.body).toEqual({
      splits: [
        { categoryId: food.id, amountMinor: 60_00 },
        { categoryId: home.id, amountMinor: 40_00 },
      ],
    });
    const parts = await screen.findByRole('list');
    expect(parts.textContent).toContain('Groceries$60.00');
    expect(parts.textContent).toContain('Household$40.00');
  });

  it('says why the server refused, keeping what was typed', async () => {
    renderDialog({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'category not found' } },
    });
    await startSplitting();
    fireEvent.change(screen.getByLabelText('Part 1 amount'), { target: { value: '99.99' } });
    fireEvent.change(screen.getByLabelText('Part 2 amount'), { target: { value: '0.01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save split' }));
    expect((await screen.findByRole('alert')).textContent).toContain('category not found');
    expect((screen.getByLabelText('Part 2 amount') as HTMLInputElement).value).toBe('0.01');
  });
});
