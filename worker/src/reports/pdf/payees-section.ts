import { type ReportCanvas, sectionsWithData } from './report-canvas.ts';

/** Top payees and the largest transactions; left out (and named on the cover) when nothing was spent. */
export function drawPayees(canvas: ReportCanvas): void {
  const { summary, f, heading, table } = canvas;
  if (!sectionsWithData(summary).payees) return;
  heading('Top payees');
  table(
    [
      ['Payee', 0.6, 'left', 2],
      ['Transactions', 0.2, 'right'],
      ['Spent', 0.2, 'right'],
    ],
    summary.topPayees.map((p) => [p.name, String(p.count), f.money(p.spentMinor)]),
    'No payees this period.',
  );

  heading('Largest transactions');
  table(
    [
      ['Date', 0.15, 'left'],
      ['Payee', 0.3, 'left', 2],
      ['Category', 0.2, 'left', 2],
      ['Account', 0.2, 'left', 2],
      ['Amount', 0.15, 'right'],
    ],
    summary.largestTransactions.map((t) => [
      f.date(t.date),
      t.name,
      t.categoryName,
      t.accountName,
      f.money(t.amountMinor),
    ]),
    'No purchases this period.',
  );
}
