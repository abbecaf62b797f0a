import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { Category, Transaction } from '../api/contract-types.ts';
import { useMoney } from '../money/use-money.ts';
import { categoryExplanation } from './category-explanation.ts';

interface Props {
  txn: Transaction;
  categories: readonly Category[];
  onClose: () => void;
  onCategoryChange: (categoryId: string | null) => void;
}

/** One transaction in a modal dialog: its category, why it has it, and a rule made from it. */
export function TransactionDetails({ txn, categories, onClose, onCategoryChange }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const money = useMoney();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
  }, []);
  const name = txn.payee ?? txn.merchantName ?? txn.rawName;
  const category = categories.find((c) => c.id === txn.categoryId);
  const ruleParams = new URLSearchParams({ payee: txn.merchantName ?? txn.rawName });
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
          <select
            id="txn-category"
            value={txn.categoryId ?? ''}
            onChange={(e) => onCategoryChange(e.target.value || null)}
          >
            <option value="">Uncategorized</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="alert" data-why-category>
          <strong>Why this category?</strong> {category ? `${category.name}: ` : ''}
          {categoryExplanation(txn)}
        </div>
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
