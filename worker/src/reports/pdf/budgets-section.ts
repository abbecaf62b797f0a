import type { ReportCanvas } from './report-canvas.ts';

const PACE_WORDS = {
  underPace: 'Under pace',
  onPace: 'On pace',
  overPace: 'Over pace',
  overBudget: 'Over budget',
};

/** The month's budgets as of the period's last day; nothing when the user has none. */
export function drawBudgets(canvas: ReportCanvas): void {
  const { summary, f, heading, caption, table } = canvas;
  if (!summary.budgets?.length) return;
  const budgetMonth = summary.budgets[0]!.month;
  heading(`Budgets for ${budgetMonth}`);
  caption(`As of ${f.date(summary.period.end)}: spending counted the same way as above, against each limit.`);
  table(
    [
      ['Budget', 0.34, 'left', 2],
      ['Spent', 0.18, 'right'],
      ['Available', 0.18, 'right'],
      ['Used', 0.12, 'right'],
      ['Pace', 0.18, 'left'],
    ],
    summary.budgets.map((b) =>
      b.kind === 'income'
        ? ['Income (received / planned)', f.money(b.actualMinor), f.money(b.limitMinor), '', '']
        : [
            b.isGroup ? `${b.name} (group)` : b.name,
            f.money(b.actualMinor),
            f.money(b.availableMinor),
            b.pace.percentUsed === null ? '' : `${b.pace.percentUsed}%`,
            PACE_WORDS[b.pace.status],
          ],
    ),
  );
}
