import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ListedTransaction, Transaction, TransactionSort } from '../api/contract-types.ts';
import type { CategoryGroup } from '../categories/category-groups.ts';
import { CategoryPicker } from '../categories/category-picker.tsx';
import { useFormatDay } from '../dates/use-format-day.ts';
import { useMoney } from '../money/use-money.ts';
import { ColumnHeader } from './column-header.tsx';
import { useColumnWidths } from './column-widths.ts';
import { reviewReason } from './review-reason.ts';
import { columnSort, nextSort, type SortColumn } from './transaction-sort.ts';

/** Row heights: a table row on a wide screen, a two-line list item on a phone. */
export const ROW_HEIGHT = 52;
export const REVIEW_ROW_HEIGHT = 64;
export const PHONE_ROW_HEIGHT = 68;
export const PHONE_REVIEW_ROW_HEIGHT = 88;
const PHONE = '(max-width: 760px)';

interface TransactionTableProps {
  rows: readonly ListedTransaction[];
  groups: readonly CategoryGroup[];
  /** Account names by id, for the account column. */
  accounts?: ReadonlyMap<string, string>;
  selected: ReadonlySet<string>;
  /** The row the keyboard is on (j/k), or -1. */
  active?: number;
  /** The "to review" view: each row says why it is there and can be marked reviewed. */
  review?: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onToggle: (id: string) => void;
  onToggleAll: (checked: boolean) => void;
  onCategoryChange: (txn: Transaction, categoryId: string | null) => void;
  onOpen: (txn: Transaction) => void;
  onMarkReviewed?: (txn: Transaction) => void;
  /** The list's order; with onSort, the date, payee, account, category and amount headers sort it. */
  sort?: TransactionSort;
  onSort?: (sort: TransactionSort) => void;
  /** Where this person's column widths are kept (localStorage). */
  widthsKey?: string;
}

const COLUMNS: readonly { column: string; label: string; sorts?: SortColumn }[] = [
  { column: 'date', label: 'Date', sorts: 'date' },
  { column: 'payee', label: 'Payee', sorts: 'payee' },
  { column: 'account', label: 'Account', sorts: 'account' },
  { column: 'category', label: 'Category', sorts: 'category' },
  { column: 'notes', label: 'Notes' },
  { column: 'tags', label: 'Tags' },
  { column: 'amount', label: 'Amount', sorts: 'amount' },
];

let phoneQuery: MediaQueryList | undefined;
const phoneMedia = () => (phoneQuery ??= window.matchMedia?.(PHONE));

function usePhone(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const query = phoneMedia();
      query?.addEventListener('change', notify);
      return () => query?.removeEventListener('change', notify);
    },
    () => phoneMedia()?.matches ?? false,
  );
}

/**
 * Only the rows in view are in the DOM (spacer rows stand in for the rest), so 100k transactions scroll as
 * smoothly as 100. A real table on a wide screen (date, payee, account, category, notes, tags, amount); on a
 * phone each row becomes a two-line item: payee and amount, then date and category.
 */
