import {
  type ComparedWith,
  type ComparisonFormat,
  countedSentence,
  describeComparison,
  type ReportSummary,
} from '@finsync/shared/presentation';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/api-error.ts';
import { BudgetProgress } from '../budgets/budget-progress.tsx';
import { useFormatDay } from '../dates/use-format-day.ts';
import { useMoney } from '../money/use-money.ts';
import { useSession } from '../session/session-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { MoneyList } from '../ui/money-list.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { GroupDonut, MonthlyTotals, NetWorthLine } from './report-charts.tsx';
import { formatBps, reportTitle, saveBlob } from './report-format.ts';

/** One report, interactive; reachable from the email's link (`?t=`), which asks for sign-in first when logged out. */
export default function ReportPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('t') ?? undefined;
  const api = useApi();
  const { user } = useSession();
  const report = useQuery({
    queryKey: ['report', id, token],
    queryFn: () => api.reports.get(id, token),
    retry: false,
  });
  const title = report.data ? reportTitle(report.data, user?.locale) : 'Report';
  useDocumentTitle(title);
  const download = useMutation({
    mutationFn: () => api.reports.pdf(id, token),
    onSuccess: ({ blob, filename }) => saveBlob(blob, filename ?? 'finsync-report.pdf'),
  });
  const summary = report.data?.summary;

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{title}</h1>
        {report.data?.pdfBytes ? (
          <button
            type="button"
            className="primary"
            onClick={() => download.mutate()}
            disabled={download.isPending}
          >
            Download PDF
          </button>
        ) : null}
      </div>
      <Link to="/reports">All reports</Link>
      {download.error ? <ErrorState error={download.error} what="the PDF" /> : null}
      {report.error ? <ReportError error={report.error} /> : null}
      {report.isPending ? <Skeleton height={480} label="Loading the report" /> : null}
      {summary ? <ReportBody summary={summary} /> : null}
    </div>
  );
}

function ReportError({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.status === 404)
    return (
      <div className="card">
        <EmptyState title="Report not found">
          <p>
            It may have been replaced by a newer run, or it belongs to another account. See all your reports.
          </p>
        </EmptyState>
      </div>
    );
  if (error instanceof ApiError && (error.status === 403 || error.status === 401))
    return (
      <div className="alert error" role="alert">
        <strong>This link is not valid for you.</strong> It may have expired or belong to another account.
        Open the report from your list instead.
      </div>
    );
  return <ErrorState error={error} what="this report" />;
}

