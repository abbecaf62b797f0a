import { drawLineChart, PALETTE } from './pdf-charts.ts';
import { fonts, MARGIN, type ReportCanvas, sectionsWithData } from './report-canvas.ts';

/** Opening and closing balances (debts negative), net worth, and its line when there are two points or more. */
export function drawBalances(canvas: ReportCanvas): void {
  const { doc, summary, f, contentWidth, heading, table, bottom, newPage } = canvas;
  if (!sectionsWithData(summary).balances) return;
  heading('Balances and net worth', 200);
  // A card or loan is a debt: shown negative, as it counts in net worth.
  const accounts = summary.balances.accounts.map((a) => {
    const shown = (minor: number | null) =>
      minor === null ? '—' : f.money(a.side === 'liability' ? -minor : minor);
    return {
      name: a.name,
      kind: a.side === 'asset' ? 'asset' : 'debt',
      opening: shown(a.openingMinor),
      closing: shown(a.closingMinor),
    };
  });
  const netWorth = summary.balances.netWorth.slice(-1).map((p) => ({
    name: `Net worth (assets ${f.money(p.assetsMinor)} − debts ${f.money(p.liabilitiesMinor)})`,
    kind: '',
    opening: '',
    closing: f.money(p.netWorthMinor),
  }));
  table(
    (col) => [
      col.text('Account', 0.4, (r) => r.name, 2),
      col.text('Kind', 0.16, (r) => r.kind),
      col.figure('Opening', 0.22, (r) => r.opening),
      col.figure('Closing', 0.22, (r) => r.closing),
    ],
    [...accounts, ...netWorth],
  );
  if (summary.balances.netWorth.length < 2) return;
  if (doc.y + 180 > bottom()) newPage();
  const box = { x: MARGIN, y: doc.y + 4, width: contentWidth, height: 170 };
  drawLineChart(
    doc,
    box,
    summary.balances.netWorth.map((p) => f.date(p.date).replace(/,? \d{4}$/, '')),
    [
      {
        name: 'Net worth',
        values: summary.balances.netWorth.map((p) => p.netWorthMinor),
        color: PALETTE[2]!,
      },
    ],
    f.axisMoney,
    fonts,
  );
  canvas.chartDrawn('netWorth', box);
  doc.y = box.y + box.height + 6;
}
