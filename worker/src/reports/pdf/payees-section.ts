import { type ReportCanvas, sectionsWithData } from './report-canvas.ts';

/** Top payees and the largest transactions; left out (and named on the cover) when nothing was spent. */
export function drawPayees(canvas: ReportCanvas): void {
  const { summary, f, heading, table } = canvas;
  if (!sectionsWithData(summary).payees) return;
  heading('Top payees');
  table(
    (col) => [
      col.text('Payee', 0.6, (p) => p.name, 2),
      col.figure('Transactions', 0.2, (p) => String(p.count)),
      col.figure('Spent', 0.2, (p) => f.money(p.spentMinor)),
    ],
    summary.topPayees,
    'No payees this period.',
  );

  heading('Largest transactions');
  table(
    (col) => [
      col.text('Date', 0.15, (t) => f.date(t.date)),
      col.text('Payee', 0.3, (t) => t.name, 2),
      col.text('Category', 0.2, (t) => t.categoryName, 2),
      col.text('Account', 0.2, (t) => t.accountName, 2),
      col.figure('Amount', 0.15, (t) => f.money(t.amountMinor)),
    ],
    summary.largestTransactions,
    'No purchases this period.',
  );
}
