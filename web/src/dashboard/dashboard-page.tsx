import { describeComparison } from '@finsync/shared/presentation';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { Account, DashboardSummary } from '../api/contract-types.ts';
import { BudgetCard } from '../budgets/budget-card.tsx';
import { periodComparison, periodLabel } from '../dates/dashboard-period.ts';
import { lastTwelveMonths, todayIn } from '../dates/period.ts';
import { PeriodCustomRange, PeriodNav, usePeriodChoice } from '../dates/period-picker.tsx';
import { useMoney } from '../money/use-money.ts';
import { formatBps } from '../reports/report-format.ts';
import { useUser } from '../session/session-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState, QueryError } from '../ui/error-state.tsx';
import { PageHead } from '../ui/page-head.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { CategoryDonut } from './category-donut.tsx';
import { CashFlowBars, SpendingTrend } from './monthly-trend.tsx';
import { accountBalance, netWorthByCurrency } from './net-worth.ts';
import { PeriodInsights } from './period-insights.tsx';

export default function DashboardPage() {
  const api = useApi();
  const user = useUser();
  const today = todayIn(user.timezone, new Date());
  const choice = usePeriodChoice(today);
  const { chosen } = choice;
  const period = periodComparison(chosen, today);
  const label = periodLabel(chosen, user.locale);
  const year = lastTwelveMonths(period.current.to);
  const kind = chosen.kind === 'week' ? 'weekly' : chosen.kind === 'month' ? 'monthly' : 'custom';

  const current = useQuery({
    queryKey: ['dashboard', period.current],
    queryFn: ({ signal }) => api.dashboard.summary(period.current.from, period.current.to, signal),
  });
  const previous = useQuery({
    queryKey: ['dashboard', period.previous],
    queryFn: ({ signal }) => api.dashboard.summary(period.previous.from, period.previous.to, signal),
  });
  const trend = useQuery({
    queryKey: ['dashboard', year],
    queryFn: ({ signal }) => api.dashboard.summary(year.from, year.to, signal),
  });
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: () => api.accounts.list() });

  const noAccounts = accounts.data && accounts.data.accounts.length === 0;

  return (
    <div className="stack">
      <PageHead title="Dashboard">
        <PeriodNav choice={choice} today={today} label={label} />
      </PageHead>
      <PeriodCustomRange choice={choice} today={today} />
      {noAccounts ? (
        <div className="card">
          <EmptyState title="No bank linked yet">
            <p>Link a bank account and finsync will fill this page with your spending, income and trends.</p>
            <Link className="button primary" to="/onboarding">
              Link a bank
            </Link>
          </EmptyState>
        </div>
      ) : null}
      <section aria-label={`${label} at a glance`} className="grid-3">
        {HEADLINES.map((figure) => (
          <StatCard
            key={figure.field}
            {...figure}
            current={current.data}
            previous={previous.data}
            periodKind={kind}
          />
        ))}
      </section>
      <QueryError query={current} what="this period's figures" />
      <div className="grid">
        {current.data ? (
          <CategoryDonut summary={current.data} />
        ) : (
          <ChartSkeleton title="Spending by category" />
        )}
        {trend.data ? (
          <SpendingTrend summary={trend.data} />
        ) : (
          <ChartSkeleton title="Spending, last 12 months" />
        )}
        {trend.data ? <CashFlowBars summary={trend.data} /> : <ChartSkeleton title="Cash flow" />}
        <QueryError query={trend} what="the 12-month trend" />
        <AccountsCard accounts={accounts.data?.accounts} error={accounts.error} />
        {noAccounts ? null : <BudgetCard month={period.current.to.slice(0, 7)} />}
        {noAccounts ? null : <PeriodInsights range={period.current} label={label} />}
      </div>
    </div>
  );
}

/** The period's headline figures, each against the period before (less spending is the better way). */
const HEADLINES = [
  { label: 'Spent', field: 'spentMinor', lowerIsBetter: true },
  { label: 'Income', field: 'incomeMinor' },
  { label: 'Net', field: 'netMinor' },
] as const;

