import type { Budget } from '../api/contract-types.ts';
import { useMoney } from '../money/use-money.ts';

const STATUS_LABEL: Record<Budget['pace']['status'], string> = {
  underPace: 'Under pace',
  onPace: 'On pace',
  overPace: 'Over pace',
  overBudget: 'Over budget',
};

/** Share of a whole as a CSS percentage, clamped to 0-100. */
function share(part: number, whole: number): string {
  if (whole <= 0) return part > 0 ? '100%' : '0%';
  return `${Math.min(100, Math.max(0, (part * 100) / whole)).toFixed(1)}%`;
}

/**
 * One budget's progress: a bar of what is spent against what is available, a marker at the share of the month
 * elapsed (the pace), and the words: spent of available, days left, left per day.
 */
export function BudgetProgress({ budget, currency }: { budget: Budget; currency: string }) {
  const money = useMoney();
  const m = (minor: number) => money(minor, currency);
  const { pace } = budget;
  const income = budget.kind === 'income';
  const status = income ? null : pace.status;
  return (
    <div className="budget-progress stack" data-status={status ?? 'income'}>
      <div className="budget-head">
        <strong className="budget-name">
          {budget.name}
          {budget.isGroup ? <span className="muted small"> (group)</span> : null}
        </strong>
        {status ? <span className={`badge budget-status ${status}`}>{STATUS_LABEL[status]}</span> : null}
      </div>
      {/* The words below say everything the bar shows, so it is hidden from screen readers. */}
      <div className="budget-bar" aria-hidden="true">
        <span className="budget-fill" style={{ width: share(budget.actualMinor, budget.availableMinor) }} />
        {income ? null : (
          <span
            className="budget-pace-marker"
            title="Share of the month elapsed"
            style={{ left: share(pace.daysElapsed, pace.daysInMonth) }}
          />
        )}
      </div>
      <p className="budget-words small">
        {income ? (
          <>
            {m(budget.actualMinor)} received of {m(budget.limitMinor)} planned
          </>
        ) : (
          <>
            {m(budget.actualMinor)} spent of {m(budget.availableMinor)}
            {pace.percentUsed !== null ? ` (${pace.percentUsed}%)` : ''} · {pace.daysLeft}{' '}
            {pace.daysLeft === 1 ? 'day' : 'days'} left
            {budget.remainingMinor > 0 && pace.daysLeft > 0 ? ` · ${m(pace.leftPerDayMinor)} a day` : ''}
            {budget.remainingMinor < 0 ? ` · ${m(-budget.remainingMinor)} over` : ''}
          </>
        )}
      </p>
      {budget.carryInMinor !== 0 ? (
        <p className="muted small">
          {budget.carryInMinor > 0
            ? `${m(budget.carryInMinor)} rolled over from last month`
            : `${m(-budget.carryInMinor)} overspent last month taken off`}
        </p>
      ) : null}
    </div>
  );
}
