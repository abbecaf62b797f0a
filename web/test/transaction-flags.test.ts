// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransactionDetails } from '../src/transactions/transaction-details.tsx';
import { fakeFetch } from './fake-api-server.ts';
import { aTransaction } from './fixtures.ts';
import { renderWithProviders } from './render-with-providers.tsx';

const txn = aTransaction({
  id: '00000000-0000-4000-8000-000000000001',
  amountMinor: 50_000,
  date: '2026-03-02',
  rawName: 'ONLINE TRANSFER TO SAV',
  pfcPrimary: 'TRANSFER_OUT',
  pfcDetailed: 'TRANSFER_OUT_SAVINGS',
  isTransfer: true,
});

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
