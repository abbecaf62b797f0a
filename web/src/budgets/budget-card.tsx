import { monthLabel } from '@finsync/shared/presentation';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { useMoney } from '../money/use-money.ts';
import { useUser } from '../session/session-context.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { BudgetProgress } from './budget-progress.tsx';
import './budgets.css';

/**
 * The dashboard's budget card: left to spend and the budgets furthest along, for the month of the dashboard's
 * period (budgets are monthly; a week or a custom range shows the month it ends in), so it follows the period
 * like every other card.
 */
export function BudgetCard({ month }: { month: string }) {
  const api = useApi();
  const money = useMoney();
  const user = useUser();
  const name = monthLabel(month, user.locale);
  const view = useQuery({ queryKey: ['budgets', month], queryFn: () => api.budgets.month(month) });
  if (view.error) return <ErrorState error={view.error} what="your budgets" onRetry={() => view.refetch()} />;
  if (!view.data)
    return (
      <div className="card stack" aria-busy="true" data-budget-month={month}>
        <h2>Budgets · {name}</h2>
        <Skeleton height="3rem" />
      </div>
    );
  const spending = view.data.budgets
    .filter((b) => b.kind === 'spending')
    .sort((a, b) => (b.pace.percentUsed ?? 0) - (a.pace.percentUsed ?? 0))
    .slice(0, 3);
  return (
    <section className="card stack" aria-label={`Budgets for ${name}`} data-budget-month={month}>
      <h2>Budgets · {name}</h2>
      {view.data.budgets.length === 0 ? (
        <p className="muted">
          No budgets for {name} yet. <Link to="/budgets">Set one up</Link>
        </p>
      ) : (
        <>
          <p>
            <span className="muted small">Left to spend in {name}</span>
            <br />
            <span className={`figure-value ${view.data.leftToSpendMinor < 0 ? 'change-up' : ''}`}>
              {money(view.data.leftToSpendMinor, view.data.currency)}
            </span>
          </p>
          <ul className="budget-list">
            {spending.map((b) => (
              <li key={b.id}>
                <BudgetProgress budget={b} currency={view.data.currency} />
              </li>
            ))}
          </ul>
          <Link to="/budgets">All budgets</Link>
        </>
      )}
    </section>
  );
}
