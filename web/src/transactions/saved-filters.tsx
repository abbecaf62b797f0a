import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { SavedFilter, SavedFilterSpec } from '../api/contract-types.ts';
import { ErrorState } from '../ui/error-state.tsx';
import { RenameSavedFilter } from './rename-saved-filter.tsx';

interface SavedFiltersProps {
  /** What "Save" keeps: the filter the page shows now. */
  current: SavedFilterSpec;
  /** The saved filter the page shows now, if it is one (its button is pressed). */
  isApplied: (filter: SavedFilter) => boolean;
  onApply: (filter: SavedFilter) => void;
}

const KEY = ['saved-filters'] as const;

/**
 * The person's saved filters above the transactions: one button each applies it, one renames it, one removes it, and "Save
 * this filter" keeps what the page shows now under a name (kept on the server, so every device has them).
 */
export function SavedFilters({ current, isApplied, onApply }: SavedFiltersProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const nameId = useId();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  /** The saved filter whose name is being edited. */
  const [renaming, setRenaming] = useState<string | null>(null);
  const saved = useQuery({ queryKey: KEY, queryFn: () => api.savedFilters.list() });
  const save = useMutation({
    mutationFn: () => api.savedFilters.create({ name: name.trim(), filter: current }),
    onSuccess: () => {
      setNaming(false);
      setName('');
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (filter: SavedFilter) => api.savedFilters.remove(filter.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });

  function onSave(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) save.mutate();
  }

  const filters = saved.data?.filters ?? [];
  return (
    <section className="saved-filters" aria-label="Saved filters">
      {filters.length > 0 ? (
        <ul className="saved-filter-list">
          {filters.map((f) => (
            <li key={f.id} className="saved-filter">
              {renaming === f.id ? (
                <RenameSavedFilter
                  filter={f}
                  onCancel={() => setRenaming(null)}
                  onRenamed={() => {
                    setRenaming(null);
                    void queryClient.invalidateQueries({ queryKey: KEY });
                  }}
                />
              ) : (
                <>
                  <button type="button" aria-pressed={isApplied(f)} onClick={() => onApply(f)}>
                    {f.name}
                  </button>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Rename saved filter ${f.name}`}
                    onClick={() => setRenaming(f.id)}
                  >
                    Rename
                  </button>
                  <button
                    type="button"
                    className="link remove"
                    aria-label={`Delete saved filter ${f.name}`}
                    onClick={() => remove.mutate(f)}
                    disabled={remove.isPending}
                  >
                    ×
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {naming ? (
        <form className="saved-filter-form" onSubmit={onSave}>
          <label htmlFor={nameId} className="visually-hidden">
            Name for this filter
          </label>
          <input
            id={nameId}
            value={name}
            maxLength={60}
            placeholder="Name, e.g. Groceries this month"
            onChange={(e) => setName(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the field appears because the person asked to name a filter
            autoFocus
          />
          <button type="submit" className="primary" disabled={!name.trim() || save.isPending}>
            Save
          </button>
          <button
            type="button"
            onClick={() => {
              setNaming(false);
              save.reset();
            }}
          >
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="link" onClick={() => setNaming(true)}>
          Save this filter
        </button>
      )}
      {save.error || remove.error ? (
        <p className="alert error" role="alert">
          {save.error ? 'Not saved: ' : 'Not deleted: '}
          {(save.error ?? remove.error)?.message}
        </p>
      ) : null}
      {saved.error ? (
        <ErrorState error={saved.error} what="saved filters" onRetry={() => saved.refetch()} />
      ) : null}
    </section>
  );
}
