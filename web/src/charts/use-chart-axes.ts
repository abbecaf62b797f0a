import { useAppTheme } from '../theme/theme-context.tsx';
import { chartInk } from './chart-palette.ts';

/** Axis and legend colours for the current theme; `beginAtZero` starts the value axis at zero. */
export function useChartAxes(options: { beginAtZero?: boolean } = {}) {
  const { theme } = useAppTheme();
  const ink = chartInk(theme);
  return {
    theme,
    scales: {
      x: { ticks: { color: ink.text }, grid: { color: ink.grid } },
      y: { ticks: { color: ink.text }, grid: { color: ink.grid }, beginAtZero: options.beginAtZero ?? false },
    },
    legend: { labels: { color: ink.text } },
  };
}
