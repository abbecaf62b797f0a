import type { ColumnSpec, ReportCanvas } from './report-canvas.ts';

/** Every category's spending, then the largest categories month by month. */
export function drawCategories(canvas: ReportCanvas): void {
  const { summary, f, heading, table, tableStyle } = canvas;
  heading('Spending by category');
  table(
    [
      ['Category', 0.4, 'left', 2],
      ['Group', 0.25, 'left', 1],
      ['Count', 0.1, 'right'],
      ['Spent', 0.15, 'right'],
      ['Share', 0.1, 'right'],
    ],
    summary.byCategory.map((c) => [
      c.name,
      c.groupName,
      String(c.count),
      f.money(c.spentMinor),
      f.percent(c.shareBps),
    ]),
  );
  const recentMonths = summary.trends.months.slice(-6);
  const offset = summary.trends.months.length - recentMonths.length;
  if (summary.trends.byCategory.length) {
    heading('Category trends (last 6 months)');
    table(
      [
        ['Category', 0.22, 'left', 2],
        ...recentMonths.map((m) => [f.month(m), 0.1, 'right'] as ColumnSpec),
        [`${summary.trends.rollingWindow}-mo avg`, 0.18, 'right'],
      ],
      summary.trends.byCategory
        .slice(0, 15)
        .map((c) => [
          c.name,
          ...recentMonths.map((_, i) => f.money(c.monthlyMinor[offset + i]!)),
          f.money(c.rollingAverageMinor.at(-1)!),
        ]),
      undefined,
      { ...tableStyle, fontSize: 7.5 },
    );
  }
}
