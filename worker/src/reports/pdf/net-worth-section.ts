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
    (col) => [col.text('', 0.5, (r) => r.when), col.figure('Net worth', 0.5, (r) => r.amount)],
    [
      { when: `End of ${f.date(change.fromDate)}`, amount: f.money(change.openingMinor) },
      { when: `End of ${f.date(change.toDate)}`, amount: f.money(change.closingMinor) },
      {
        when: change.changeMinor >= 0 ? 'Up' : 'Down',
        amount: change.changeMinor > 0 ? `+${signed}` : signed,
      },
    ],
  );
  if (change.estimated)
    note(
      'Estimated: some balances were worked back from the current ones through the transactions, before the bank reported one.',
    );
}
