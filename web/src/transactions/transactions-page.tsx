import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type {
  SavedFilter,
  SavedFilterSpec,
  Transaction,
  TransactionPage,
  TransactionSort,
} from '../api/contract-types.ts';
import { groupCategories } from '../categories/category-groups.ts';
import { useMoney } from '../money/use-money.ts';
import { useUser } from '../session/session-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { SelectOptions } from '../ui/select-options.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { KeyboardShortcuts } from './keyboard-shortcuts.tsx';
import { SavedFilters } from './saved-filters.tsx';
import { TransactionDetails } from './transaction-details.tsx';
import type { TransactionEdit } from './transaction-edit-form.tsx';
import {
  emptyFilters,
  type FilterForm,
  filtersFromParams,
  filtersToQuery,
  filterToSave,
  savedFilterParams,
} from './transaction-filters.ts';
import { SORT_LABELS, sortFromParam } from './transaction-sort.ts';
import { TransactionTable } from './transaction-table.tsx';
import { type UndoableChange, UndoToast } from './undo-toast.tsx';

const PAGE_SIZE = 200;

/** Two filters are the same when they set the same fields to the same values, in any order. */
const sameFilterKey = (f: SavedFilterSpec) =>
  JSON.stringify(Object.entries(f).sort(([a], [b]) => a.localeCompare(b)));

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
  const [undoable, setUndoable] = useState<UndoableChange | null>(null);
  const [active, setActive] = useState(-1);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const money = useMoney();

  const categories = useQuery({ queryKey: ['categories'], queryFn: () => api.categories.list() });
  const assignable = useMemo(
    () => (categories.data?.categories ?? []).filter((c) => !c.isGroup && !c.hidden),
    [categories.data],
  );
  const groups = useMemo(() => groupCategories(categories.data?.categories ?? []), [categories.data]);
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: () => api.accounts.list() });
  const accountNames = useMemo(
    () =>
      new Map(
        (accounts.data?.accounts ?? []).map(
          (a) => [a.id, a.mask ? `${a.name} ••${a.mask}` : a.name] as const,
        ),
      ),
    [accounts.data],
  );
  const totals = useQuery({
    queryKey: ['transactions', 'totals', query],
    enabled: !filterError,
    queryFn: () => api.transactions.totals(query),
  });

  const sort = sortFromParam(params.get('sort'));
  const listKey = ['transactions', query, sort] as const;
  const list = useInfiniteQuery({
    queryKey: listKey,
    enabled: !filterError,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.transactions.list({ ...query, sort, limit: PAGE_SIZE, cursor: pageParam }, signal),
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
                // An edit answers with the transaction alone: the row keeps what only the list says (its parts).
                transactions: p.transactions.map((t) => {
                  const edited = byId.get(t.id);
                  return edited ? { ...t, ...edited } : t;
                }),
              })),
            }
          : data,
      );
    },
    [queryClient, listKey],
  );

  /** A row's category changed on the server: show it, and refresh what its category feeds. */
  const categoryChanged = (updated: Transaction) => {
    replaceRows([updated]);
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    void queryClient.invalidateQueries({ queryKey: ['rule-suggestions'] });
    void queryClient.invalidateQueries({ queryKey: ['transactions', 'totals'] });
    setOpen((o) => (o?.id === updated.id ? updated : o));
  };
  const categoryName = (categoryId: string | null) =>
    assignable.find((c) => c.id === categoryId)?.name ?? 'Uncategorized';
  const payeeOf = (txn: Transaction) => txn.payee ?? txn.merchantName ?? txn.rawName;

  /**
   * Undo of a move to a category, on the server: the row gets back exactly what it had before (its category,
   * whether it was yours and locked, its review flag), and what the move taught finsync is taken back.
   */
  const undoMove = useMutation({
    mutationFn: ({ moved }: { moved: Transaction; before: Transaction }) =>
      api.transactions.undoCategory(moved.id, moved.categoryId),
    onMutate: ({ before }) => replaceRows([before]),
    onSuccess: (restored) => {
      categoryChanged(restored);
      setUndoable({ message: `${payeeOf(restored)} is back in ${categoryName(restored.categoryId)}.` });
    },
    onError: (_e, { moved }) => replaceRows([moved]),
  });

  const recategorize = useMutation({
    mutationFn: ({ txn, categoryId }: { txn: Transaction; categoryId: string | null }) =>
      api.transactions.patch(txn.id, { categoryId }),
    onMutate: ({ txn, categoryId }) => replaceRows([{ ...txn, categoryId, categorySource: 'user' }]),
    onSuccess: (updated, { txn, categoryId }) => {
      categoryChanged(updated);
      setUndoable({
        message: `${payeeOf(txn)} moved to ${categoryName(categoryId)}.`,
        undo: () => undoMove.mutate({ moved: updated, before: txn }),
      });
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

  const edit = useMutation({
    mutationFn: ({ txn, change }: { txn: Transaction; change: TransactionEdit }) =>
      api.transactions.patch(txn.id, change),
    onSuccess: (updated) => {
      replaceRows([updated]);
      setOpen(updated);
      setUndoable({ message: 'Saved.' });
    },
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

  const review = useMutation({
    mutationFn: (ids: string[]) => api.transactions.bulkUpdate(ids, { reviewed: true }),
    onSuccess: (res) => {
      setNotice(`Marked ${res.updated} transaction${res.updated === 1 ? '' : 's'} reviewed.`);
      setSelected(new Set());
      void queryClient.invalidateQueries({ queryKey: ['transactions'] });
    },
  });
  const onMarkReviewed = useCallback((txn: Transaction) => review.mutate([txn.id]), [review]);

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

  // Keyboard: / search, j/k rows, c category, x select, Enter or o open, ? the list of shortcuts.
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (target?.closest('input, select, textarea, dialog, [popover], [contenteditable="true"]')) return;
      const row = (i: number) => rows[Math.max(0, Math.min(i, rows.length - 1))];
      const activeRow = () =>
        document.querySelector<HTMLElement>(`tr[data-transaction-id="${row(active)?.id ?? ''}"]`);
      if (event.key === '/') searchRef.current?.focus();
      else if (event.key === 'j') setActive((a) => Math.min(a + 1, rows.length - 1));
      else if (event.key === 'k') setActive((a) => Math.max(a - 1, 0));
      else if (event.key === 'c' && active >= 0)
        activeRow()?.querySelector<HTMLButtonElement>('[data-category-picker]')?.click();
      else if (event.key === 'x' && active >= 0 && row(active)) onToggle(row(active)!.id);
      else if ((event.key === 'Enter' || event.key === 'o') && active >= 0 && row(active))
        setOpen(row(active)!);
      else if (event.key === '?') setShowShortcuts(true);
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [rows, active, onToggle]);

  function applyFilters(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) if (v) next.set(k, v);
    if (toReview) next.set('view', 'review');
    if (params.get('sort')) next.set('sort', sort);
    setParams(next);
    setSelected(new Set());
  }

  const onSort = useCallback(
    (next: TransactionSort) => {
      const changed = new URLSearchParams(params);
      if (next === '-date') changed.delete('sort');
      else changed.set('sort', next);
      setParams(changed, { replace: true });
      setActive(-1);
    },
    [params, setParams],
  );

  const shownFilter = filterToSave(filtered, { review: toReview, sort });
  const shownKey = sameFilterKey(shownFilter);
  const isApplied = useCallback((f: SavedFilter) => sameFilterKey(f.filter) === shownKey, [shownKey]);
  const applySaved = useCallback(
    (f: SavedFilter) => {
      const next = savedFilterParams(f.filter, user.currency);
      setParams(next);
      setForm(filtersFromParams(next));
      setSelected(new Set());
      setActive(-1);
    },
    [setParams, user.currency],
  );

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

  const categoryOptions = groups.map((g) => (
    <optgroup key={g.label} label={g.label}>
      {g.options.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </optgroup>
  ));
  const total = totals.data;

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
      <SavedFilters current={shownFilter} isApplied={isApplied} onApply={applySaved} />
      <form className="txn-filters" onSubmit={applyFilters} aria-label="Filter transactions">
        <div className="txn-search">
          <div className="field">
            <label htmlFor="f-q">Search</label>
            <input ref={searchRef} type="search" placeholder="Payee, description or note" {...field('q')} />
          </div>
          <button type="submit" className="primary">
            Apply
          </button>
        </div>
        <div className="field txn-sort-phone">
          <label htmlFor="txn-sort">Sort</label>
          <select id="txn-sort" value={sort} onChange={(e) => onSort(e.target.value as TransactionSort)}>
            <SelectOptions labels={SORT_LABELS} />
          </select>
        </div>
        <details className="txn-more" open={Object.entries(applied).some(([k, v]) => k !== 'q' && v)}>
          <summary>More filters</summary>
          <div className="txn-more-fields">
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
                    {accountNames.get(a.id)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-categoryId">Category</label>
              <select {...field('categoryId')}>
                <option value="">All categories</option>
                <option value="none">Uncategorized</option>
                {categoryOptions}
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
              <button type="submit">Apply filters</button>
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
          </div>
        </details>
      </form>
      <ErrorAlert message={filterError} />
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
      {undoMove.error ? <ErrorState error={undoMove.error} what="the undo" /> : null}
      {review.error ? <ErrorState error={review.error} what="marking reviewed" /> : null}
      {edit.error ? <ErrorState error={edit.error} what="the edit" /> : null}
      {list.error ? (
        <ErrorState error={list.error} what="transactions" onRetry={() => list.refetch()} />
      ) : null}
      <p className="txn-total" data-filter-total aria-live="polite">
        {total ? (
          <>
            <strong>
              {total.count.toLocaleString(user.locale)} transaction{total.count === 1 ? '' : 's'}
            </strong>
            {total.totals.map((t) => (
              <span key={t.currency ?? 'none'} className={-t.amountMinor > 0 ? 'amount in' : 'amount'}>
                {' · '}
                {money(-t.amountMinor, t.currency, { signDisplay: 'exceptZero' })}
              </span>
            ))}
            {toReview && total.count > 0 ? ' to review' : ''}
          </>
        ) : (
          '\u00a0'
        )}
        <button type="button" className="link shortcuts-hint" onClick={() => setShowShortcuts(true)}>
          Keyboard shortcuts (?)
        </button>
      </p>
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
          groups={groups}
          accounts={accountNames}
          selected={selected}
          active={active}
          review={toReview}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={loadMore}
          onToggle={onToggle}
          onToggleAll={onToggleAll}
          onCategoryChange={onCategoryChange}
          onOpen={setOpen}
          onMarkReviewed={onMarkReviewed}
          sort={sort}
          onSort={onSort}
          widthsKey={`finsync:transaction-columns:${user.id}`}
        />
      ) : null}
      <p className="small muted" aria-live="polite">
        {list.data
          ? `${rows.length.toLocaleString(user.locale)} shown${list.hasNextPage ? ', more load as you scroll' : ''}.`
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
            {categoryOptions}
          </select>
          <button type="button" className="primary" onClick={() => bulk.mutate()} disabled={bulk.isPending}>
            Set category
          </button>
          {toReview ? (
            <button type="button" onClick={() => review.mutate([...selected])} disabled={review.isPending}>
              Mark reviewed
            </button>
          ) : null}
          <button type="button" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
          {bulk.error ? <ErrorState error={bulk.error} what="the bulk edit" /> : null}
        </section>
      ) : null}
      {undoable ? <UndoToast change={undoable} onDone={() => setUndoable(null)} /> : null}
      {showShortcuts ? <KeyboardShortcuts onClose={() => setShowShortcuts(false)} /> : null}
      {open ? (
        <TransactionDetails
          txn={open}
          categories={assignable}
          onClose={() => setOpen(null)}
          onCategoryChange={(categoryId) => recategorize.mutate({ txn: open, categoryId })}
          onFlagChange={(change) => flag.mutate({ txn: open, change })}
          flagError={flagError}
          onEdit={(change) => edit.mutate({ txn: open, change })}
          editing={edit.isPending}
        />
      ) : null}
    </div>
  );
}
