import { formatDate } from '@finsync/shared/presentation';
import { useQuery } from '@tanstack/react-query';
import { Line } from 'react-chartjs-2';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { NetWorthHistory } from '../api/contract-types.ts';
import { ChartFigure } from '../charts/chart-figure.tsx';
import { chartPalette } from '../charts/chart-palette.ts';
import '../charts/register-charts.ts';
import { useChartAxes } from '../charts/use-chart-axes.ts';
import { useMoney } from '../money/use-money.ts';
import { useSession } from '../session/session-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { QueryError } from '../ui/error-state.tsx';
import { PageHead } from '../ui/page-head.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import '../budgets/budgets.css';
import { moneyDataset } from '../charts/money-dataset.ts';

type Total = NetWorthHistory['totals'][number];
type AccountLine = NetWorthHistory['accounts'][number];

/**
 * Net worth over time: assets minus what is owed on cards and loans, per day since the oldest transaction
 * (there from the first sync on, walked back from today's balances), in total and per account.
 */
export default function NetWorthPage() {
  const api = useApi();
  const history = useQuery({ queryKey: ['net-worth'], queryFn: () => api.netWorth.history() });
  return (
    <div className="stack">
      <PageHead title="Net worth" />
      <QueryError query={history} what="your net worth" />
      {history.data ? (
        <NetWorthBody history={history.data} />
      ) : history.error ? null : (
        <Skeleton height="12rem" />
      )}
    </div>
  );
}

function NetWorthBody({ history }: { history: NetWorthHistory }) {
  if (history.accounts.length === 0) {
    return (
      <EmptyState title="No balances yet">
        <p>
          <Link to="/connections">Link a bank</Link> or add an account: its history shows here from the first
          sync.
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      {history.totals.map((t) => (
        <TotalSection key={t.currency} total={t} />
      ))}
      {history.estimated ? (
        <p className="small muted">
          Estimated days are worked back from today's balances through your transactions; days a bank reported
          a balance use it instead.
        </p>
      ) : null}
      <Accounts history={history} />
    </>
  );
}

function TotalSection({ total }: { total: Total }) {
  const money = useMoney();
  const { user } = useSession();
  const { theme, oneSeries } = useChartAxes();
  const c = total.currency;
  const first = total.points[0];
  const last = total.points.at(-1);
  if (!first || !last) return null;
  const change = last.netMinor - first.netMinor;
  const day = (d: string) => formatDate(d, user?.locale);
  return (
    <>
      <section className="card stack" aria-label={`Net worth in ${c}`} data-net-worth={c}>
        <p className="small muted">
          Net worth ({c}) on {day(last.date)}
        </p>
        <p className="figure-value">{money(last.netMinor, c)}</p>
        <p className="budget-words">
          Assets {money(last.assetsMinor, c)} · debts {money(-last.liabilitiesMinor, c)} ·{' '}
          {change >= 0 ? 'up' : 'down'} {money(Math.abs(change), c)} since {day(first.date)}
        </p>
      </section>
      <ChartFigure
        name="net-worth"
        title={`Net worth over time (${c})`}
        summary={`Net worth on ${total.points.length} days from ${day(first.date)} to ${day(last.date)}, from ${money(first.netMinor, c)} to ${money(last.netMinor, c)}.`}
        columns={[
          { header: 'Date', cell: (p) => day(p.date) },
          { header: 'Assets', numeric: true, cell: (p) => money(p.assetsMinor, c) },
          { header: 'Debts', numeric: true, cell: (p) => money(-p.liabilitiesMinor, c) },
          { header: 'Net worth', numeric: true, cell: (p) => money(p.netMinor, c) },
          { header: 'Source', cell: (p) => (p.estimated ? 'estimated' : 'reported') },
        ]}
        rows={total.points.slice().reverse()}
      >
        <Line
          data={{
            labels: total.points.map((p) => day(p.date)),
            datasets: [
              {
                ...moneyDataset('Net worth', total.points, (p) => p.netMinor, c, chartPalette(theme)[2]),
                pointRadius: 0,
              },
            ],
          }}
          options={oneSeries((i) => {
            const p = total.points[i];
            return p ? `${money(p.netMinor, c)}${p.estimated ? ' (estimated)' : ''}` : '';
          })}
        />
      </ChartFigure>
    </>
  );
}

function Accounts({ history }: { history: NetWorthHistory }) {
  const money = useMoney();
  const line = (a: AccountLine) => {
    const first = a.points[0];
    const last = a.points.at(-1);
    // A card or loan is a debt: shown negative, as it counts in net worth.
    const signed = (minor: number) => (a.side === 'liability' ? -minor : minor);
    return (
      <li key={a.accountId} className="suggestion-row">
        <span className="budget-name">
          {a.name}
          {a.side === 'liability' ? <span className="badge"> debt</span> : null}
        </span>
        <span className="amount">
          {last ? money(signed(last.balanceMinor), a.currency) : '—'}
          {first && last && first.date !== last.date ? (
            <span className="small muted"> (was {money(signed(first.balanceMinor), a.currency)})</span>
          ) : null}
        </span>
      </li>
    );
  };
  return (
    <section className="card stack" aria-labelledby="nw-accounts">
      <h2 id="nw-accounts">Accounts</h2>
      <ul className="budget-list">{history.accounts.map(line)}</ul>
    </section>
  );
}
