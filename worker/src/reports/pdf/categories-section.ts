import type { ReportCanvas } from './report-canvas.ts';

/** Every category's spending, then the largest categories month by month. */
export function drawCategories(canvas: ReportCanvas): void {
  const { summary, f, heading, table, tableStyle } = canvas;
  heading('Spending by category');
  table(
    (col) => [
      col.text('Category', 0.4, (c) => c.name, 2),
      col.text('Group', 0.25, (c) => c.groupName),
      col.figure('Count', 0.1, (c) => String(c.count)),
      col.figure('Spent', 0.15, (c) => f.money(c.spentMinor)),
      col.figure('Share', 0.1, (c) => f.percent(c.shareBps)),
    ],
    summary.byCategory,
  );
  const recentMonths = summary.trends.months.slice(-6);
  const offset = summary.trends.months.length - recentMonths.length;
  if (summary.trends.byCategory.length) {
    heading('Category trends (last 6 months)');
    table(
      (col) => [
        col.text('Category', 0.22, (c) => c.name, 2),
        ...recentMonths.map((m, i) =>
          col.figure(f.month(m), 0.1, (c) => f.money(c.monthlyMinor[offset + i]!)),
        ),
        col.figure(`${summary.trends.rollingWindow}-mo avg`, 0.18, (c) =>
          f.money(c.rollingAverageMinor.at(-1)!),
        ),
      ],
      summary.trends.byCategory.slice(0, 15),
      undefined,
      { ...tableStyle, fontSize: 7.5 },
    );
  }
}
