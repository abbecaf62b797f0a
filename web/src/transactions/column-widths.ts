import { useCallback, useState } from 'react';

/** A column width a person can set, in CSS pixels. */
export const MIN_COLUMN_WIDTH = 64;
export const MAX_COLUMN_WIDTH = 640;

export type ColumnWidths = Readonly<Record<string, number>>;

const clamp = (width: number) => Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));

/** Widths kept in this browser's storage; anything unreadable there counts as no widths set. */
function readWidths(storage: Storage | undefined, key: string): ColumnWidths {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter(([, w]) => typeof w === 'number' && Number.isFinite(w)),
    ) as ColumnWidths;
  } catch {
    return {}; // a hand-edited or foreign value: the table falls back to its stylesheet widths
  }
}

const storageOf = () => (typeof localStorage === 'undefined' ? undefined : localStorage);

/**
 * The desktop table's column widths as the person dragged them, per user (the key names them) in
 * localStorage, so they survive a reload on this browser. `resize` clamps to a readable range.
 */
export function useColumnWidths(key: string): {
  widths: ColumnWidths;
  resize: (column: string, width: number) => void;
} {
  const [widths, setWidths] = useState<ColumnWidths>(() => readWidths(storageOf(), key));
  const resize = useCallback(
    (column: string, width: number) =>
      setWidths((current) => {
        const next = { ...current, [column]: clamp(width) };
        storageOf()?.setItem(key, JSON.stringify(next));
        return next;
      }),
    [key],
  );
  return { widths, resize };
}
