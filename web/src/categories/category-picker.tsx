import { type KeyboardEvent, type RefObject, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CategoryGroup } from './category-groups.ts';

interface CategoryPickerProps {
  groups: readonly CategoryGroup[];
  value: string | null;
  /** Whose category it is (the payee); the button reads "Groceries, category of Blue Bottle Coffee". */
  of: string;
  onChange: (categoryId: string | null) => void;
}

interface Choice {
  id: string | null;
  name: string;
  group: string;
}

const UNCATEGORIZED: Choice = { id: null, name: 'Uncategorized', group: '' };

/**
 * A category chosen in place: one click opens a searchable list under the user's groups (no modal; on a
 * phone it rises from the bottom of the screen), one more click or Enter picks. Type to narrow, arrows to move.
 */
export function CategoryPicker({ groups, value, of, onChange }: CategoryPickerProps) {
  // Closed (one per row of a long list) it is a button and a name lookup; the list mounts only when open.
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const current = namesOf(groups).get(value ?? '') ?? null;
  return (
    <>
      <button
        ref={button}
        type="button"
        className="picker-button"
        aria-haspopup="listbox"
        aria-expanded={open}
        data-category-picker
        data-value={value ?? ''}
        onClick={() => setOpen(!open)}
      >
        <span className={current ? undefined : 'muted'}>{current ?? 'Uncategorized'}</span>
        <span className="visually-hidden">, category of {of}</span>
      </button>
      {open ? (
        <PickerList
          groups={groups}
          value={value}
          of={of}
          button={button}
          onClose={(refocus) => {
            setOpen(false);
            if (refocus) button.current?.focus();
          }}
          onChange={onChange}
        />
      ) : null}
    </>
  );
}

interface PickerListProps extends CategoryPickerProps {
  button: RefObject<HTMLButtonElement | null>;
  onClose: (refocus: boolean) => void;
}

function PickerList({ groups, value, of, button, onClose, onChange }: PickerListProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const popover = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  const q = query.trim().toLowerCase();
  const shown = useMemo(
    () =>
      groups
        .map((g) => ({
          label: g.label,
          options: g.options
            .filter((c) => !q || c.name.toLowerCase().includes(q) || g.label.toLowerCase().includes(q))
            .map((c) => ({ id: c.id, name: c.name, group: g.label })),
        }))
        .filter((g) => g.options.length > 0),
    [groups, q],
  );
  const choices: Choice[] = [
    ...(!q || UNCATEGORIZED.name.toLowerCase().includes(q) ? [UNCATEGORIZED] : []),
    ...shown.flatMap((g) => g.options),
  ];
  const optionId = (i: number) => `${id}-o${i}`;

  useLayoutEffect(() => {
    const el = popover.current;
    if (!el) return;
    el.showPopover?.();
    const rect = button.current?.getBoundingClientRect();
    // On a wide screen the list sits under the button; on a phone the stylesheet makes it a bottom sheet.
    if (rect && window.matchMedia?.('(min-width: 761px)').matches) {
      const width = Math.max(rect.width, 280);
      el.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - width - 8))}px`;
      const below = window.innerHeight - rect.bottom;
      if (below > 320) el.style.top = `${rect.bottom + 4}px`;
      else el.style.bottom = `${window.innerHeight - rect.top + 4}px`;
      el.style.width = `${width}px`;
    }
    input.current?.focus();
  }, [button]);

  function close(refocus = true) {
    popover.current?.hidePopover?.();
    onClose(refocus);
  }

  function choose(choice: Choice | undefined) {
    if (!choice) return;
    close();
    if (choice.id !== value) onChange(choice.id);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') setActive((a) => Math.min(a + 1, choices.length - 1));
    else if (event.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (event.key === 'Enter') choose(choices[active]);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
    event.stopPropagation();
  }

  let index = 0;
  const option = (c: Choice) => {
    const i = index++;
    return (
      <div
        key={c.id ?? 'none'}
        id={optionId(i)}
        role="option"
        aria-selected={c.id === value}
        data-value={c.id ?? ''}
        className={i === active ? 'picker-option active' : 'picker-option'}
        tabIndex={-1}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => choose(c)}
        onKeyDown={() => {}}
      >
        {c.name}
      </div>
    );
  };

  return (
    <div
      ref={popover}
      className="picker"
      popover="auto"
      onToggle={(e) => {
        if ((e as unknown as { newState?: string }).newState === 'closed') close(false);
      }}
    >
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Search categories"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={choices.length ? optionId(active) : undefined}
        placeholder="Search categories"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div id={`${id}-list`} role="listbox" aria-label={`Categories for ${of}`} className="picker-list">
        {!q || UNCATEGORIZED.name.toLowerCase().includes(q) ? option(UNCATEGORIZED) : null}
        {shown.map((g) => (
          // biome-ignore lint/a11y/useSemanticElements: a listbox groups its options with role=group, not fieldset
          <div key={g.label} role="group" aria-label={g.label}>
            <div className="picker-group" aria-hidden="true">
              {g.label}
            </div>
            {g.options.map(option)}
          </div>
        ))}
        {choices.length === 0 ? <p className="muted small">No category matches “{query}”.</p> : null}
      </div>
    </div>
  );
}

/** Category names by id, built once per list of groups and shared by every picker showing it. */
const names = new WeakMap<readonly CategoryGroup[], Map<string, string>>();
function namesOf(groups: readonly CategoryGroup[]): Map<string, string> {
  let map = names.get(groups);
  if (!map) {
    map = new Map(groups.flatMap((g) => g.options.map((c) => [c.id, c.name] as const)));
    names.set(groups, map);
  }
  return map;
}