/** A report's figures, charts and lists: a stored report's, or any period's computed on demand. */
export function ReportBody({ summary }: { summary: ReportSummary }) {
  const money = useMoney();
  const day = useFormatDay();
  const { user } = useSession();
  const c = summary.currency;
  const pct = (bps: number | null) => formatBps(bps, user?.locale);
  const format: ComparisonFormat = {
    money: (minor) => money(minor, c),
    signedMoney: (minor) => money(minor, c, { signDisplay: 'exceptZero' }),
    signedPercent: (bps) => pct(bps) ?? '',
  };
  const compare = (
    figure: 'spent' | 'income' | 'net',
    current: number,
    reference: number,
    compared: ComparedWith,
  ) => describeComparison({ current, reference, currency: c, figure, kind: summary.kind, compared }, format);
  const figures = [
    {
      label: 'Spent',
      figure: 'spent' as const,
      value: summary.headline.spentMinor,
      previous: summary.previous.spentMinor,
      average: summary.trailingAverage.spentMinor,
      vsPrev: summary.change.spentVsPrevious,
      lowerIsBetter: true,
    },
    {
      label: 'Income',
      figure: 'income' as const,
      value: summary.headline.incomeMinor,
      previous: summary.previous.incomeMinor,
      average: summary.trailingAverage.incomeMinor,
      vsPrev: summary.change.incomeVsPrevious,
      lowerIsBetter: false,
    },
    {
      label: 'Net',
      figure: 'net' as const,
      value: summary.headline.netMinor,
      previous: summary.previous.netMinor,
      average: summary.trailingAverage.netMinor,
      vsPrev: summary.change.netVsPrevious,
      lowerIsBetter: false,
    },
  ];
  return (
    <>
      <p className="muted">
        {summary.headline.transactionCount} transactions, {day(summary.period.start)} to{' '}
        {day(summary.period.end)} ({summary.period.timezone}).
      </p>
      <section aria-label="Headline figures" className="grid-3">
        {figures.map((f) => {
          const better = f.lowerIsBetter ? f.vsPrev.deltaMinor < 0 : f.vsPrev.deltaMinor > 0;
          return (
            <div key={f.label} className="card stack" data-report-figure={f.label.toLowerCase()}>
              <span className="muted">{f.label}</span>
              <span className="figure-value">{money(f.value, c)}</span>
              <span
                className={`small ${f.vsPrev.deltaMinor === 0 ? 'muted' : better ? 'change-down' : 'change-up'}`}
              >
                {compare(f.figure, f.value, f.previous, { with: 'previous' })}
              </span>
              <span className="small muted">
                {compare(f.figure, f.value, f.average, {
                  with: 'average',
                  periods: summary.trailingAverage.periods,
                })}
              </span>
            </div>
          );
        })}
      </section>
      <div className="grid">
        <GroupDonut summary={summary} />
        <MonthlyTotals summary={summary} />
        <NetWorthLine summary={summary} />
        <section className="card wide stack" aria-labelledby="rc-h">
          <h2 id="rc-h">By category</h2>
          {summary.byCategory.length === 0 ? (
            <p className="muted">No spending in this period.</p>
          ) : (
            <TableScroll label="Spending by category">
              <table className="data">
                <caption className="visually-hidden">Spending by category</caption>
                <thead>
                  <tr>
                    <th scope="col">Category</th>
                    <th scope="col" className="amount">
                      Spent
                    </th>
                    <th scope="col" className="amount">
                      Share
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {summary.byCategory.map((row) => (
                    <tr key={row.categoryId ?? 'none'}>
                      <td>
                        {row.name}
                        {row.groupName && row.groupName !== row.name ? (
                          <span className="small muted block">{row.groupName}</span>
                        ) : null}
                      </td>
                      <td className="amount">{money(row.spentMinor, c)}</td>
                      <td className="amount">{pct(row.shareBps)?.replace('+', '')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
        <MoneyList
          title="Top payees"
          empty="No payees in this period."
          rows={summary.topPayees.map((p) => ({
            key: p.name,
            label: p.name,
            detail: `${p.count} transaction${p.count === 1 ? '' : 's'}`,
            value: money(p.spentMinor, c),
          }))}
        />
        <MoneyList
          title="Largest transactions"
          empty="No transactions in this period."
          rows={summary.largestTransactions.map((t) => ({
            key: t.id,
            label: t.name,
            detail: `${day(t.date)} · ${t.categoryName} · ${t.accountName}`,
            value: money(t.amountMinor, c),
          }))}
        />
        {summary.budgets?.length ? (
          <section className="card stack" aria-label="Budgets">
            <h2>Budgets for {summary.budgets[0]!.month}</h2>
            <p className="muted small">
              As of {day(summary.period.end)}, counted the same way as the figures above.
            </p>
            <ul className="budget-list">
              {summary.budgets.map((b) => (
                <li key={b.id}>
                  <BudgetProgress budget={b} currency={c} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <MoneyList
          title="Bills coming up"
          empty="No bills due soon."
          rows={summary.recurring.dueNext.map((r) => ({
            key: `${r.seriesId}-${r.date}`,
            label: r.payee,
            detail: `${day(r.date)} · ${r.cadence}`,
            value: money(r.expectedMinor, c),
          }))}
        />
        <MoneyList
          title="Missed bills"
          empty="No bills missed."
          rows={summary.recurring.missed.map((r) => ({
            key: `${r.seriesId}-${r.date}`,
            label: r.payee,
            detail: `expected ${day(r.date)} · ${r.cadence}`,
            value: money(r.expectedMinor, c),
          }))}
        />
        <MoneyList
          title="Price changes"
          empty="No recurring payment changed price."
          rows={summary.recurring.priceChanges.map((r) => ({
            key: `${r.seriesId}-${r.date}`,
            label: r.payee,
            detail: `${money(r.previousMinor, c)} → ${money(r.currentMinor, c)}`,
            value: `${money(r.deltaMinor, c, { signDisplay: 'exceptZero' })}${r.changeBps === null ? '' : ` (${pct(r.changeBps)})`}`,
          }))}
        />
        <MoneyList
          title="Unusual spending"
          empty="Nothing unusual this period."
          rows={summary.anomalies.map((a) => ({
            key: `${a.scope}-${a.name}`,
            label: a.name,
            detail: `${a.scope === 'category' ? 'category' : 'payee'}, usually ${money(a.baselineMinor, c)}`,
            value: `${money(a.currentMinor, c)} (${pct(a.changeBps)})`,
          }))}
        />
        {/* Without any balance the net-worth card already says once why; a second empty card would repeat it. */}
        {summary.balances.accounts.length > 0 || summary.balances.netWorth.length > 0 ? (
          <MoneyList
            title="Account balances"
            empty="No balances recorded."
            rows={[
              ...summary.balances.accounts.map((a) => {
                // A card or loan is a debt: shown negative, as it counts in net worth.
                const signed = (minor: number) => (a.side === 'liability' ? -minor : minor);
                return {
                  key: a.accountId,
                  label: a.name,
                  detail: `${a.side === 'liability' ? 'debt' : a.type}${a.openingMinor === null ? '' : `, was ${money(signed(a.openingMinor), c)}`}`,
                  value: a.closingMinor === null ? '—' : money(signed(a.closingMinor), c),
                };
              }),
              ...summary.balances.netWorth.slice(-1).map((p) => ({
                key: 'net-worth',
                label: 'Net worth',
                detail: `assets ${money(p.assetsMinor, c)} − debts ${money(p.liabilitiesMinor, c)}, on ${day(p.date)}`,
                value: money(p.netWorthMinor, c),
              })),
            ]}
          />
        ) : null}
      </div>
      <p className="small muted" data-counted>
        {countedSentence(summary.headline.transactionCount, summary.excluded)}
      </p>
    </>
  );
}
