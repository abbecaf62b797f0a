import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import type { RecurringView } from '../api/contract-types.ts';
import { useMoney } from '../money/use-money.ts';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import '../budgets/budgets.css';

const EVERY = {
  weekly: 'Every week',
  biweekly: 'Every 2 weeks',
  semimonthly: 'Twice a month',
  monthly: 'Every month',
  quarterly: 'Every quarter',
  yearly: 'Every year',
} as const;

const STATUS = { active: 'Active', late: 'Late', missed: 'Missed', ended: 'Ended' } as const;

/** Recurring series (bills, subscriptions, salary) and the expected payments of the next 30 days. */
export default function RecurringPage() {
  useDocumentTitle('Recurring and bills');
  const api = useApi();
  const view = useQuery({ queryKey: ['recurring'], queryFn: () => api.recurring.view(30) });
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Recurring and bills</h1>
      </div>
      {view.error ? (
        <ErrorState error={view.error} what="your recurring payments" onRetry={() => view.refetch()} />
      ) : null}
      {view.data ? <Upcoming view={view.data} /> : <Skeleton height="6rem" />}
      {view.data ? <SeriesList view={view.data} /> : null}
    </div>
  );
}

function Upcoming({ view }: { view: RecurringView }) {
  const money = useMoney();
  const { upcoming } = view;
  return (
    <section className="card stack" aria-label="Next 30 days">
      <h2>Next 30 days</h2>
      <p>
        Expected out: <strong>{money(upcoming.outflowMinor)}</strong> · expected in:{' '}
        <strong>{money(upcoming.inflowMinor)}</strong>
      </p>
      {upcoming.occurrences.length === 0 ? (
        <p className="muted">Nothing expected in the next 30 days.</p>
      ) : null}
      <ul className="budget-list">
        {upcoming.occurrences.map((o) => (
          <li key={`${o.seriesId}-${o.date}`} className="suggestion-row">
            <span>
              <strong>{o.date}</strong> {o.payee}
              {o.overdue ? <span className="badge"> overdue</span> : null}
            </span>
            <span className={`amount ${o.direction === 'inflow' ? 'in' : ''}`}>
              {o.direction === 'inflow' ? '+' : '−'}
              {money(o.expectedMinor)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SeriesList({ view }: { view: RecurringView }) {
  const money = useMoney();
  const api = useApi();
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'confirmed' | 'dismissed' | null }) =>
      api.recurring.decide(id, { decision }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['recurring'] }),
  });
  if (view.series.length === 0)
    return (
      <div className="card">
        <EmptyState title="No recurring payments found yet">
          <p>
            finsync finds them after a few months of transactions: three or more payments to the same payee.
          </p>
        </EmptyState>
      </div>
    );
  return (
    <section className="card stack" aria-label="Every recurring series">
      <h2>Every recurring series</h2>
      <ul className="budget-list">
        {view.series.map((s) => (
          <li key={s.id} className="stack" style={{ gap: '0.2rem' }}>
            <div className="budget-head">
              <strong className="budget-name">{s.payee}</strong>
              <span className="badge">
                {s.decision === 'dismissed' ? 'Dismissed' : STATUS[s.status]}
                {s.decision === 'confirmed' ? ' · confirmed' : ''}
              </span>
            </div>
            <span className="small">
              {EVERY[s.cadence]} · {s.direction === 'inflow' ? 'in' : 'out'}{' '}
              {money(s.typicalAmountMinor, s.currency)}{' '}
              <span className="muted">
                (usually {money(s.lowMinor, s.currency)}–{money(s.highMinor, s.currency)})
              </span>
            </span>
            <span className="small muted">
              Last {s.lastDate} ({money(s.lastAmountMinor, s.currency)}) · next {s.nextExpectedDate}
            </span>
            {s.priceChange ? (
              <span className="small" data-price-change={s.payee}>
                <span className="badge">Price change</span> {s.payee} went from{' '}
                {money(s.priceChange.previousMinor, s.currency)} to{' '}
                {money(s.priceChange.currentMinor, s.currency)}
              </span>
            ) : null}
            <div className="row">
              {s.decision === null ? (
                <>
                  <button
                    type="button"
                    className="small"
                    onClick={() => decide.mutate({ id: s.id, decision: 'confirmed' })}
                  >
                    Confirm {s.payee}
                  </button>
                  <button
                    type="button"
                    className="small"
                    onClick={() => decide.mutate({ id: s.id, decision: 'dismissed' })}
                  >
                    Dismiss {s.payee}
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="small"
                  onClick={() => decide.mutate({ id: s.id, decision: null })}
                >
                  Undo {s.decision === 'dismissed' ? 'dismiss' : 'confirm'}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
