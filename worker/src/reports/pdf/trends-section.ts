import { drawCashFlowBars, drawLineChart, PALETTE } from './pdf-charts.ts';
import { fonts, MARGIN, type ReportCanvas } from './report-canvas.ts';

/** Spending over the trend months (with its rolling average), then income and spending by month. */
export function drawTrends(canvas: ReportCanvas): void {
  const { doc, summary, f, contentWidth, heading, note } = canvas;
  // Trends: on a new page only when the chart does not fit (a forced break left a page with a few rows).
  const months = summary.trends.months.map((m) => f.month(m));
  heading(`Spending over ${months.length} months`, 220);
  const trendBox = { x: MARGIN, y: doc.y, width: contentWidth, height: 190 };
  drawLineChart(
    doc,
    trendBox,
    months,
    [
      { name: 'Spending', values: summary.trends.totals.map((t) => t.spentMinor), color: PALETTE[0]! },
      {
        name: `${summary.trends.rollingWindow}-month average`,
        values: summary.trends.totals.map((t) => t.spentRollingAverageMinor),
        color: '#8a8f98',
        dashed: true,
      },
    ],
    f.axisMoney,
    fonts,
  );
  canvas.chartDrawn('trend', trendBox);
  doc.y = trendBox.y + trendBox.height + 6;
  if (summary.trends.lastMonthPartial) note('The last month is counted up to the end of this period only.');

  heading('Cash flow by month', 220);
  const flowBox = { x: MARGIN, y: doc.y, width: contentWidth, height: 190 };
  drawCashFlowBars(
    doc,
    flowBox,
    months,
    summary.trends.totals.map((t) => t.incomeMinor),
    summary.trends.totals.map((t) => t.spentMinor),
    f.axisMoney,
    fonts,
  );
  canvas.chartDrawn('cashflow', flowBox);
  doc.y = flowBox.y + flowBox.height + 6;
}
