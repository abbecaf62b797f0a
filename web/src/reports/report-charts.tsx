import type { ReportSummary } from '@finsync/shared/presentation';
import { Doughnut, Line } from 'react-chartjs-2';
import { ChartFigure } from '../charts/chart-figure.tsx';
import { chartPalette } from '../charts/chart-palette.ts';
import { chartValue } from '../charts/chart-value.ts';
import '../charts/register-charts.ts';
import { moneyDataset } from '../charts/money-dataset.ts';
import { useChartAxes, useMonthLabels } from '../charts/use-chart-axes.ts';
import { useMoney } from '../money/use-money.ts';
import { useSession } from '../session/session-context.tsx';

/** The period's spending by category group, as a donut with the same figures as a table. */
export function GroupDonut({ summary }: { summary: ReportSummary }) {
  const money = useMoney();
  const { user } = useSession();
  const { theme, legend } = useChartAxes();
  const parts = summary.byGroup.filter((g) => g.spentMinor > 0);
  const c = summary.currency;
  const share = (bps: number) =>
    new Intl.NumberFormat(user?.locale, { style: 'percent', maximumFractionDigits: 1 }).format(bps / 10_000);
  const top = parts[0];
  return (
    <ChartFigure
      name="report-groups"
      title="Spending by group"
      summary={
        top
          ? `Spending in ${parts.length} groups; largest ${top.name} at ${money(top.spentMinor, c)} (${share(top.shareBps)}).`
          : 'No spending in this period.'
      }
      columns={[
        { header: 'Group', cell: (g) => g.name },
        { header: 'Spent', numeric: true, cell: (g) => money(g.spentMinor, c) },
        { header: 'Share', numeric: true, cell: (g) => share(g.shareBps) },
      ]}
      rows={parts}
      legend={parts.map((g, i) => ({
        label: g.name,
        color: chartPalette(theme)[i % 10] ?? 'currentColor',
        value: share(g.shareBps),
      }))}
    >
      <Doughnut
        role="presentation"
        data={{
          labels: parts.map((g) => g.name),
          datasets: [
            {
              data: parts.map((g) => chartValue(g.spentMinor, c)),
              backgroundColor: parts.map((_, i) => chartPalette(theme)[i % 10]),
              borderWidth: 0,
            },
          ],
        }}
        options={{
          cutout: '62%',
          plugins: {
            legend: { ...legend, display: false },
            tooltip: {
              callbacks: {
                label: (ctx) => `${ctx.label}: ${money(parts[ctx.dataIndex]?.spentMinor ?? 0, c)}`,
              },
            },
          },
        }}
      />
    </ChartFigure>
  );
}

/** Month totals of the trend window: spent, income and the rolling average of spending. */
export function MonthlyTotals({ summary }: { summary: ReportSummary }) {
  const money = useMoney();
  const { theme, manySeries } = useChartAxes({ beginAtZero: true });
  const rows = summary.trends.totals;
  const c = summary.currency;
  const labels = useMonthLabels(rows.map((r) => r.month));
  const palette = chartPalette(theme);
  return (
    <ChartFigure
      name="report-trend"
      title="Monthly trend"
      summary={`Spending and income over ${rows.length} months with a ${summary.trends.rollingWindow}-month rolling average of spending${summary.trends.lastMonthPartial ? '; the last month is partial' : ''}.`}
      columns={[
        { header: 'Month', cell: (_, i) => labels[i] },
        { header: 'Spent', numeric: true, cell: (r) => money(r.spentMinor, c) },
        { header: 'Income', numeric: true, cell: (r) => money(r.incomeMinor, c) },
        {
          header: 'Spent, rolling average',
          numeric: true,
          cell: (r) => money(r.spentRollingAverageMinor, c),
        },
      ]}
      rows={rows}
    >
      <Line
        role="presentation"
        data={{
          labels,
          datasets: [
            moneyDataset('Spent', rows, (r) => r.spentMinor, c, palette[1]),
            moneyDataset('Income', rows, (r) => r.incomeMinor, c, palette[0]),
            {
              ...moneyDataset(
                'Spent, rolling average',
                rows,
                (r) => r.spentRollingAverageMinor,
                c,
                palette[9],
              ),
              borderDash: [6, 4],
            },
          ],
        }}
        options={manySeries((series, i) => {
          const r = rows[i];
          if (!r) return '';
          return money([r.spentMinor, r.incomeMinor, r.spentRollingAverageMinor][series] ?? 0, c);
        })}
      />
    </ChartFigure>
  );
}

/**
 * Net worth (assets minus liabilities) over the period and its change, from the bank's balances or, before the
 * first of them, balances worked back through the transactions (marked estimated).
 */
export function NetWorthLine({ summary }: { summary: ReportSummary }) {
  const money = useMoney();
  const { theme, oneSeries } = useChartAxes();
  const points = summary.balances.netWorth;
  const change = summary.balances.netWorthChange;
  const c = summary.currency;
  if (points.length === 0) {
    return (
      <section className="card stack" aria-labelledby="nw-h">
        <h2 id="nw-h">Net worth</h2>
        <p className="muted">
          No balance history for this period yet; it builds up as finsync syncs each day.
        </p>
      </section>
    );
  }
  const last = points.at(-1)!;
  const changeText = change
    ? `${change.changeMinor >= 0 ? 'Up' : 'Down'} ${money(Math.abs(change.changeMinor), c)} over the period, from ${money(change.openingMinor, c)} to ${money(change.closingMinor, c)}${change.estimated ? ' (estimated)' : ''}.`
    : '';
  return (
    <ChartFigure
      name="report-net-worth"
      title="Net worth"
      summary={`Net worth on ${points.length} days, ending at ${money(last.netWorthMinor, c)} on ${last.date}. ${changeText}`.trim()}
      lead={change ? <p data-net-worth-change>{changeText}</p> : null}
      columns={[
        { header: 'Date', cell: (p) => (p.estimated ? `${p.date} (estimated)` : p.date) },
        { header: 'Assets', numeric: true, cell: (p) => money(p.assetsMinor, c) },
        { header: 'Liabilities', numeric: true, cell: (p) => money(p.liabilitiesMinor, c) },
        { header: 'Net worth', numeric: true, cell: (p) => money(p.netWorthMinor, c) },
      ]}
      rows={points}
    >
      <Line
        role="presentation"
        data={{
          labels: points.map((p) => p.date),
          datasets: [moneyDataset('Net worth', points, (p) => p.netWorthMinor, c, chartPalette(theme)[2])],
        }}
        options={oneSeries((i) => money(points[i]?.netWorthMinor ?? 0, c))}
      />
    </ChartFigure>
  );
}
