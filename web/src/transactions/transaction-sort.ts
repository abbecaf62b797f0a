import { TRANSACTION_SORTS } from '@finsync/shared/presentation';
import type { TransactionSort } from '../api/contract-types.ts';

/** The desktop table's sortable columns. */
export type SortColumn = 'date' | 'payee' | 'account' | 'category' | 'amount';
export type SortDirection = 'ascending' | 'descending';

/**
 * The column and direction a sort shows as. The amount column shows the app's sign (money in positive), the
 * opposite of the API's amountMinor, so "ascending" on screen is `-amount` in the API.
 */
export function columnSort(sort: TransactionSort): { column: SortColumn; direction: SortDirection } {
  const descending = sort.startsWith('-');
  const column = (descending ? sort.slice(1) : sort) as SortColumn;
  const apiAscending = !descending;
  const shownAscending = column === 'amount' ? !apiAscending : apiAscending;
  return { column, direction: shownAscending ? 'ascending' : 'descending' };
}

export function sortFor(column: SortColumn, direction: SortDirection): TransactionSort {
  const apiAscending = column === 'amount' ? direction === 'descending' : direction === 'ascending';
  return (apiAscending ? column : `-${column}`) as TransactionSort;
}

/** What a column starts with: newest first for dates, biggest spending first for amounts, A to Z for text. */
const FIRST: Record<SortColumn, SortDirection> = {
  date: 'descending',
  amount: 'ascending',
  payee: 'ascending',
  account: 'ascending',
  category: 'ascending',
};

/** Choosing a column: the same column flips, another starts in its usual direction. */
export function nextSort(current: TransactionSort, column: SortColumn): TransactionSort {
  const shown = columnSort(current);
  if (shown.column !== column) return sortFor(column, FIRST[column]);
  return sortFor(column, shown.direction === 'ascending' ? 'descending' : 'ascending');
}

/** The sort a URL asks for, or newest first when it names none (or one the API has not got). */
export function sortFromParam(value: string | null): TransactionSort {
  return value !== null && (TRANSACTION_SORTS as readonly string[]).includes(value)
    ? (value as TransactionSort)
    : '-date';
}

/** Each order in words, for the phone's sort menu (the table's headers are hidden there). */
export const SORT_LABELS: Record<TransactionSort, string> = {
  '-date': 'Newest first',
  date: 'Oldest first',
  '-amount': 'Most money out first',
  amount: 'Most money in first',
  payee: 'Payee A to Z',
  '-payee': 'Payee Z to A',
  category: 'Category A to Z',
  '-category': 'Category Z to A',
  account: 'Account A to Z',
  '-account': 'Account Z to A',
};
