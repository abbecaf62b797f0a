import { type FormEvent, useState } from 'react';
import {
  type DashboardPeriod,
  includesToday,
  periodSpan,
  shiftPeriod,
  thisMonth,
  thisWeek,
} from './dashboard-period.ts';

/** The period a page shows (this month to start with) and whether the custom range form is open. */
export interface PeriodChoice {
  chosen: DashboardPeriod;
  setChosen: (change: DashboardPeriod | ((p: DashboardPeriod) => DashboardPeriod)) => void;
  customOpen: boolean;
  setCustomOpen: (change: boolean | ((open: boolean) => boolean)) => void;
}

export function usePeriodChoice(today: string): PeriodChoice {
  const [chosen, setChosen] = useState<DashboardPeriod>(() => thisMonth(today));
  const [customOpen, setCustomOpen] = useState(false);
  return { chosen, setChosen, customOpen, setCustomOpen };
}

/**
 * The one way to pick a period, on the dashboard and the reports page alike: ‹ and › step by the period's
 * own length (never past today), "This month", "This week", and "Custom" opens the range form.
 */
export function PeriodNav({ choice, today, label }: { choice: PeriodChoice; today: string; label: string }) {
  const { chosen, setChosen, customOpen, setCustomOpen } = choice;
  const unit = chosen.kind === 'custom' ? 'period' : chosen.kind;
  const pick = (period: DashboardPeriod) => {
    setCustomOpen(false);
    setChosen(period);
  };
  return (
    <div className="period-nav">
      <button
        type="button"
        aria-label={`Previous ${unit}`}
        onClick={() => setChosen((p) => shiftPeriod(p, -1))}
      >
        ‹
      </button>
      <strong className="period-label" aria-live="polite" data-period-label>
        {label}
      </strong>
      <button
        type="button"
        aria-label={`Next ${unit}`}
        disabled={includesToday(chosen, today)}
        onClick={() => setChosen((p) => shiftPeriod(p, 1))}
      >
        ›
      </button>
      <fieldset className="segmented" style={{ margin: 0, padding: 0 }}>
        <legend className="visually-hidden">Period</legend>
        <button
          type="button"
          aria-pressed={chosen.kind === 'month' && chosen.month === today.slice(0, 7)}
          onClick={() => pick(thisMonth(today))}
        >
          This month
        </button>
        <button
          type="button"
          aria-pressed={chosen.kind === 'week' && includesToday(chosen, today)}
          onClick={() => pick(thisWeek(today))}
        >
          This week
        </button>
        <button
          type="button"
          aria-pressed={chosen.kind === 'custom' || customOpen}
          onClick={() => setCustomOpen((o) => !o)}
        >
          Custom
        </button>
      </fieldset>
    </div>
  );
}

/** The custom range form, while "Custom" is open: two dates and Show, any range up to a year. */
export function PeriodCustomRange({ choice, today }: { choice: PeriodChoice; today: string }) {
  if (!choice.customOpen) return null;
  return (
    <CustomRange
      initial={periodSpan(choice.chosen)}
      today={today}
      onApply={(from, to) => {
        choice.setChosen({ kind: 'custom', from, to });
        choice.setCustomOpen(false);
      }}
    />
  );
}

function CustomRange({
  initial,
  today,
  onApply,
}: {
  initial: { from: string; to: string };
  today: string;
  onApply: (from: string, to: string) => void;
}) {
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to > today ? today : initial.to);
  const wrong =
    from > to
      ? 'The start is after the end.'
      : Date.parse(to) - Date.parse(from) > 366 * 86_400_000
        ? 'Pick a range of a year or less.'
        : null;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!wrong && from && to) onApply(from, to);
  }
  return (
    <form className="card row custom-range" onSubmit={submit} aria-label="Custom range">
      <div className="field">
        <label htmlFor="range-from">From</label>
        <input
          id="range-from"
          type="date"
          value={from}
          max={today}
          onChange={(e) => setFrom(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="range-to">To</label>
        <input id="range-to" type="date" value={to} max={today} onChange={(e) => setTo(e.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={!!wrong}>
        Show
      </button>
      {wrong ? (
        <p className="small" role="alert">
          {wrong}
        </p>
      ) : null}
    </form>
  );
}
