import type { RecurringDue } from '@finsync/shared/presentation';
import { type Columns, type ReportCanvas, sectionsWithData } from './report-canvas.ts';

/** Bills missed and due next, and subscription price changes; left out when no recurring bill is known. */
export function drawBills(canvas: ReportCanvas): void {
  const { summary, f, heading, caption, table } = canvas;
  if (!sectionsWithData(summary).bills) return;
  heading('Bills and subscriptions');
  const bills = (col: Columns<RecurringDue>) => [
    col.text('Payee', 0.45, (b) => b.payee, 2),
    col.text('Every', 0.15, (b) => b.cadence),
    col.text('Date', 0.2, (b) => f.date(b.date)),
    col.figure('Expected', 0.2, (b) => f.money(b.expectedMinor)),
  ];
  if (summary.recurring.missed.length) {
    caption('Expected but not seen:');
    table(bills, summary.recurring.missed);
  }
  if (summary.recurring.dueNext.length) {
    caption(`Due in the next ${{ weekly: 'week', monthly: 'month', custom: 'period' }[summary.kind]}:`);
    table(bills, summary.recurring.dueNext);
  }
  if (summary.recurring.priceChanges.length) {
    caption('Price changes:');
    table(
      (col) => [
        col.text('Subscription', 0.34, (p) => p.payee, 2),
        col.text('Charged on', 0.18, (p) => f.date(p.date)),
        col.figure('Was', 0.16, (p) => f.money(p.previousMinor)),
        col.figure('Now', 0.16, (p) => f.money(p.currentMinor)),
        col.figure('Change', 0.16, (p) => f.signedPercent(p.changeBps)),
      ],
      summary.recurring.priceChanges,
    );
  }
}
