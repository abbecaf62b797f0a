import type { ReportCanvas } from './report-canvas.ts';

/** Categories and payees well above their usual spending. */
export function drawAnomalies(canvas: ReportCanvas): void {
  const { summary, f, heading, table } = canvas;
  heading('Unusual spending');
  table(
    (col) => [
      col.text('What', 0.36, (a) => `${a.scope === 'category' ? 'Category' : 'Payee'}: ${a.name}`, 2),
      col.figure('This period', 0.16, (a) => f.money(a.currentMinor)),
      col.figure('Usual', 0.16, (a) => f.money(a.baselineMinor)),
      col.figure('Above usual', 0.18, (a) => f.signedMoney(a.excessMinor)),
      col.figure('Change', 0.14, (a) => f.signedPercent(a.changeBps)),
    ],
    summary.anomalies,
    'Nothing stood out against your usual spending.',
  );
}
