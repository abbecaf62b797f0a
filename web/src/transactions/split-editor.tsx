import { toDecimalString } from '@finsync/shared/money';
import { MAX_SPLIT_PARTS } from '@finsync/shared/splits';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { Category, Transaction, TransactionSplits } from '../api/contract-types.ts';
import { CategorySelect } from '../categories/category-select.tsx';
import { useMoney } from '../money/use-money.ts';
import { checkSplit, type DraftPart } from './split-draft.ts';

interface SplitEditorProps {
  txn: Transaction;
  categories: readonly Category[];
}

/** The figures every page shows move when a split changes, and the transaction list marks split rows. */
const AFFECTED = [['dashboard'], ['reports'], ['report'], ['transactions'], ['budgets']];

/**
 * Splits one transaction across categories: a category and an amount per part (typed without a sign, in the
 * transaction's direction), what is left to assign as you type, and Save only once the parts add up to the
 * whole amount exactly. Each part then counts in its own category everywhere; rules leave it alone.
 */
export function SplitEditor({ txn, categories }: SplitEditorProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const money = useMoney();
  const id = useId();
  const currency = txn.currency ?? 'USD';
  const key = ['splits', txn.id] as const;
  const stored = useQuery({ queryKey: key, queryFn: () => api.transactions.splits(txn.id) });
  const [draft, setDraft] = useState<DraftPart[] | null>(null);
  const save = useMutation({
    mutationFn: (parts: Parameters<typeof api.transactions.split>[1]) =>
      api.transactions.split(txn.id, parts),
    onSuccess: (saved) => {
      queryClient.setQueryData<TransactionSplits>(key, saved);
      for (const queryKey of AFFECTED) void queryClient.invalidateQueries({ queryKey });
      setDraft(null);
    },
  });
  const name = (categoryId: string | null) =>
    categories.find((c) => c.id === categoryId)?.name ?? 'Uncategorized';
  const size = (minor: number) => money(Math.abs(minor), currency);

  function startEditing() {
    save.reset();
    const parts = stored.data?.splits ?? [];
    setDraft(
      parts.length > 0
        ? parts.map((p) => ({
            categoryId: p.categoryId ?? '',
            amount: toDecimalString(Math.abs(p.amountMinor), currency),
          }))
        : [
            {
              categoryId: txn.categoryId ?? '',
              amount: toDecimalString(Math.abs(txn.amountMinor), currency),
            },
            { categoryId: '', amount: '' },
          ],
    );
  }

  const parts = stored.data?.splits ?? [];
  if (!draft)
    return (
      <section className="stack split-editor" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>Split</h3>
        {parts.length > 0 ? (
          <ul className="plain" data-split-parts>
            {parts.map((p, i) => (
              <li key={i}>
                <span>{name(p.categoryId)}</span>
                <span className="amount">{size(p.amountMinor)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="small muted">Not split: the whole amount counts in one category.</p>
        )}
        <div className="row">
          <button type="button" onClick={startEditing} disabled={stored.isPending}>
            {parts.length > 0 ? 'Change the split' : 'Split this transaction'}
          </button>
          {parts.length > 0 ? (
            <button type="button" onClick={() => save.mutate([])} disabled={save.isPending}>
              Remove the split
            </button>
          ) : null}
        </div>
        {save.error ? (
          <p className="alert error" role="alert">
            Not saved: {save.error.message}
          </p>
        ) : null}
      </section>
    );

  const checked = checkSplit(draft, txn.amountMinor, currency);
  const setPart = (i: number, change: Partial<DraftPart>) =>
    setDraft((d) => (d ? d.map((p, j) => (j === i ? { ...p, ...change } : p)) : d));
  function submit(event: FormEvent) {
    event.preventDefault();
    if (checked.parts) save.mutate(checked.parts);
  }
  return (
    <form className="stack split-editor" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Split {size(txn.amountMinor)}</h3>
      {draft.map((part, i) => (
        <div key={i} className="split-part">
          <div className="field">
            <label htmlFor={`${id}-c${i}`}>Part {i + 1} category</label>
            <CategorySelect
              id={`${id}-c${i}`}
              value={part.categoryId}
              onChange={(categoryId) => setPart(i, { categoryId })}
              categories={categories}
              emptyLabel="Uncategorized"
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-a${i}`}>Part {i + 1} amount</label>
            <input
              id={`${id}-a${i}`}
              inputMode="decimal"
              placeholder="0.00"
              value={part.amount}
              onChange={(e) => setPart(i, { amount: e.target.value })}
            />
          </div>
          <button
            type="button"
            className="link"
            aria-label={`Remove part ${i + 1}`}
            onClick={() => setDraft((d) => (d ? d.filter((_, j) => j !== i) : d))}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => setDraft((d) => (d ? [...d, { categoryId: '', amount: '' }] : d))}
        disabled={draft.length >= MAX_SPLIT_PARTS}
      >
        Add a part
      </button>
      <p aria-live="polite" data-split-left>
        {draft.length === 0
          ? 'No parts: saving removes the split.'
          : Number.isNaN(checked.leftMinor)
            ? 'The parts are too large to add up.'
            : checked.leftMinor === 0
              ? `All ${size(txn.amountMinor)} assigned.`
              : checked.leftMinor > 0
                ? `${size(checked.leftMinor)} left to assign.`
                : `${size(checked.leftMinor)} more than the transaction.`}
      </p>
      {checked.problems.length > 0 && draft.some((p) => p.amount.trim()) ? (
        <ul className="small muted" data-split-problems>
          {checked.problems.map((p) => (
            <li key={`${p.path} ${p.message}`}>{p.message}</li>
          ))}
        </ul>
      ) : null}
      {save.error ? (
        <p className="alert error" role="alert">
          Not saved: {save.error.message}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={!checked.parts || save.isPending}>
          Save split
        </button>
        <button type="button" onClick={() => setDraft(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
