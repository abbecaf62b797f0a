import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { Category } from '../api/contract-types.ts';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState, QueryError } from '../ui/error-state.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';

const kindLabel: Record<Category['kind'], string> = {
  expense: 'Spending',
  income: 'Income',
  transfer: 'Transfers',
};

export default function CategoriesPage() {
  useDocumentTitle('Categories');
  const api = useApi();
  const categories = useQuery({ queryKey: ['categories'], queryFn: () => api.categories.list() });
  const all = categories.data?.categories ?? [];
  const groups = all.filter((c) => c.parentId === null).sort((a, b) => a.sortOrder - b.sortOrder);
  return (
    <div className="stack">
      <h1>Categories</h1>
      <p className="muted">
        Categories group your transactions in the dashboard and reports. finsync starts from Plaid's
        categories; your edits and rules take precedence.
      </p>
      <QueryError query={categories} what="categories" />
      {categories.isPending ? <Skeleton height={360} label="Loading categories" /> : null}
      {categories.data ? <AddCategory groups={groups} /> : null}
      {categories.data && all.length === 0 ? <EmptyState title="No categories yet" /> : null}
      <div className="grid">
        {(['expense', 'income', 'transfer'] as const).map((kind) => {
          const ofKind = groups.filter((g) => g.kind === kind);
          if (ofKind.length === 0) return null;
          return (
            <section key={kind} className="card stack" aria-labelledby={`cat-${kind}`}>
              <h2 id={`cat-${kind}`}>{kindLabel[kind]}</h2>
              {ofKind.map((group) => {
                const children = all
                  .filter((c) => c.parentId === group.id)
                  .sort((a, b) => a.sortOrder - b.sortOrder);
                return (
                  <details key={group.id}>
                    <summary>
                      {group.name} <span className="muted small">({children.length || 1})</span>
                      {group.hidden ? <span className="badge"> hidden</span> : null}
                    </summary>
                    <ul className="plain">
                      {(children.length ? children : [group]).map((c) => (
                        <CategoryRow key={c.id} category={c} all={all} />
                      ))}
                    </ul>
                  </details>
                );
              })}
            </section>
          );
        })}
      </div>
    </div>
  );
}

function AddCategory({ groups }: { groups: readonly Category[] }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const parent = groups.find((g) => g.id === parentId);
  const create = useMutation({
    mutationFn: () =>
      api.categories.create({
        name: name.trim(),
        parentId: parentId || null,
        kind: parent?.kind ?? 'expense',
      }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['categories'] });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate();
  }
  return (
    <form className="card row" aria-label="Add a category" onSubmit={submit}>
      <div className="field">
        <label htmlFor="new-category">New category</label>
        <input id="new-category" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="new-category-parent">In group</label>
        <select id="new-category-parent" value={parentId} onChange={(e) => setParentId(e.target.value)}>
          <option value="">(its own group, spending)</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name} ({kindLabel[g.kind].toLowerCase()})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary" disabled={!name.trim() || create.isPending}>
        Add
      </button>
      {create.error ? <ErrorState error={create.error} what="the new category" /> : null}
    </form>
  );
}

function CategoryRow({ category, all }: { category: Category; all: readonly Category[] }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [name, setName] = useState(category.name);
  const [reassignTo, setReassignTo] = useState('');
  const refresh = () => {
    setMode('view');
    void queryClient.invalidateQueries({ queryKey: ['categories'] });
    void queryClient.invalidateQueries({ queryKey: ['transactions'] });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  };
  const update = useMutation({
    mutationFn: (patch: { name?: string; hidden?: boolean }) => api.categories.update(category.id, patch),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => api.categories.remove(category.id, reassignTo || null),
    onSuccess: refresh,
  });
  const targets = all.filter((c) => c.id !== category.id && !c.isGroup && !c.hidden);
  return (
    <li className="stack" style={{ alignItems: 'stretch' }} data-category={category.name}>
      {mode === 'rename' ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) update.mutate({ name: name.trim() });
          }}
        >
          <label className="visually-hidden" htmlFor={`rename-${category.id}`}>
            New name for {category.name}
          </label>
          <input
            id={`rename-${category.id}`}
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="primary" disabled={update.isPending}>
            Save
          </button>
          <button type="button" onClick={() => setMode('view')}>
            Cancel
          </button>
        </form>
      ) : (
        <span className="row" style={{ justifyContent: 'space-between' }}>
          <span>
            {category.name} {category.hidden ? <span className="badge">hidden</span> : null}{' '}
            <span className="muted small">{category.isSystem ? 'built in' : 'yours'}</span>
          </span>
          <span className="row">
            <button
              type="button"
              className="link"
              onClick={() => setMode('rename')}
              aria-label={`Rename ${category.name}`}
            >
              Rename
            </button>
            <button
              type="button"
              className="link"
              onClick={() => update.mutate({ hidden: !category.hidden })}
              aria-label={`${category.hidden ? 'Show' : 'Hide'} ${category.name}`}
            >
              {category.hidden ? 'Show' : 'Hide'}
            </button>
            {category.isSystem ? null : (
              <button
                type="button"
                className="link"
                onClick={() => setMode('delete')}
                aria-label={`Delete ${category.name}`}
              >
                Delete
              </button>
            )}
          </span>
        </span>
      )}
      {mode === 'delete' ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            remove.mutate();
          }}
        >
          <label htmlFor={`move-${category.id}`}>Move its transactions to</label>
          <select
            id={`move-${category.id}`}
            value={reassignTo}
            onChange={(e) => setReassignTo(e.target.value)}
          >
            <option value="">To review (uncategorized)</option>
            {targets.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button type="submit" className="danger" disabled={remove.isPending}>
            Delete {category.name}
          </button>
          <button type="button" onClick={() => setMode('view')}>
            Cancel
          </button>
        </form>
      ) : null}
      {update.error ? <ErrorState error={update.error} what="the change" /> : null}
      {remove.error ? <ErrorState error={remove.error} what="the deletion" /> : null}
      {remove.data ? <p role="status">Moved {remove.data.moved} transactions.</p> : null}
    </li>
  );
}
