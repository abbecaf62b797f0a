import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import type { Category, Transaction } from '../api/contract-types.ts';
import { useMoney } from '../money/use-money.ts';

export const ROW_HEIGHT = 52;

interface TransactionTableProps {
  rows: readonly Transaction[];
  categories: readonly Category[];
  selected: ReadonlySet<string>;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onToggle: (id: string) => void;
  onToggleAll: (checked: boolean) => void;
  onCategoryChange: (txn: Transaction, categoryId: string | null) => void;
  onOpen: (txn: Transaction) => void;
}

/**
 * Only the rows in view are in the DOM (spacer rows stand in for the rest), so 100k transactions
 * scroll as smoothly as 100 while staying a real, readable table.
 */
export function TransactionTable(props: TransactionTableProps) {
  const { rows, hasMore, loadingMore, onLoadMore } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);
  useEffect(() => {
    if (last && last.index >= rows.length - 30 && hasMore && !loadingMore) onLoadMore();
  }, [last, rows.length, hasMore, loadingMore, onLoadMore]);
  const allChecked = rows.length > 0 && props.selected.size === rows.length;
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (last?.end ?? 0);

  return (
    <div ref={scrollRef} className="txn-scroll" data-testid="transactions-scroll">
      <table className="txn" aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">Transactions, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className="col-check">
              <input
                type="checkbox"
                aria-label="Select all loaded transactions"
                checked={allChecked}
                onChange={(e) => props.onToggleAll(e.target.checked)}
              />
            </th>
            <th scope="col" className="col-date">
              Date
            </th>
            <th scope="col">Payee</th>
            <th scope="col" className="col-category">
              Category
            </th>
            <th scope="col" className="col-amount">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {top > 0 ? (
            <tr>
              <td className="spacer" colSpan={5} style={{ height: top }} />
            </tr>
          ) : null}
          {items.map((v) => {
            const txn = rows[v.index];
            if (!txn) return null;
            return (
              <TransactionRow
                key={txn.id}
                txn={txn}
                index={v.index}
                categories={props.categories}
                selected={props.selected.has(txn.id)}
                onToggle={props.onToggle}
                onCategoryChange={props.onCategoryChange}
                onOpen={props.onOpen}
              />
            );
          })}
          {bottom > 0 ? (
            <tr>
              <td className="spacer" colSpan={5} style={{ height: bottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  txn: Transaction;
  index: number;
  categories: readonly Category[];
  selected: boolean;
  onToggle: (id: string) => void;
  onCategoryChange: (txn: Transaction, categoryId: string | null) => void;
  onOpen: (txn: Transaction) => void;
}

const TransactionRow = memo(function TransactionRow({
  txn,
  index,
  categories,
  selected,
  onToggle,
  onCategoryChange,
  onOpen,
}: RowProps) {
  const money = useMoney();
  const name = txn.payee ?? txn.merchantName ?? txn.rawName;
  // Plaid's sign: positive is money out; show money out with a minus, as a statement does.
  const shown = -txn.amountMinor;
  return (
    <tr aria-rowindex={index + 2} className={selected ? 'selected' : undefined} data-transaction-id={txn.id}>
      <td className="col-check">
        <input
          type="checkbox"
          aria-label={`Select ${name}`}
          checked={selected}
          onChange={() => onToggle(txn.id)}
        />
      </td>
      <td className="col-date small">{txn.date}</td>
      <td className="payee">
        <button type="button" className="link" onClick={() => onOpen(txn)} title={txn.rawName}>
          {name}
        </button>
        {txn.pending ? <span className="badge small"> pending</span> : null}
        {txn.needsReview ? <span className="badge small"> to review</span> : null}
      </td>
      <td className="col-category">
        <select
          aria-label={`Category of ${name}`}
          value={txn.categoryId ?? ''}
          onChange={(e) => onCategoryChange(txn, e.target.value || null)}
        >
          <option value="">Uncategorized</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </td>
      <td className={`col-amount amount${shown > 0 ? ' in' : ''}`}>
        {money(shown, txn.currency, { signDisplay: 'exceptZero' })}
      </td>
    </tr>
  );
});
