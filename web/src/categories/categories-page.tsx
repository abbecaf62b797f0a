import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import type { Category } from '../api/contract-types.ts';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState } from '../ui/error-state.tsx';
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
      {categories.error ? (
        <ErrorState error={categories.error} what="categories" onRetry={() => categories.refetch()} />
      ) : null}
      {categories.isPending ? <Skeleton height={360} label="Loading categories" /> : null}
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
                      {children.map((c) => (
                        <li key={c.id}>
                          <span>{c.name}</span>
                          {c.isSystem ? (
                            <span className="muted small">built in</span>
                          ) : (
                            <span className="small">yours</span>
                          )}
                        </li>
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
