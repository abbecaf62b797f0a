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
    (col) => [
      col.text(
        'Budget',
        0.34,
        (b) =>
          b.kind === 'income' ? 'Income (received / planned)' : b.isGroup ? `${b.name} (group)` : b.name,
        2,
      ),
      col.figure('Spent', 0.18, (b) => f.money(b.actualMinor)),
      col.figure('Available', 0.18, (b) => f.money(b.kind === 'income' ? b.limitMinor : b.availableMinor)),
      col.figure('Used', 0.12, (b) =>
        b.kind === 'income' || b.pace.percentUsed === null ? '' : `${b.pace.percentUsed}%`,
      ),
      col.text('Pace', 0.18, (b) => (b.kind === 'income' ? '' : PACE_WORDS[b.pace.status])),
    ],
    summary.budgets,
  );
}
