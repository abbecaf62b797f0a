import { Bar, Line } from 'react-chartjs-2';
import type { DashboardSummary } from '../api/contract-types.ts';
import { ChartFigure } from '../charts/chart-figure.tsx';
import { chartPalette } from '../charts/chart-palette.ts';
import '../charts/register-charts.ts';
import { moneyDataset } from '../charts/money-dataset.ts';
import { useChartAxes, useMonthLabels } from '../charts/use-chart-axes.ts';
import { useMoney } from '../money/use-money.ts';

/** Twelve months of spending as a line. */
export function SpendingTrend({ summary }: { summary: DashboardSummary }) {
  const money = useMoney();
  const { theme, oneSeries } = useChartAxes({ beginAtZero: true });
  const points = summary.trend.points;
  const labels = useMonthLabels(points.map((p) => p.bucket));
  const highest = points.reduce((m, p) => (p.spentMinor > (m?.spentMinor ?? -1) ? p : m), points[0]);
  return (
    <ChartFigure
      name="spending-trend"
      title="Spending, last 12 months"
      summary={
        highest
          ? `Monthly spending over ${points.length} months; highest ${money(highest.spentMinor, summary.currency)} in ${labels[points.indexOf(highest)]}.`
          : 'No spending in the last 12 months.'
      }
      columns={[
        { header: 'Month', cell: (_, i) => labels[i] },
        { header: 'Spent', numeric: true, cell: (p) => money(p.spentMinor, summary.currency) },
      ]}
      rows={points}
    >
      <Line
        role="presentation"
        data={{
          labels,
          datasets: [
            {
              ...moneyDataset('Spent', points, (p) => p.spentMinor, summary.currency, chartPalette(theme)[1]),
              tension: 0.25,
            },
          ],
        }}
        options={oneSeries((i) => money(points[i]?.spentMinor ?? 0, summary.currency))}
      />
    </ChartFigure>
  );
}

/** Money in against money out per month, as paired bars. */
export function CashFlowBars({ summary }: { summary: DashboardSummary }) {
  const money = useMoney();
  const { theme, manySeries } = useChartAxes({ beginAtZero: true });
  const points = summary.trend.points;
  const labels = useMonthLabels(points.map((p) => p.bucket));
  const surplusMonths = points.filter((p) => p.incomeMinor >= p.spentMinor).length;
  return (
    <ChartFigure
      name="cash-flow"
      title="Cash flow"
      summary={`Money in and out per month; more came in than went out in ${surplusMonths} of ${points.length} months.`}
      columns={[
        { header: 'Month', cell: (_, i) => labels[i] },
        { header: 'In', numeric: true, cell: (p) => money(p.incomeMinor, summary.currency) },
        { header: 'Out', numeric: true, cell: (p) => money(p.spentMinor, summary.currency) },
        {
          header: 'Net',
          numeric: true,
          cell: (p) => money(p.incomeMinor - p.spentMinor, summary.currency, { signDisplay: 'exceptZero' }),
        },
      ]}
      rows={points}
    >
      <Bar
        role="presentation"
        data={{
          labels,
          datasets: [
            moneyDataset('In', points, (p) => p.incomeMinor, summary.currency, chartPalette(theme)[0]),
            moneyDataset('Out', points, (p) => p.spentMinor, summary.currency, chartPalette(theme)[1]),
          ],
        }}
        options={manySeries((series, i) => {
          const p = points[i];
          const minor = series === 0 ? (p?.incomeMinor ?? 0) : (p?.spentMinor ?? 0);
          return money(minor, summary.currency);
        })}
      />
    </ChartFigure>
  );
}
