import type { ReportCanvas } from './report-canvas.ts';

/**
 * The change in net worth over the period (issue 18): at the end of the day before it and at its end, on the
 * accounts with a balance at both, saying when balances were worked back through the transactions.
 */
export function drawNetWorthChange(canvas: ReportCanvas): void {
  const { summary, f, heading, table, note } = canvas;
  const change = summary.balances.netWorthChange;
  if (!change) return;
  heading('Net worth change', 120);
  const signed = f.money(change.changeMinor);
  table(
    [
      ['', 0.5, 'left'],
      ['Net worth', 0.5, 'right'],
    ],
    [
      [`End of ${f.date(change.fromDate)}`, f.money(change.openingMinor)],
      [`End of ${f.date(change.toDate)}`, f.money(change.closingMinor)],
      [change.changeMinor >= 0 ? 'Up' : 'Down', change.changeMinor > 0 ? `+${signed}` : signed],
    ],
  );
  if (change.estimated)
    note(
      'Estimated: some balances were worked back from the current ones through the transactions, before the bank reported one.',
    );
}
