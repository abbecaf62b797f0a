import { type KeyboardEvent, type PointerEvent, useRef } from 'react';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './column-widths.ts';
import type { SortDirection } from './transaction-sort.ts';

interface ColumnHeaderProps {
  /** The column's class and its key in the stored widths. */
  column: string;
  label: string;
  /** The width the person set, or none: the stylesheet's. */
  width: number | undefined;
  onResize: (column: string, width: number) => void;
  /** Sortable columns: the direction it sorts in now (null: another column sorts), and what a click does. */
  sort?: { direction: SortDirection | null; onSort: () => void } | undefined;
}

const KEY_STEP = 16;

/**
 * A header cell of the desktop table: its name (a button when the column sorts, with aria-sort on the cell)
 * and a handle that resizes it by dragging or with the arrow keys.
 */
export function ColumnHeader({ column, label, width, onResize, sort }: ColumnHeaderProps) {
  const cell = useRef<HTMLTableCellElement>(null);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const current = () => width ?? cell.current?.getBoundingClientRect().width ?? MIN_COLUMN_WIDTH;

  const onPointerDown = (event: PointerEvent<HTMLSpanElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drag.current = { x: event.clientX, width: current() };
  };
  const onPointerMove = (event: PointerEvent<HTMLSpanElement>) => {
    if (drag.current) onResize(column, drag.current.width + event.clientX - drag.current.x);
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLSpanElement>) => {
    const step = event.key === 'ArrowRight' ? KEY_STEP : event.key === 'ArrowLeft' ? -KEY_STEP : 0;
    if (!step) return;
    event.preventDefault();
    onResize(column, current() + step);
  };

  return (
    <th
      ref={cell}
      scope="col"
      className={`col-${column}`}
      style={width === undefined ? undefined : { width }}
      aria-sort={sort ? (sort.direction ?? 'none') : undefined}
    >
      {sort ? (
        <button type="button" className="sort-button" onClick={sort.onSort}>
          {label}
          <span aria-hidden="true" className="sort-mark">
            {sort.direction === 'ascending' ? '▲' : sort.direction === 'descending' ? '▼' : ''}
          </span>
        </button>
      ) : (
        label
      )}
      {/* biome-ignore lint/a11y/useSemanticElements: a focusable separator is the ARIA pattern for a splitter; <hr> cannot take focus or keys */}
      <span
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${label} column`}
        aria-valuenow={Math.round(current())}
        aria-valuemin={MIN_COLUMN_WIDTH}
        aria-valuemax={MAX_COLUMN_WIDTH}
        tabIndex={0}
        className="col-resize"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      />
    </th>
  );
}
