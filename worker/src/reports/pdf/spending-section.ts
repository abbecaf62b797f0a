import { drawCategoryBars } from './pdf-charts.ts';
import { fonts, MARGIN, type ReportCanvas } from './report-canvas.ts';

/** "Where the money went": the top categories as bars, then spending by group. */
export function drawSpending(canvas: ReportCanvas): void {
  const { doc, summary, f, contentWidth, heading, note, table } = canvas;
  heading('Where the money went', 60);
  const topCategories = summary.byCategory.filter((c) => c.spentMinor > 0).slice(0, 10);
  if (topCategories.length) {
    const box = { x: MARGIN, y: doc.y, width: contentWidth, height: Math.max(60, topCategories.length * 22) };
    drawCategoryBars(
      doc,
      box,
      topCategories.map((c) => ({
        label: c.name,
        value: c.spentMinor,
        valueText: `${f.money(c.spentMinor)} · ${f.percent(c.shareBps)}`,
      })),
      fonts,
    );
    canvas.chartDrawn('categories', box);
    doc.y = box.y + box.height + 8;
  } else note('No spending in this period.');
  heading('Spending by group', 80);
  table(
    (col) => [
      col.text('Group', 0.65, (g) => g.name, 2),
      col.figure('Spent', 0.2, (g) => f.money(g.spentMinor)),
      col.figure('Share', 0.15, (g) => f.percent(g.shareBps)),
    ],
    summary.byGroup,
  );
}
