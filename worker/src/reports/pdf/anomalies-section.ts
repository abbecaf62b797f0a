import type { ReportCanvas } from './report-canvas.ts';

/** Categories and payees well above their usual spending. */
export function drawAnomalies(canvas: ReportCanvas): void {
  const { summary, f, heading, table } = canvas;
  heading('Unusual spending');
  table(
    [
      ['What', 0.36, 'left', 2],
      ['This period', 0.16, 'right'],
      ['Usual', 0.16, 'right'],
      ['Above usual', 0.18, 'right'],
      ['Change', 0.14, 'right'],
    ],
    summary.anomalies.map((a) => [
      `${a.scope === 'category' ? 'Category' : 'Payee'}: ${a.name}`,
      f.money(a.currentMinor),
      f.money(a.baselineMinor),
      f.signedMoney(a.excessMinor),
      f.signedPercent(a.changeBps),
    ]),
    'Nothing stood out against your usual spending.',
  );
}
