import { toDecimalString, toMinor } from '@finsync/shared/money';
import type { SavedFilterSpec, TransactionListQuery, TransactionSort } from '../api/contract-types.ts';

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

/** What the page shows now, as a filter to save: the applied filters, the "to review" view and the order. */
export function filterToSave(
  query: TransactionListQuery,
  view: { review: boolean; sort: TransactionSort },
): SavedFilterSpec {
  const { limit: _limit, cursor: _cursor, sort: _sort, needsReview: _review, ...filters } = query;
  return {
    ...filters,
    ...(view.review ? { needsReview: true } : {}),
    ...(view.sort !== '-date' ? { sort: view.sort } : {}),
  };
}

/** A saved filter as the page's URL: the form's fields (amounts typed as decimals again), view and order. */
export function savedFilterParams(spec: SavedFilterSpec, currency: string): URLSearchParams {
  const params = new URLSearchParams();
  const form: Partial<FilterForm> = {
    from: spec.from,
    to: spec.to,
    accountId: spec.accountId,
    categoryId: spec.categoryId,
    q: spec.q,
    pending: spec.pending === undefined ? undefined : spec.pending ? 'true' : 'false',
    amountMin: spec.amountMinMinor === undefined ? undefined : toDecimalString(spec.amountMinMinor, currency),
    amountMax: spec.amountMaxMinor === undefined ? undefined : toDecimalString(spec.amountMaxMinor, currency),
  };
  for (const [key, value] of Object.entries(form)) if (value) params.set(key, value);
  if (spec.needsReview) params.set('view', 'review');
  if (spec.sort && spec.sort !== '-date') params.set('sort', spec.sort);
  return params;
}
