/**
 * The transaction list's orders: a field, oldest/smallest/A first, or with `-` the other way. Text sorts
 * case-insensitively by code point; ties are newest first. `amount` is `amountMinor` (positive: money out).
 * The API validates with it and the SPA reads a URL's `sort` with it.
 */
export const TRANSACTION_SORTS = [
  '-date',
  'date',
  'payee',
  '-payee',
  'amount',
  '-amount',
  'category',
  '-category',
  'account',
  '-account',
] as const;
export type TransactionSort = (typeof TRANSACTION_SORTS)[number];
