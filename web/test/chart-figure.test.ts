// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChartFigure } from '../src/charts/chart-figure.tsx';

afterEach(cleanup);

describe('ChartFigure', () => {
  it("lists each row in its table with each column's own cell, figures marked as amounts", () => {
    const months = [
      { month: 'Oct', spent: '$12.00' },
      { month: 'Nov', spent: '$3.50' },
    ];
    const { container } = render(
      createElement(ChartFigure<(typeof months)[number]>, {
        name: 'test',
        title: 'Spending',
        summary: 'Two months.',
        columns: [
          { header: 'Month', cell: (m, i) => `${i + 1}. ${m.month}` },
          { header: 'Spent', numeric: true, cell: (m) => m.spent },
        ],
        rows: months,
        children: null,
      }),
    );
    const cells = [...container.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => [td.textContent, td.className]),
    );
    expect(cells).toEqual([
      [
        ['1. Oct', ''],
        ['$12.00', 'amount'],
      ],
      [
        ['2. Nov', ''],
        ['$3.50', 'amount'],
      ],
    ]);
  });
});
