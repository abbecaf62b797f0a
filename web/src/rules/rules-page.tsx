import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { NotAvailable } from '../ui/error-state.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';

/**
 * Rules: the shared contract has no rule routes yet, so this page shows the rule a transaction proposed
 * and says plainly that saving it is not possible on this server yet.
 */
export default function RulesPage() {
  useDocumentTitle('Rules');
  const api = useApi();
  const [params] = useSearchParams();
  const payee = params.get('payee');
  const categoryId = params.get('categoryId');
  const categories = useQuery({
    queryKey: ['categories'],
    queryFn: () => api.categories.list(),
    enabled: !!categoryId,
  });
  const category = categories.data?.categories.find((c) => c.id === categoryId);
  return (
    <div className="stack">
      <h1>Rules</h1>
      <p>
        Rules categorize new transactions for you: when a transaction matches the conditions, the actions
        apply.
      </p>
      {payee ? (
        <section className="card stack" aria-labelledby="proposed-h">
          <h2 id="proposed-h">Proposed rule</h2>
          <p>
            When the payee contains <strong>“{payee}”</strong>
            {category ? (
              <>
                , set the category to <strong>{category.name}</strong>
              </>
            ) : null}
            .
          </p>
        </section>
      ) : null}
      <NotAvailable what="the rules editor" />
    </div>
  );
}
