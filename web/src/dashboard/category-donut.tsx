import { Doughnut } from 'react-chartjs-2';
import type { DashboardSummary } from '../api/contract-types.ts';
import { ChartFigure } from '../charts/chart-figure.tsx';
import { chartInk, chartPalette } from '../charts/chart-palette.ts';
import { chartValue } from '../charts/chart-value.ts';
import '../charts/register-charts.ts';
import { useMoney } from '../money/use-money.ts';
import { useAppTheme } from '../theme/theme-context.tsx';

/** Money out by category for the period, as a donut with the same figures as a table. */
export function CategoryDonut({ summary }: { summary: DashboardSummary }) {
  const money = useMoney();
  const { theme } = useAppTheme();
  const parts = summary.byCategory.filter((c) => c.spentMinor > 0);
  const top = parts[0];
  const summaryText = top
    ? `Spending by category: ${parts.length} categories, largest ${top.name} at ${money(top.spentMinor, summary.currency)} of ${money(summary.spentMinor, summary.currency)}.`
    : 'No spending in this period.';
  return (
    <ChartFigure
      name="category-donut"
      title="Spending by category"
      summary={summaryText}
      columns={[
        { header: 'Category' },
        { header: 'Spent', numeric: true },
        { header: 'Transactions', numeric: true },
      ]}
      rows={parts.map((c) => [c.name, money(c.spentMinor, summary.currency), c.count])}
    >
      <Doughnut
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
            legend: { position: 'right', labels: { color: chartInk(theme).text, boxWidth: 12 } },
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
