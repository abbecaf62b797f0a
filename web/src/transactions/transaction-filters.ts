import { toMinor } from '@finsync/shared/money';
import type { TransactionListQuery } from '../api/contract-types.ts';

/** The filter form's text fields, as typed. */
export interface FilterForm {
  from: string;
  to: string;
  accountId: string;
  categoryId: string;
  q: string;
  amountMin: string;
  amountMax: string;
  pending: '' | 'true' | 'false';
}

export const emptyFilters: FilterForm = {
  from: '',
  to: '',
  accountId: '',
  categoryId: '',
  q: '',
  amountMin: '',
  amountMax: '',
  pending: '',
};

/**
 * Turns the form into the API's query. Amounts are typed as the user sees them (money out positive)
 * and sent as exact minor units; an amount that is not a decimal is reported, not guessed.
 */
export function filtersToQuery(
  form: FilterForm,
  currency: string,
): { query: TransactionListQuery; error: string | null } {
  const query: TransactionListQuery = {};
  if (form.from) query.from = form.from;
  if (form.to) query.to = form.to;
  if (form.accountId) query.accountId = form.accountId;
  if (form.categoryId) query.categoryId = form.categoryId;
  if (form.q.trim()) query.q = form.q.trim();
  if (form.pending) query.pending = form.pending === 'true';
  try {
    if (form.amountMin.trim()) query.amountMinMinor = toMinor(form.amountMin.trim(), currency);
    if (form.amountMax.trim()) query.amountMaxMinor = toMinor(form.amountMax.trim(), currency);
  } catch {
    return { query, error: 'Amounts must be numbers like 12.50.' };
  }
  if (query.from && query.to && query.from > query.to)
    return { query, error: 'The start date is after the end date.' };
  return { query, error: null };
}

/** The form as URL search params, so a filtered view can be bookmarked and shared. */
export function filtersFromParams(params: URLSearchParams): FilterForm {
  const form = { ...emptyFilters };
  for (const key of Object.keys(emptyFilters) as (keyof FilterForm)[]) {
    const value = params.get(key);
    if (value !== null) (form as Record<keyof FilterForm, string>)[key] = value;
  }
  return form;
}
