import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { Category, CategoryExplanation, Transaction } from '../api/contract-types.ts';
import { CategorySelect } from '../categories/category-select.tsx';
import { useMoney } from '../money/use-money.ts';
import { categoryExplanation } from './category-explanation.ts';
import { SplitEditor } from './split-editor.tsx';
import { type TransactionEdit, TransactionEditForm } from './transaction-edit-form.tsx';

interface Props {
  txn: Transaction;
  categories: readonly Category[];
  onClose: () => void;
  onCategoryChange: (categoryId: string | null) => void;
  /** Marks or unmarks a transfer, or leaves the transaction out of every figure (locked against rules). */
  onFlagChange: (flag: { isTransfer: boolean } | { excludedFromReports: boolean }) => void;
  /** Why the last flag change was refused, in words. */
  flagError?: string | null | undefined;
  /** Saves a new payee, notes or tags; absent where the dialog is shown read-only. */
  onEdit?: ((edit: TransactionEdit) => void) | undefined;
  editing?: boolean;
}

/** One transaction in a modal dialog: its category, why it has it, the learned suggestion, and a rule made from it. */
export function TransactionDetails({
  txn,
  categories,
  onClose,
  onCategoryChange,
  onFlagChange,
  flagError,
  onEdit,
  editing = false,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const api = useApi();
  const money = useMoney();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
  }, []);
  const explanation = useQuery({
    queryKey: ['explanation', txn.id, txn.categoryId, txn.updatedAt],
    queryFn: () => api.transactions.explanation(txn.id),
  });
  const name = txn.payee ?? txn.merchantName ?? txn.rawName;
  const category = categories.find((c) => c.id === txn.categoryId);
  const suggestion = learnedSuggestion(explanation.data, txn, categories);
  const ruleParams = new URLSearchParams({ payee: txn.payee ?? txn.merchantName ?? txn.rawName });
  if (txn.categoryId) ruleParams.set('categoryId', txn.categoryId);
  return (
    <dialog ref={ref} aria-labelledby="txn-title" onClose={onClose} onCancel={onClose}>
      <div className="stack">
        <h2 id="txn-title">{name}</h2>
        <p className="muted small">
          {txn.date} · {txn.rawName}
        </p>
        <p className="figure-value">{money(-txn.amountMinor, txn.currency, { signDisplay: 'exceptZero' })}</p>
        <div className="field">
          <label htmlFor="txn-category">Category</label>
          <CategorySelect
            id="txn-category"
            value={txn.categoryId ?? ''}
            onChange={(categoryId) => onCategoryChange(categoryId || null)}
            categories={categories}
            emptyLabel="Uncategorized"
          />
        </div>
        {suggestion ? (
          <div className="alert" data-learned-suggestion>
            <strong>Suggested: {suggestion.category.name}</strong>
            {suggestion.confidence === null ? '' : ` (${Math.round(suggestion.confidence * 100)}% sure)`}.{' '}
            <button type="button" onClick={() => onCategoryChange(suggestion.category.id)}>
              Use {suggestion.category.name}
            </button>
          </div>
        ) : null}
        <div className="alert" data-why-category aria-live="polite">
          <strong>Why this category?</strong> {category ? `${category.name}: ` : ''}
          {explanation.data ? sentence(explanation.data.summary) : categoryExplanation(txn)}
          {explanation.data?.source === 'rule' && explanation.data.ruleId ? (
            <>
              {' '}
              <Link to={`/rules?rule=${explanation.data.ruleId}`}>See the rule</Link>
            </>
          ) : null}
        </div>
        {onEdit ? (
          <TransactionEditForm key={txn.updatedAt} txn={txn} onSave={onEdit} saving={editing} />
        ) : null}
        {onEdit ? <SplitEditor txn={txn} categories={categories} /> : null}
        <fieldset className="stack" data-transaction-flags>
          <legend>In your figures</legend>
          <label>
            <input
              type="checkbox"
              checked={txn.isTransfer}
              onChange={(e) => onFlagChange({ isTransfer: e.target.checked })}
            />{' '}
            Transfer between my own accounts (neither spending nor income)
          </label>
          <label>
            <input
              type="checkbox"
              checked={txn.excludedFromReports}
              onChange={(e) => onFlagChange({ excludedFromReports: e.target.checked })}
            />{' '}
            Leave out of the dashboard, reports and exports
          </label>
          {flagError ? (
            <p role="alert" className="small">
              {flagError}
            </p>
          ) : null}
        </fieldset>
        {txn.categoryId ? (
          <Link className="button" to={`/rules?${ruleParams}`}>
            Create a rule from this
          </Link>
        ) : null}
        <button type="button" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}

/** The learned guess to offer: the model's or merchant map's category when it differs from the current one. */
function learnedSuggestion(
  explanation: CategoryExplanation | undefined,
  txn: Transaction,
  categories: readonly Category[],
): { category: Category; confidence: number | null } | null {
  if (!explanation) return null;
  const candidates: { categoryId: string; confidence: number | null }[] = [];
  if (explanation.source === 'learned' && explanation.categoryId)
    candidates.push({ categoryId: explanation.categoryId, confidence: explanation.confidence ?? null });
  for (const alt of explanation.alternatives ?? []) candidates.push(alt);
  for (const c of candidates) {
    if (c.categoryId === txn.categoryId) continue;
    const category = categories.find((x) => x.id === c.categoryId);
    if (category) return { category, confidence: c.confidence };
  }
  return null;
}

/** The API's explanation is a phrase ("you chose this category"); shown as a sentence. */
function sentence(phrase: string): string {
  const text = phrase.charAt(0).toUpperCase() + phrase.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
