import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { ReportListItem } from '../api/contract-types.ts';
import { periodComparison, periodLabel } from '../dates/dashboard-period.ts';
import { todayIn } from '../dates/period.ts';
import { PeriodCustomRange, PeriodNav, usePeriodChoice } from '../dates/period-picker.tsx';
import { useSession, useUser } from '../session/session-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState, QueryError } from '../ui/error-state.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { reportTitle, saveBlob } from './report-format.ts';
import { ReportBody } from './report-page.tsx';

const POLL_MS = 1500;
const GIVE_UP_MS = 3 * 60_000;

/** Reports: generate one now, the list (newest period first), view and PDF download. */
export default function ReportsPage() {
  useDocumentTitle('Reports');
  const api = useApi();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'weekly' | 'monthly'>('weekly');
  // While a generation is queued: when it was asked for, so the list is polled until a newer report shows.
  const [waitingSince, setWaitingSince] = useState<number | null>(null);
  const reports = useQuery({
    queryKey: ['reports'],
    queryFn: () => api.reports.list(),
    refetchInterval: waitingSince === null ? false : POLL_MS,
  });
  const generate = useMutation({
    mutationFn: () => api.reports.generate({ kind }),
    onMutate: () => {
      setSlow(false);
      setWaitingSince(Date.now());
    },
    onError: () => setWaitingSince(null),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['reports'] }),
  });
  const list = reports.data?.reports ?? [];
  const arrived =
    waitingSince !== null && list.some((r) => Date.parse(r.generatedAt) >= waitingSince - 5_000);
  const gaveUp = waitingSince !== null && !arrived && Date.now() - waitingSince > GIVE_UP_MS;
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (waitingSince !== null && (arrived || gaveUp)) {
      setSlow(gaveUp);
      setWaitingSince(null);
    }
  }, [waitingSince, arrived, gaveUp]);

  return (
    <div className="stack">
      <h1>Reports</h1>
      <p>Weekly and monthly summaries of your spending, with charts and a PDF to keep.</p>
      <form
        className="card row"
        aria-label="Generate a report"
        onSubmit={(e) => {
          e.preventDefault();
          generate.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="report-kind">Period</label>
          <select
            id="report-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as 'weekly' | 'monthly')}
            style={{ width: 'auto' }}
          >
            <option value="weekly">Last full week</option>
            <option value="monthly">Last month</option>
          </select>
        </div>
        <button type="submit" className="primary" disabled={waitingSince !== null}>
          Generate report
        </button>
        <p role="status" aria-live="polite" className="small">
          {waitingSince !== null ? 'Generating your report; it appears below when it is ready…' : ''}
          {slow ? 'The report is taking longer than usual; it will appear here when done.' : ''}
        </p>
      </form>
      {generate.error ? <ErrorState error={generate.error} what="the report request" /> : null}
      <QueryError query={reports} what="your reports" />
      {reports.isPending ? <Skeleton height={200} label="Loading reports" /> : null}
      {reports.data && list.length === 0 ? (
        <div className="card">
          <EmptyState title="No reports yet">
            <p>
              finsync writes a weekly report on your report day (set it in Settings). Generate one now to see
              it straight away.
            </p>
          </EmptyState>
        </div>
      ) : null}
      {list.length > 0 ? (
        <ul className="plain card" aria-label="Your reports">
          {list.map((r) => (
            <ReportRow key={r.id} report={r} locale={user?.locale} />
          ))}
        </ul>
      ) : null}
      <AnyPeriod />
    </div>
  );
}

/**
 * The report of any period, computed now from the ledger (nothing stored): picked with the dashboard's own
 * period controls (month, week or a custom range, stepped with ‹ ›), up to today.
 */
function AnyPeriod() {
  const api = useApi();
  const user = useUser();
  const today = todayIn(user.timezone, new Date());
  const choice = usePeriodChoice(today);
  const label = periodLabel(choice.chosen, user.locale);
  const { current } = periodComparison(choice.chosen, today);
  const report = useQuery({
    queryKey: ['period-summary', current.from, current.to],
    queryFn: ({ signal }) => api.reports.periodSummary(current.from, current.to, signal),
  });
  return (
    <section className="stack" aria-labelledby="any-period-h" data-any-period>
      <div className="page-head">
        <h2 id="any-period-h">Any period</h2>
        <PeriodNav choice={choice} today={today} label={label} />
      </div>
      <PeriodCustomRange choice={choice} today={today} />
      {report.error ? (
        <ErrorState error={report.error} what={`the report for ${label}`} onRetry={() => report.refetch()} />
      ) : null}
      {report.isPending ? <Skeleton height={320} label={`Loading the report for ${label}`} /> : null}
      {report.data ? <ReportBody summary={report.data.summary} /> : null}
    </section>
  );
}

function ReportRow({ report, locale }: { report: ReportListItem; locale: string | undefined }) {
  const api = useApi();
  const title = reportTitle(report, locale);
  const download = useMutation({
    mutationFn: () => api.reports.pdf(report.id),
    onSuccess: ({ blob, filename }) => saveBlob(blob, filename ?? `finsync-report-${report.periodStart}.pdf`),
  });
  return (
    <li data-report={report.id}>
      <span>
        <Link to={`/reports/${report.id}`}>{title}</Link>
        <br />
        <span className="small muted">Made {new Date(report.generatedAt).toLocaleString(locale)}</span>
      </span>
      <span className="stack" style={{ alignItems: 'flex-end' }}>
        {report.pdfBytes ? (
          <button
            type="button"
            onClick={() => download.mutate()}
            disabled={download.isPending}
            aria-label={`Download PDF of ${title}`}
          >
            Download PDF
          </button>
        ) : (
          <span className="small muted">No PDF</span>
        )}
        {download.error ? <ErrorState error={download.error} what="the PDF" /> : null}
      </span>
    </li>
  );
}
