// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Transaction } from '../src/api/contract-types.ts';
import { TransactionDetails } from '../src/transactions/transaction-details.tsx';
import { fakeFetch } from './fake-api-server.ts';
import { renderWithProviders } from './render-with-providers.tsx';

const txn: Transaction = {
  id: '00000000-0000-4000-8000-000000000001',
  accountId: '00000000-0000-4000-8000-0000000000a1',
  itemId: '00000000-0000-4000-8000-0000000000b1',
  amountMinor: 50_000,
  currency: 'USD',
  date: '2026-03-02',
  authorizedDate: null,
  rawName: 'ONLINE TRANSFER TO SAV',
  merchantName: null,
  payee: null,
  pending: false,
  paymentChannel: null,
  pfcPrimary: 'TRANSFER_OUT',
  pfcDetailed: 'TRANSFER_OUT_SAVINGS',
  categoryId: null,
  categorySource: 'none',
  notes: null,
  tags: [],
  lockedFields: [],
  isTransfer: true,
  excludedFromReports: false,
  needsReview: false,
  updatedAt: '2026-03-02T00:00:00.000Z',
};

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('transaction dialog: transfer and exclusion flags', () => {
  it('unmarks a transfer and excludes from reports with one click each, and says why a change was refused', () => {
    const onFlagChange = vi.fn();
    const props = {
      txn,
      categories: [],
      onClose: () => {},
      onCategoryChange: () => {},
      onFlagChange,
      flagError:
        'the category "Savings" counts as a transfer; choose another category to count this transaction',
    };
    const fake = fakeFetch({
      'GET /api/v1/auth/session': { status: 200, body: { user: null, csrfToken: null, canRefresh: false } },
      [`GET /api/v1/transactions/${txn.id}/explanation`]: {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'x' } },
      },
    });
    renderWithProviders({ '/': createElement(TransactionDetails, props) }, { fetch: fake.fetch, at: '/' });
    const transfer = screen.getByRole('checkbox', {
      name: /Transfer between my own accounts/,
    }) as HTMLInputElement;
    expect(transfer.checked).toBe(true);
    fireEvent.click(transfer);
    expect(onFlagChange).toHaveBeenLastCalledWith({ isTransfer: false });
    fireEvent.click(screen.getByRole('checkbox', { name: /Leave out of the dashboard/ }));
    expect(onFlagChange).toHaveBeenLastCalledWith({ excludedFromReports: true });
    expect(screen.getByRole('alert').textContent).toContain('counts as a transfer');
  });
});