function StatCard({
  label,
  field,
  current,
  previous,
  periodKind,
  lowerIsBetter = false,
}: {
  label: string;
  field: 'spentMinor' | 'incomeMinor' | 'netMinor';
  current: DashboardSummary | undefined;
  previous: DashboardSummary | undefined;
  periodKind: 'weekly' | 'monthly' | 'custom';
  lowerIsBetter?: boolean;
}) {
  const money = useMoney();
  const user = useUser();
  const locale = user.locale;
  if (!current) {
    return (
      <div className="card stack" aria-busy="true">
        <span className="muted">{label}</span>
        <Skeleton height="2.4rem" width="60%" />
        <Skeleton height="1.3rem" width="80%" />
      </div>
    );
  }
  const value = current[field];
  const deltaMinor = previous ? value - previous[field] : null;
  const better = deltaMinor !== null && (lowerIsBetter ? deltaMinor < 0 : deltaMinor > 0);
  const c = current.currency;
  return (
    <div className="card stack" data-stat={field}>
      <span className="muted">{label}</span>
      <span className="figure-value">{money(value, current.currency)}</span>
      <span className={`small ${deltaMinor ? (better ? 'change-down' : 'change-up') : 'muted'}`}>
        {previous
          ? describeComparison(
              {
                current: value,
                reference: previous[field],
                currency: c,
                figure: ({ spentMinor: 'spent', incomeMinor: 'income', netMinor: 'net' } as const)[field],
                kind: periodKind,
                compared: { with: 'previous' },
              },
              {
                money: (minor) => money(minor, c),
                signedMoney: (minor) => money(minor, c, { signDisplay: 'exceptZero' }),
                signedPercent: (bps) => formatBps(bps, locale) ?? '',
              },
            )
          : '\u00a0'}
      </span>
    </div>
  );
}

function ChartSkeleton({ title }: { title: string }) {
  return (
    <div className="card stack" aria-busy="true">
      <h2>{title}</h2>
      <Skeleton height={260} label={`Loading ${title.toLowerCase()}`} />
      <Skeleton height="1.5rem" width={120} />
    </div>
  );
}

function AccountsCard({ accounts, error }: { accounts: Account[] | undefined; error: Error | null }) {
  const money = useMoney();
  const user = useUser();
  const worth = accounts ? netWorthByCurrency(accounts, user.currency) : [];
  return (
    <section className="card stack" aria-labelledby="accounts-h">
      <h2 id="accounts-h">Accounts and net worth</h2>
      {error ? <ErrorState error={error} what="accounts" /> : null}
      {!accounts && !error ? <Skeleton height={180} label="Loading accounts" /> : null}
      {accounts && accounts.length === 0 ? (
        <EmptyState title="No accounts yet">
          <Link to="/onboarding">Link a bank</Link> to see balances here.
        </EmptyState>
      ) : null}
      {worth.map((w) => (
        <div key={w.currency}>
          <p className="row" style={{ justifyContent: 'space-between' }}>
            <span>Net worth{worth.length > 1 ? ` (${w.currency})` : ''}</span>
            <strong className="figure-value" data-net-worth={w.currency}>
              {money(w.netMinor, w.currency)}
            </strong>
          </p>
          <p className="small muted" data-net-worth-parts={w.currency}>
            Assets {money(w.assetsMinor, w.currency)} − debts {money(w.liabilitiesMinor, w.currency)}
          </p>
        </div>
      ))}
      {accounts && accounts.length > 0 ? (
        <ul className="plain">
          {accounts
            .filter((a) => !a.hidden)
            .map((a) => {
              const balance = accountBalance(a);
              return (
                <li key={a.id} data-account-side={a.side}>
                  <span>
                    {a.name}
                    {a.mask ? <span className="muted small"> ••{a.mask}</span> : null}
                    {balance.label ? <span className="muted small"> · {balance.label}</span> : null}
                  </span>
                  <span className="amount">
                    {balance.minor === null ? '—' : money(balance.minor, a.currency)}
                  </span>
                </li>
              );
            })}
        </ul>
      ) : null}
    </section>
  );
}
