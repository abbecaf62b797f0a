import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { DateRange } from '../dates/period.ts';
import { useFormatDay } from '../dates/use-format-day.ts';
import { useMoney } from '../money/use-money.ts';
import { NetWorthLine } from '../reports/report-charts.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { Skeleton } from '../ui/skeleton.tsx';

/**
 * Top payees, bills and net worth for the dashboard's period: the report's own figures for that range,
 * computed on demand, so they follow the period the page shows rather than the latest stored report.
 */
export function PeriodInsights({ range, label }: { range: DateRange; label: string }) {
  const api = useApi();
  const money = useMoney();
  const day = useFormatDay();
  const query = useQuery({
    queryKey: ['period-summary', range.from, range.to],
    queryFn: ({ signal }) => api.reports.periodSummary(range.from, range.to, signal),
  });
  if (query.error)
    return (
      <ErrorState error={query.error} what="top payees and bills" onRetry={() => void query.refetch()} />
    );
  if (!query.data) return <Skeleton height={160} label="Loading top payees and bills" />;
  const summary = query.data.summary;
  const c = summary.currency;
  const bills = [
    ...summary.recurring.missed.map((r) => ({
      key: `missed-${r.seriesId}-${r.date}`,
      label: r.payee,
      detail: `missed, expected ${day(r.date)}`,
      value: money(r.expectedMinor, c),
    })),
    ...summary.recurring.dueNext.map((r) => ({
      key: `due-${r.seriesId}-${r.date}`,
      label: r.payee,
      detail: `due ${day(r.date)}`,
      value: money(r.expectedMinor, c),
    })),
  ];
  return (
    <>
      <section className="card stack" aria-labelledby="top-payees-h" data-insights="top-payees">
        <h2 id="top-payees-h">Top payees, {label}</h2>
        {summary.topPayees.length === 0 ? (
          <EmptyState title="No spending with a payee yet">
            <p>
              When money goes out in this period, the places it went show here. Check{' '}
              <Link to="/transactions">Transactions</Link> or pick another period.
            </p>
          </EmptyState>
        ) : (
          <ul className="plain">
            {summary.topPayees.map((p) => (
              <li key={p.name}>
                <span>
                  {p.name}
                  <span className="muted small"> · {p.count}×</span>
                </span>
                <span className="amount">{money(p.spentMinor, c)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card stack" aria-labelledby="bills-h" data-insights="bills">
        <h2 id="bills-h">Bills</h2>
        {bills.length === 0 ? (
          <EmptyState title="No bills due or missed">
            <p>
              finsync spots repeating payments after two or three of them. See{' '}
              <Link to="/recurring">Bills</Link> for the ones it knows.
            </p>
          </EmptyState>
        ) : (
          <ul className="plain">
            {bills.map((r) => (
              <li key={r.key}>
                <span>
                  {r.label}
                  <span className="muted small"> · {r.detail}</span>
                </span>
                <span className="amount">{r.value}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {/* With no balance history yet the accounts card's net worth says enough; no empty chart beside it. */}
      {summary.balances.netWorth.length > 0 ? <NetWorthLine summary={summary} /> : null}
    </>
  );
}
