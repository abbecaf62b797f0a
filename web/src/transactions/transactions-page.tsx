import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { Category, Transaction, TransactionPage } from '../api/contract-types.ts';
import { useUser } from '../session/session-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { TransactionDetails } from './transaction-details.tsx';
import { emptyFilters, type FilterForm, filtersFromParams, filtersToQuery } from './transaction-filters.ts';
import { TransactionTable } from './transaction-table.tsx';

const PAGE_SIZE = 200;

export default function TransactionsPage() {
  useDocumentTitle('Transactions');
  const api = useApi();
  const user = useUser();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const toReview = params.get('view') === 'review';
  const applied = filtersFromParams(params);
  const [form, setForm] = useState<FilterForm>(applied);
  const { query: filtered, error: filterError } = filtersToQuery(applied, user.currency);
  const query = toReview ? { ...filtered, needsReview: true } : filtered;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<Transaction | null>(null);
  const [bulkCategory, setBulkCategory] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const categories = useQuery({ queryKey: ['categories'], queryFn: () => api.categories.list() });
  const assignable = useMemo(
    () => (categories.data?.categories ?? []).filter((c) => !c.isGroup && !c.hidden),
    [categories.data],
  );
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: () => api.accounts.list() });

  const listKey = ['transactions', query] as const;
  const list = useInfiniteQuery({
    queryKey: listKey,
    enabled: !filterError,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.transactions.list({ ...query, limit: PAGE_SIZE, cursor: pageParam }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const all = useMemo(() => list.data?.pages.flatMap((p) => p.transactions) ?? [], [list.data]);
  const rows = all;
  const suggestions = useQuery({ queryKey: ['rule-suggestions'], queryFn: () => api.rules.suggestions() });
  const proposed = suggestions.data?.suggestions ?? [];

  const replaceRows = useCallback(
    (updated: Transaction[]) => {
      const byId = new Map(updated.map((t) => [t.id, t]));
      queryClient.setQueryData<InfiniteData<TransactionPage>>(listKey, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((p) => ({
                ...p,
                transactions: p.transactions.map((t) => byId.get(t.id) ?? t),
              })),
            }
          : data,
      );
    },
    [queryClient, listKey],
  );

  const recategorize = useMutation({
    mutationFn: ({ txn, categoryId }: { txn: Transaction; categoryId: string | null }) =>
      api.transactions.patch(txn.id, { categoryId }),
    onMutate: ({ txn, categoryId }) => replaceRows([{ ...txn, categoryId, categorySource: 'user' }]),
    onSuccess: (updated, { txn }) => {
      replaceRows([updated]);
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      void queryClient.invalidateQueries({ queryKey: ['rule-suggestions'] });
      setNotice(
        `Saved. Every future “${txn.payee ?? txn.merchantName ?? txn.rawName}” can follow with a rule.`,
      );
      setOpen(updated);
    },
    onError: (_e, { txn }) => replaceRows([txn]),
  });

  const [flagError, setFlagError] = useState<string | null>(null);
  const flag = useMutation({
    mutationFn: ({
      txn,
      change,
    }: {
      txn: Transaction;
      change: { isTransfer: boolean } | { excludedFromReports: boolean };
    }) => api.transactions.patch(txn.id, change),
    onMutate: () => setFlagError(null),
    onSuccess: (updated) => {
      replaceRows([updated]);
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      void queryClient.invalidateQueries({ queryKey: ['report'] });
      setNotice('Saved. The dashboard, reports and exports count it the new way.');
      setOpen(updated);
    },
    onError: (error) => setFlagError(error instanceof Error ? error.message : String(error)),
  });

  const bulk = useMutation({
    mutationFn: () => api.transactions.bulkUpdate([...selected], { categoryId: bulkCategory || null }),
    onSuccess: (res) => {
      setNotice(`Updated ${res.updated} transaction${res.updated === 1 ? '' : 's'}.`);
      setSelected(new Set());
      void queryClient.invalidateQueries({ queryKey: ['transactions'] });
      void queryClient.invalidateQueries({ queryKey: ['rule-suggestions'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });

  const onToggle = useCallback((id: string) => {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const onToggleAll = useCallback(
    (checked: boolean) => setSelected(checked ? new Set(rows.map((r) => r.id)) : new Set()),
    [rows],
  );
  const onCategoryChange = useCallback(
    (txn: Transaction, categoryId: string | null) => recategorize.mutate({ txn, categoryId }),
    [recategorize],
  );
  const loadMore = useCallback(() => void list.fetchNextPage(), [list]);

  function applyFilters(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) if (v) next.set(k, v);
    if (toReview) next.set('view', 'review');
    setParams(next);
    setSelected(new Set());
  }

  function setView(review: boolean) {
    const next = new URLSearchParams(params);
    if (review) next.set('view', 'review');
    else next.delete('view');
    setParams(next);
  }

  const field = (key: keyof FilterForm) => ({
    id: `f-${key}`,
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });

  return (
    <div className="stack">
      <div className="page-head">
        <h1>Transactions</h1>
        <fieldset className="segmented" style={{ margin: 0, padding: 0 }}>
          <legend className="visually-hidden">View</legend>
          <button type="button" aria-pressed={!toReview} onClick={() => setView(false)}>
            All
          </button>
          <button type="button" aria-pressed={toReview} onClick={() => setView(true)}>
            To review
          </button>
        </fieldset>
      </div>
      <form className="txn-filters" onSubmit={applyFilters} aria-label="Filter transactions">
        <div className="field">
          <label htmlFor="f-q">Search</label>
          <input type="search" placeholder="Payee or description" {...field('q')} />
        </div>
        <div className="field">
          <label htmlFor="f-from">From</label>
          <input type="date" {...field('from')} />
        </div>
        <div className="field">
          <label htmlFor="f-to">To</label>
          <input type="date" {...field('to')} />
        </div>
        <div className="field">
          <label htmlFor="f-accountId">Account</label>
          <select {...field('accountId')}>
            <option value="">All accounts</option>
            {accounts.data?.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
                {a.mask ? ` ••${a.mask}` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-categoryId">Category</label>
          <select {...field('categoryId')}>
            <option value="">All categories</option>
            <option value="none">Uncategorized</option>
            {assignable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-amountMin">Min amount</label>
          <input inputMode="decimal" placeholder="0.00" {...field('amountMin')} />
        </div>
        <div className="field">
          <label htmlFor="f-amountMax">Max amount</label>
          <input inputMode="decimal" placeholder="0.00" {...field('amountMax')} />
        </div>
        <div className="field">
          <label htmlFor="f-pending">Status</label>
          <select {...field('pending')}>
            <option value="">Any</option>
            <option value="true">Pending</option>
            <option value="false">Posted</option>
          </select>
        </div>
        <div className="row">
          <button type="submit" className="primary">
            Apply
          </button>
          <button
            type="button"
            onClick={() => {
              setForm(emptyFilters);
              setParams(toReview ? { view: 'review' } : {});
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {filterError ? (
        <div className="alert error" role="alert">
          {filterError}
        </div>
      ) : null}
      {notice ? (
        <div className="alert" role="status">
          {notice}
        </div>
      ) : null}
      {proposed.length > 0 ? (
        <div className="alert" role="status" data-rule-suggestions={proposed.length}>
          <strong>
            finsync proposes {proposed.length === 1 ? 'a rule' : `${proposed.length} rules`} from your
            corrections
          </strong>
          {proposed[0] ? ` (“${proposed[0].rule.name}”)` : ''}.{' '}
          <Link to="/rules#suggestions">Review proposed rules</Link>
        </div>
      ) : null}
      {recategorize.error ? <ErrorState error={recategorize.error} what="the category change" /> : null}
      {list.error ? (
        <ErrorState error={list.error} what="transactions" onRetry={() => list.refetch()} />
      ) : null}
      {list.isPending && !filterError ? <Skeleton height={420} label="Loading transactions" /> : null}
      {list.data && rows.length === 0 ? (
        <div className="card">
          <EmptyState title={toReview ? 'Nothing to review' : 'No transactions match'}>
            <p>
              {toReview
                ? 'Every transaction has a category you can trust.'
                : 'Try a wider date range or clear the filters. If you have not linked a bank yet, start in Connections.'}
            </p>
          </EmptyState>
        </div>
      ) : null}
      {rows.length > 0 ? (
        <TransactionTable
          rows={rows}
          categories={assignable}
          selected={selected}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={loadMore}
          onToggle={onToggle}
          onToggleAll={onToggleAll}
          onCategoryChange={onCategoryChange}
          onOpen={setOpen}
        />
      ) : null}
      <p className="small muted" aria-live="polite">
        {list.data
          ? `${rows.length.toLocaleString()} shown${list.hasNextPage ? ', more load as you scroll' : ''}.`
          : ''}
      </p>
      {selected.size > 0 ? (
        <section className="bulkbar" aria-label="Bulk edit">
          <strong>{selected.size} selected</strong>
          <label htmlFor="bulk-category" className="visually-hidden">
            Category for selected
          </label>
          <select
            id="bulk-category"
            value={bulkCategory}
            onChange={(e) => setBulkCategory(e.target.value)}
            style={{ width: 'auto' }}
          >
            <option value="">Uncategorized</option>
            {assignable.map((c: Category) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button type="button" className="primary" onClick={() => bulk.mutate()} disabled={bulk.isPending}>
            Set category
          </button>
          <button type="button" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
          {bulk.error ? <ErrorState error={bulk.error} what="the bulk edit" /> : null}
        </section>
      ) : null}
      {open ? (
        <TransactionDetails
          txn={open}
          categories={assignable}
          onClose={() => setOpen(null)}
          onCategoryChange={(categoryId) => recategorize.mutate({ txn: open, categoryId })}
          onFlagChange={(change) => flag.mutate({ txn: open, change })}
          flagError={flagError}
        />
      ) : null}
    </div>
  );
}
