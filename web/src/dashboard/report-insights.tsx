import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { useMoney } from '../money/use-money.ts';
import { NetWorthLine } from '../reports/report-charts.tsx';
import { reportTitle } from '../reports/report-format.ts';
import { useSession } from '../session/session-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { MoneyList } from '../ui/money-list.tsx';
import { Skeleton } from '../ui/skeleton.tsx';

/**
 * Top payees, bills and net worth over time: the dashboard API does not compute these, the reports do, so
 * the dashboard shows them from the latest report and says which period they cover.
 */
export function ReportInsights() {
  const api = useApi();
  const money = useMoney();
  const { user } = useSession();
  const list = useQuery({ queryKey: ['reports'], queryFn: () => api.reports.list() });
  const latest = list.data?.reports[0];
  const report = useQuery({
    queryKey: ['report', latest?.id, undefined],
    queryFn: () => api.reports.get(latest!.id),
    enabled: !!latest,
  });
  const error = list.error ?? report.error;
  if (error)
    return <ErrorState error={error} what="your latest report" onRetry={() => void list.refetch()} />;
  if (list.data && !latest) {
    return (
      <section className="card stack" aria-labelledby="insights-h">
        <h2 id="insights-h">Top payees, bills and net worth</h2>
        <EmptyState title="Waiting for your first report">
          <p>
            These come from your weekly report. <Link to="/reports">Generate one now</Link> to see them here.
          </p>
        </EmptyState>
      </section>
    );
  }
  if (!report.data) return <Skeleton height={220} label="Loading your latest report" />;
  const summary = report.data.summary;
  const c = summary.currency;
  const source = (
    <p className="small muted">
      From your{' '}
      <Link to={`/reports/${report.data.id}`}>{reportTitle(report.data, user?.locale).toLowerCase()}</Link>.
    </p>
  );
  return (
    <>
      <div className="stack" data-insights="top-payees">
        <MoneyList
          title="Top payees"
          empty="No payees in that period."
          rows={summary.topPayees.map((p) => ({
            key: p.name,
            label: p.name,
            detail: `${p.count}×`,
            value: money(p.spentMinor, c),
          }))}
        />
        {source}
      </div>
      <div className="stack" data-insights="bills">
        <MoneyList
          title="Upcoming and missed bills"
          empty="No bills due soon and none missed."
          rows={[
            ...summary.recurring.missed.map((r) => ({
              key: `missed-${r.seriesId}-${r.date}`,
              label: `${r.payee} (missed)`,
              detail: `expected ${r.date}`,
              value: money(r.expectedMinor, c),
            })),
            ...summary.recurring.dueNext.map((r) => ({
              key: `due-${r.seriesId}-${r.date}`,
              label: r.payee,
              detail: `due ${r.date}`,
              value: money(r.expectedMinor, c),
            })),
          ]}
        />
        {source}
      </div>
      <NetWorthLine summary={summary} />
    </>
  );
}
