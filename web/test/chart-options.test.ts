// @vitest-environment happy-dom
import { cleanup, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useChartAxes } from '../src/charts/use-chart-axes.ts';
import { ThemeProvider } from '../src/theme/theme-context.tsx';

afterEach(cleanup);

const axes = () =>
  renderHook(() => useChartAxes({ beginAtZero: true }), {
    wrapper: ({ children }: { children: ReactNode }) => createElement(ThemeProvider, null, children),
  }).result.current;

describe('chart options', () => {
  it("one series: no legend, and a point's tooltip is its own text", () => {
    const options = axes().oneSeries((i) => `point ${i}`);
    expect(options.plugins.legend.display).toBe(false);
    expect(options.plugins.tooltip.callbacks.label({ dataIndex: 2 })).toBe('point 2');
    expect(options.scales.y.beginAtZero).toBe(true);
  });

  it("several series: a legend, and a point's tooltip names its series", () => {
    const options = axes().manySeries((series, i) => `${series}/${i}`);
    expect('display' in options.plugins.legend).toBe(false);
    const label = options.plugins.tooltip.callbacks.label({
      dataset: { label: 'Out' },
      datasetIndex: 1,
      dataIndex: 4,
    });
    expect(label).toBe('Out: 1/4');
  });
});
