import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { SavedFilter } from '../api/contract-types.ts';
import { refusalMessage } from '../ui/form-errors.tsx';
import { TextField } from '../ui/text-field.tsx';

interface RenameSavedFilterProps {
  filter: SavedFilter;
  /** The server took the new name. */
  onRenamed: () => void;
  onCancel: () => void;
}

/**
 * A saved filter's name, editable in place of its button. A refusal (a name another filter has) is shown next to
 * the field, which keeps what was typed.
 */
export function RenameSavedFilter({ filter, onRenamed, onCancel }: RenameSavedFilterProps) {
  const api = useApi();
  const [name, setName] = useState(filter.name);
  const rename = useMutation({
    mutationFn: () => api.savedFilters.rename(filter.id, { name: name.trim() }),
    onSuccess: onRenamed,
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === filter.name) onCancel();
    else if (name.trim()) rename.mutate();
  }

  return (
    <form className="saved-filter-form" onSubmit={onSubmit}>
      <TextField
        label={`New name for ${filter.name}`}
        value={name}
        maxLength={60}
        onChange={(e) => setName(e.target.value)}
        error={rename.error ? refusalMessage(rename.error) : undefined}
        autoFocus
      />
      <button type="submit" className="primary" disabled={!name.trim() || rename.isPending}>
        Rename
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
