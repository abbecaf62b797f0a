import { monthLabel } from '@finsync/shared/presentation';
import { useSession } from '../session/session-context.tsx';
import { useAppTheme } from '../theme/theme-context.tsx';
import { chartInk } from './chart-palette.ts';

/**
 * Axis and legend colours for the current theme; `beginAtZero` starts the value axis at zero. `oneSeries`
 * gives the options of a chart of one series: no legend, and a point's tooltip is `pointText` of its index;
 * `manySeries` those of a chart of several, the tooltip prefixed with the series' label.
 */
export function useChartAxes(options: { beginAtZero?: boolean } = {}) {
  const { theme } = useAppTheme();
  const ink = chartInk(theme);
  const scales = {
    x: { ticks: { color: ink.text }, grid: { color: ink.grid } },
    y: { ticks: { color: ink.text }, grid: { color: ink.grid }, beginAtZero: options.beginAtZero ?? false },
  };
  const legend = { labels: { color: ink.text } };
  return {
    theme,
    scales,
    legend,
    oneSeries: (pointText: (index: number) => string) => ({
      scales,
      plugins: {
        legend: { ...legend, display: false },
        tooltip: { callbacks: { label: (ctx: { dataIndex: number }) => pointText(ctx.dataIndex) } },
      },
    }),
    /** The options of a chart of several series: a legend, and a point's tooltip names its series. */
    manySeries: (pointText: (series: number, index: number) => string) => ({
      scales,
      plugins: {
        legend,
        tooltip: {
          callbacks: {
            label: (ctx: { dataset: { label?: string }; datasetIndex: number; dataIndex: number }) =>
              `${ctx.dataset.label}: ${pointText(ctx.datasetIndex, ctx.dataIndex)}`,
          },
        },
      },
    }),
  };
}

/** The months' labels in the signed-in user's language ('2026-11' → 'Nov 2026'). */
export function useMonthLabels(months: readonly string[]): string[] {
  const { user } = useSession();
  return months.map((m) => monthLabel(m, user?.locale));
}