export function TransactionTable(props: TransactionTableProps) {
  const { rows, hasMore, loadingMore, onLoadMore, active = -1 } = props;
  const phone = usePhone();
  // Formatters once for the table, not once per row: a fast scroll mounts a screenful of rows every frame.
  const money = useMoney();
  const day = useFormatDay();
  const height = phone
    ? props.review
      ? PHONE_REVIEW_ROW_HEIGHT
      : PHONE_ROW_HEIGHT
    : props.review
      ? REVIEW_ROW_HEIGHT
      : ROW_HEIGHT;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => height,
    overscan: 6,
  });
  useEffect(() => virtualizer.measure(), [height, virtualizer]);
  useEffect(() => {
    if (active >= 0) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);
  useEffect(() => {
    if (last && last.index >= rows.length - 30 && hasMore && !loadingMore) onLoadMore();
  }, [last, rows.length, hasMore, loadingMore, onLoadMore]);
  const allChecked = rows.length > 0 && props.selected.size === rows.length;
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (last?.end ?? 0);
  const columns = 8;
  const { widths, resize } = useColumnWidths(props.widthsKey ?? 'finsync:transaction-columns');
  const sort = props.sort ?? '-date';
  const shown = columnSort(sort);
  const onSort = props.onSort;

  return (
    <div ref={scrollRef} className="txn-scroll" data-testid="transactions-scroll">
      <table className={props.review ? 'txn review' : 'txn'} aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">
          Transactions, sorted by {shown.column}, {shown.direction}
        </caption>
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
            {COLUMNS.map(({ column, label, sorts }) => (
              <ColumnHeader
                key={column}
                column={column}
                label={label}
                width={widths[column]}
                onResize={resize}
                sort={
                  sorts && onSort
                    ? {
                        direction: shown.column === sorts ? shown.direction : null,
                        onSort: () => onSort(nextSort(sort, sorts)),
                      }
                    : undefined
                }
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {top > 0 ? (
            <tr>
              <td className="spacer" colSpan={columns} style={{ height: top }} />
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
                account={props.accounts?.get(txn.accountId) ?? ''}
                money={money}
                day={day}
                groups={props.groups}
                selected={props.selected.has(txn.id)}
                active={v.index === active}
                review={props.review ?? false}
                onToggle={props.onToggle}
                onCategoryChange={props.onCategoryChange}
                onOpen={props.onOpen}
                onMarkReviewed={props.onMarkReviewed}
              />
            );
          })}
          {bottom > 0 ? (
            <tr>
              <td className="spacer" colSpan={columns} style={{ height: bottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  txn: ListedTransaction;
  index: number;
  account: string;
  money: ReturnType<typeof useMoney>;
  day: ReturnType<typeof useFormatDay>;
  groups: readonly CategoryGroup[];
  selected: boolean;
  active: boolean;
  review: boolean;
  onToggle: (id: string) => void;
  onCategoryChange: (txn: Transaction, categoryId: string | null) => void;
  onOpen: (txn: Transaction) => void;
  onMarkReviewed?: ((txn: Transaction) => void) | undefined;
}

const TransactionRow = memo(function TransactionRow({
  txn,
  index,
  account,
  money,
  day,
  groups,
  selected,
  active,
  review,
  onToggle,
  onCategoryChange,
  onOpen,
  onMarkReviewed,
}: RowProps) {
  const name = txn.payee ?? txn.merchantName ?? txn.rawName;
  // Plaid's sign: positive is money out; show money out with a minus, as a statement does.
  const shown = -txn.amountMinor;
  const className = [selected ? 'selected' : '', active ? 'active' : ''].filter(Boolean).join(' ');
  return (
    <tr
      aria-rowindex={index + 2}
      className={className || undefined}
      data-transaction-id={txn.id}
      data-category-source={txn.categorySource}
      data-active={active || undefined}
    >
      <td className="col-check">
        <input
          type="checkbox"
          aria-label={`Select ${name}`}
          checked={selected}
          onChange={() => onToggle(txn.id)}
        />
      </td>
      <td className="col-date small">
        <time dateTime={txn.date}>{day(txn.date)}</time>
      </td>
      <td className="col-payee payee">
        <button type="button" className="link payee-name" onClick={() => onOpen(txn)} title={txn.rawName}>
          {name}
        </button>
        {txn.splitParts > 0 ? (
          <span
            className="badge small"
            data-split-marker={txn.splitParts}
            title={`Split into ${txn.splitParts} parts`}
          >
            <span aria-hidden="true">split ×{txn.splitParts}</span>
            <span className="visually-hidden">split into {txn.splitParts} parts</span>
          </span>
        ) : null}
        {txn.pending ? <span className="badge small">pending</span> : null}
        {txn.needsReview && review ? (
          <span className="review-why small">
            <span data-review-reason>{reviewReason(txn)}</span>
            {onMarkReviewed ? (
              <button
                type="button"
                className="link"
                aria-label={`Mark ${name} reviewed`}
                onClick={() => onMarkReviewed(txn)}
              >
                Mark reviewed
              </button>
            ) : null}
          </span>
        ) : txn.needsReview ? (
          <span className="badge small">to review</span>
        ) : null}
      </td>
      <td className="col-account small muted">{account}</td>
      <td className="col-category">
        <CategoryPicker
          groups={groups}
          value={txn.categoryId}
          of={name}
          onChange={(categoryId) => onCategoryChange(txn, categoryId)}
        />
      </td>
      <td className="col-notes small muted">{txn.notes}</td>
      <td className="col-tags small">
        {txn.tags.map((t) => (
          <span key={t} className="badge">
            {t}
          </span>
        ))}
      </td>
      <td className={`col-amount amount${shown > 0 ? ' in' : ''}`}>
        {money(shown, txn.currency, { signDisplay: 'exceptZero' })}
      </td>
    </tr>
  );
});
