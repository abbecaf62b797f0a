// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListedTransaction } from '../src/api/contract-types.ts';
import { TransactionTable } from '../src/transactions/transaction-table.tsx';
import { fakeFetch } from './fake-api-server.ts';
import { aCategory, aTransaction } from './fixtures.ts';
import { renderWithProviders } from './render-with-providers.tsx';

const category = aCategory({
  id: '00000000-0000-4000-8000-0000000000c1',
  key: 'coffee',
  name: 'Coffee',
  sortOrder: 1,
});

const txn = (i: number) =>
  aTransaction({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    amountMinor: i % 2 ? 450 : -250_000,
    rawName: `POS PURCHASE ${i}`,
    merchantName: `Merchant ${i}`,
  });

/** The table alone (signed out: no page around it), with every handler a no-op unless the test gives one. */
function renderTable(props: Partial<Parameters<typeof TransactionTable>[0]> & { rows: ListedTransaction[] }) {
  const noop = () => {};
  const fake = fakeFetch({
    'GET /api/v1/auth/session': { status: 200, body: { user: null, csrfToken: null, canRefresh: false } },
  });
  renderWithProviders(
    {
      '/': createElement(TransactionTable, {
        groups: [{ label: 'Other', options: [category] }],
        selected: new Set<string>(),
        hasMore: false,
        loadingMore: false,
        onLoadMore: noop,
        onToggle: noop,
        onToggleAll: noop,
        onCategoryChange: noop,
        onOpen: noop,
        ...props,
      }),
    },
    { fetch: fake.fetch, at: '/' },
  );
}

// happy-dom has no layout: give the scroll area a phone-sized viewport so the virtualizer has a window.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(400);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('transaction table', () => {
  it('keeps only a window of rows in the DOM for 100k transactions while sizing the scroll for all', async () => {
    renderTable({ rows: Array.from({ length: 100_000 }, (_, i) => txn(i)) });
    const table = await screen.findByRole('table');
    await waitFor(() => expect(table.querySelector('tr[data-transaction-id]')).not.toBeNull());
    const rendered = table.querySelectorAll('tr[data-transaction-id]');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(60);
    const spacers = [...table.querySelectorAll<HTMLElement>('td.spacer')];
    const spacerHeight = spacers.reduce((sum, td) => sum + Number.parseFloat(td.style.height), 0);
    expect(spacerHeight + rendered.length * 52).toBe(100_000 * 52);
    expect(table.getAttribute('aria-rowcount')).toBe('100001');
  });

  it('shows money out with a minus and money in with a plus, and reports inline category edits', async () => {
    const onCategoryChange = vi.fn();
    const rows = [txn(1), txn(2)];
    renderTable({ rows, selected: new Set([rows[0]!.id]), onCategoryChange });
    const out = await screen.findByText('-$4.50');
    expect(out.closest('tr')?.className).toBe('selected');
    expect(screen.getByText('+$2,500.00')).toBeTruthy();
    // One click opens the picker in place (no dialog), one click on the category sets it.
    fireEvent.click(screen.getByRole('button', { name: /category of Merchant 1$/ }));
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: 'Search categories' }), {
      target: { value: 'cof' },
    });
    fireEvent.click(screen.getByRole('option', { name: 'Coffee' }));
    expect(onCategoryChange).toHaveBeenCalledWith(rows[0], category.id);
  });

  it('marks a split row in words, for screen readers too, and leaves an unsplit row unmarked', async () => {
    const split = aTransaction({ ...txn(1), splitParts: 3 });
    renderTable({ rows: [split, txn(2)] });
    const marker = await screen.findByText('split into 3 parts');
    const row = marker.closest('tr')!;
    expect(row.getAttribute('data-transaction-id')).toBe(split.id);
    expect(row.querySelector('[data-split-marker]')?.textContent).toContain('split ×3');
    expect(row.querySelector('[data-split-marker]')?.getAttribute('title')).toBe('Split into 3 parts');
    const unsplit = document.querySelector(`tr[data-transaction-id="${txn(2).id}"]`)!;
    expect(unsplit.querySelector('[data-split-marker]')).toBeNull();
    expect(unsplit.textContent).not.toMatch(/split/i);
  });

  it('sorts from its headers: aria-sort on the sorted column, a click flips it or sorts by another', async () => {
    const onSort = vi.fn();
    renderTable({ rows: [txn(1)], sort: 'payee', onSort });
    const header = (name: string) => screen.getByRole('columnheader', { name: new RegExp(`^${name}`) });
    await screen.findByRole('table');
    expect(header('Payee').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Date').getAttribute('aria-sort')).toBe('none');
    expect(header('Notes').getAttribute('aria-sort')).toBeNull(); // notes do not sort
    fireEvent.click(screen.getByRole('button', { name: 'Payee' }));
    expect(onSort).toHaveBeenLastCalledWith('-payee');
    fireEvent.click(screen.getByRole('button', { name: 'Date' }));
    expect(onSort).toHaveBeenLastCalledWith('-date'); // newest first
    // Amounts show money out negative: biggest spending first is the API's amountMinor descending.
    fireEvent.click(screen.getByRole('button', { name: 'Amount' }));
    expect(onSort).toHaveBeenLastCalledWith('-amount');
    cleanup();
    renderTable({ rows: [txn(1)], sort: '-amount', onSort });
    await screen.findByRole('table');
    expect(header('Amount').getAttribute('aria-sort')).toBe('ascending');
  });

  it('resizes a column with the arrow keys and keeps the width for this user after a reload', async () => {
    localStorage.removeItem('widths-test');
    renderTable({ rows: [txn(1)], widthsKey: 'widths-test' });
    const handle = await screen.findByRole('separator', { name: 'Resize Payee column' });
    const payee = handle.closest('th')!;
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    const widened = Number.parseFloat(payee.style.width);
    expect(widened).toBeGreaterThan(0);
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(Number.parseFloat(payee.style.width)).toBe(widened + 16);
    expect(JSON.parse(localStorage.getItem('widths-test')!)).toEqual({ payee: widened + 16 });
    cleanup();
    renderTable({ rows: [txn(1)], widthsKey: 'widths-test' });
    const again = await screen.findByRole('separator', { name: 'Resize Payee column' });
    expect(Number.parseFloat(again.closest('th')!.style.width)).toBe(widened + 16);
    expect(again.getAttribute('aria-valuenow')).toBe(String(widened + 16));
  });
});
