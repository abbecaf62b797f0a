import { Doughnut } from 'react-chartjs-2';
import type { DashboardSummary } from '../api/contract-types.ts';
import { ChartFigure } from '../charts/chart-figure.tsx';
import { chartPalette } from '../charts/chart-palette.ts';
import { chartValue } from '../charts/chart-value.ts';
import '../charts/register-charts.ts';
import { Link } from 'react-router';
import { useMoney } from '../money/use-money.ts';
import { useAppTheme } from '../theme/theme-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';

/** Money out by category for the period, as a donut with the same figures as a table. */
export function CategoryDonut({ summary }: { summary: DashboardSummary }) {
  const money = useMoney();
  const { theme } = useAppTheme();
  const parts = summary.byCategory.filter((c) => c.spentMinor > 0);
  const top = parts[0];
  const summaryText = top
    ? `Spending by category: ${parts.length} categories, largest ${top.name} at ${money(top.spentMinor, summary.currency)} of ${money(summary.spentMinor, summary.currency)}.`
    : 'No spending in this period.';
  if (!top) {
    return (
      <section className="card stack" aria-labelledby="donut-empty-h">
        <h2 id="donut-empty-h">Spending by category</h2>
        <EmptyState title="No spending in this period">
          <p>
            Step back a period with ‹, or see what arrived in <Link to="/transactions">Transactions</Link>.
          </p>
        </EmptyState>
      </section>
    );
  }
  return (
    <ChartFigure
      name="category-donut"
      title="Spending by category"
      summary={summaryText}
      columns={[
        { header: 'Category', cell: (c) => c.name },
        { header: 'Spent', numeric: true, cell: (c) => money(c.spentMinor, summary.currency) },
        { header: 'Transactions', numeric: true, cell: (c) => c.count },
      ]}
      rows={parts}
      legend={parts.map((c, i) => ({
        label: c.name,
        color: chartPalette(theme)[i % 10] ?? 'currentColor',
        value: money(c.spentMinor, summary.currency),
      }))}
    >
      <Doughnut
        role="presentation"
        data={{
          labels: parts.map((c) => c.name),
          datasets: [
            {
              data: parts.map((c) => chartValue(c.spentMinor, summary.currency)),
              backgroundColor: parts.map((_, i) => chartPalette(theme)[i % 10]),
              borderWidth: 0,
            },
          ],
        }}
        options={{
          cutout: '62%',
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                label: (ctx) =>
                  `${ctx.label}: ${money(parts[ctx.dataIndex]?.spentMinor ?? 0, summary.currency)}`,
              },
            },
          },
        }}
      />
    </ChartFigure>
  );
}
