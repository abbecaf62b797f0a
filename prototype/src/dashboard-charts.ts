import { formatBasisPoints, formatMoney } from '@finsync/shared/presentation';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import type { DashboardFigures } from '../server/dashboard-figures.ts';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
);

const PALETTE = [
  '#3366cc',
  '#dc3912',
  '#ff9900',
  '#109618',
  '#990099',
  '#0099c6',
  '#dd4477',
  '#66aa00',
  '#b82e2e',
  '#316395',
];

export type TrendRange = 'weeks' | 'months';

/**
 * The page's two charts. Values stay integer minor units; only labels are formatted (exactly) for people.
 * Animations are off so a screenshot taken after an update shows the final chart.
 */
export function createDashboardCharts(categoryCanvas: HTMLCanvasElement, trendCanvas: HTMLCanvasElement) {
  let currency = 'USD';
  const money = (value: number | string) => formatMoney(Number(value), currency, 'en-US');
  const categories = new Chart<'doughnut', number[], string>(categoryCanvas, {
    type: 'doughnut',
    data: { labels: [], datasets: [{ data: [], backgroundColor: PALETTE }] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: {
        legend: { position: 'right' },
        tooltip: { callbacks: { label: (item) => ` ${money(item.raw as number)}` } },
      },
    },
  });
  const trend = new Chart<'bar', number[], string>(trendCanvas, {
    type: 'bar',
    data: { labels: [], datasets: [{ label: 'Spent', data: [], backgroundColor: '#3366cc' }] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => ` ${money(item.raw as number)}` } },
      },
      scales: { y: { beginAtZero: true, ticks: { callback: (value) => money(value) } } },
    },
  });

  return {
    update(figures: DashboardFigures, range: TrendRange) {
      currency = figures.currency;
      const groups = figures.byGroup.filter((g) => g.spentMinor > 0);
      categories.data.labels = groups.map(
        (g) => `${g.name} (${formatBasisPoints(g.shareBps, { decimals: 2 })})`,
      );
      categories.data.datasets[0]!.data = groups.map((g) => g.spentMinor);
      categories.update();
      const points =
        range === 'weeks'
          ? figures.weeklyTrend.map((w) => ({ label: w.start.slice(5), value: w.spentMinor }))
          : figures.monthlyTrend.map((m) => ({ label: m.month, value: m.spentMinor }));
      trend.data.labels = points.map((p) => p.label);
      trend.data.datasets[0]!.data = points.map((p) => p.value);
      trend.update();
    },
  };
}
