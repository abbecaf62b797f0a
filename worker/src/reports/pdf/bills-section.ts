import type { RecurringDue } from '@finsync/shared/presentation';
import { type ColumnSpec, type ReportCanvas, sectionsWithData } from './report-canvas.ts';

const BILL_COLUMNS: ColumnSpec[] = [
  ['Payee', 0.45, 'left', 2],
  ['Every', 0.15, 'left'],
  ['Date', 0.2, 'left'],
  ['Expected', 0.2, 'right'],
];

/** Bills missed and due next, and subscription price changes; left out when no recurring bill is known. */
export function drawBills(canvas: ReportCanvas): void {
  const { summary, f, heading, caption, table } = canvas;
  if (!sectionsWithData(summary).bills) return;
  heading('Bills and subscriptions');
  const billRows = (list: RecurringDue[]) =>
    list.map((b) => [b.payee, b.cadence, f.date(b.date), f.money(b.expectedMinor)]);
  if (summary.recurring.missed.length) {
    caption('Expected but not seen:');
    table(BILL_COLUMNS, billRows(summary.recurring.missed));
  }
  if (summary.recurring.dueNext.length) {
    caption(`Due in the next ${{ weekly: 'week', monthly: 'month', custom: 'period' }[summary.kind]}:`);
    table(BILL_COLUMNS, billRows(summary.recurring.dueNext));
  }
  if (summary.recurring.priceChanges.length) {
    caption('Price changes:');
    table(
      [
        ['Subscription', 0.34, 'left', 2],
        ['Charged on', 0.18, 'left'],
        ['Was', 0.16, 'right'],
        ['Now', 0.16, 'right'],
        ['Change', 0.16, 'right'],
      ],
      summary.recurring.priceChanges.map((p) => [
        p.payee,
        f.date(p.date),
        f.money(p.previousMinor),
        f.money(p.currentMinor),
        f.signedPercent(p.changeBps),
      ]),
    );
  }
}
