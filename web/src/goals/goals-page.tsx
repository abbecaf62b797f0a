import { formatDate } from '@finsync/shared/presentation';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { Account, Goal } from '../api/contract-types.ts';
import { typedAmount } from '../money/typed-amount.ts';
import { useMoney } from '../money/use-money.ts';
import { useSession } from '../session/session-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { QueryError } from '../ui/error-state.tsx';
import { PageHead } from '../ui/page-head.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import '../budgets/budgets.css';
import { FormErrors } from '../ui/form-errors.tsx';

const STATUS: Record<Goal['progress']['status'], string> = {
  achieved: 'Reached',
  onTrack: 'On track',
  behind: 'Behind',
  overdue: 'Past its date',
};

/** A positive decimal typed by the user, in minor units; null when it is not one. */
function parseAmount(text: string, currency: string): number | null {
  const minor = typedAmount(text, currency);
  return minor !== null && minor > 0 ? minor : null;
}

/** Savings goals: a target by a date, saved in chosen accounts; progress and what to save each month. */
export default function GoalsPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const goals = useQuery({ queryKey: ['goals'], queryFn: () => api.goals.list() });
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: () => api.accounts.list() });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['goals'] });
  return (
    <div className="stack">
      <PageHead title="Savings goals" />
      <QueryError query={goals} what="your goals" />
      {goals.data ? (
        goals.data.goals.length === 0 ? (
          <div className="card">
            <EmptyState title="No goals yet">
              <p>Set one below: a target, a date and the accounts you save in.</p>
            </EmptyState>
          </div>
        ) : (
          <section className="card stack" aria-label="Your goals">
            <ul className="budget-list">
              {goals.data.goals.map((g) => (
                <GoalRow key={g.id} goal={g} accounts={accounts.data?.accounts ?? []} onDone={refresh} />
              ))}
            </ul>
          </section>
        )
      ) : goals.error ? null : (
        <Skeleton height="6rem" />
      )}
      {accounts.data ? <AddGoal accounts={accounts.data.accounts} onDone={refresh} /> : null}
    </div>
  );
}

function GoalRow({ goal, accounts, onDone }: { goal: Goal; accounts: Account[]; onDone: () => void }) {
  const money = useMoney();
  const { user } = useSession();
  const api = useApi();
  const remove = useMutation({ mutationFn: () => api.goals.remove(goal.id), onSuccess: onDone });
  const toggle = useMutation({
    mutationFn: () => api.goals.update(goal.id, { alertsEnabled: !goal.alertsEnabled }),
    onSuccess: onDone,
  });
  const p = goal.progress;
  const c = goal.currency;
  const names = goal.accountIds
    .map((id) => accounts.find((a) => a.id === id)?.name ?? 'an account')
    .join(', ');
  return (
    <li className="stack budget-progress" data-goal={goal.name} data-status={p.status}>
      <div className="budget-head">
        <strong className="budget-name">{goal.name}</strong>
        <span className="badge">{STATUS[p.status]}</span>
      </div>
      <div
        className="budget-bar"
        role="progressbar"
        aria-label={`${goal.name} saved`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={p.percent}
      >
        <div className="budget-fill" style={{ width: `${p.percent}%` }} />
      </div>
      <p className="budget-words">
        {money(p.savedMinor, c)} of {money(goal.targetMinor, c)} ({p.percent}%) by{' '}
        {formatDate(goal.targetDate, user?.locale)}
      </p>
      {p.status === 'achieved' ? null : (
        <p className="budget-words small">
          {p.monthsLeft > 0
            ? `Save ${money(p.monthlyNeededMinor, c)} a month for ${p.monthsLeft} month${p.monthsLeft === 1 ? '' : 's'} to reach it.`
            : `${money(p.remainingMinor, c)} still to save.`}
          {p.status === 'behind' ? ` The plan expected ${money(p.expectedMinor, c)} by now.` : ''}
        </p>
      )}
      <p className="small muted">In {names}</p>
      <div className="row">
        <label className="row small">
          <input
            type="checkbox"
            checked={goal.alertsEnabled}
            onChange={() => toggle.mutate()}
            aria-label={`Email me when ${goal.name} falls behind`}
          />{' '}
          Email me when it falls behind
        </label>
        <button type="button" className="small" onClick={() => remove.mutate()}>
          Delete {goal.name}
        </button>
      </div>
    </li>
  );
}

function AddGoal({ accounts, onDone }: { accounts: Account[]; onDone: () => void }) {
  const api = useApi();
  const { user } = useSession();
  const [fieldError, setFieldError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: Parameters<typeof api.goals.create>[0]) => api.goals.create(body),
    onSuccess: onDone,
  });
  const usable = accounts.filter((a) => !a.hidden);
  if (usable.length === 0)
    return (
      <div className="card">
        <EmptyState title="No account to save in">
          <p>
            <Link to="/connections">Link a bank</Link> first: a goal follows the balances of the accounts you
            pick.
          </p>
        </EmptyState>
      </div>
    );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const accountIds = form.getAll('account').map(String);
    const chosen = usable.find((a) => a.id === accountIds[0]);
    const targetMinor = parseAmount(
      String(form.get('target') ?? ''),
      chosen?.currency ?? user?.currency ?? 'USD',
    );
    const name = String(form.get('name') ?? '').trim();
    const targetDate = String(form.get('date') ?? '');
    if (!name) return setFieldError('Give the goal a name');
    if (targetMinor === null) return setFieldError('Enter a target like 5000 or 5000.00');
    if (!targetDate) return setFieldError('Choose the date to reach it by');
    if (accountIds.length === 0) return setFieldError('Choose at least one account');
    setFieldError(null);
    create.mutate(
      { name, targetMinor, targetDate, accountIds, alertsEnabled: form.get('alerts') === 'on' },
      { onSuccess: () => formElement.reset() },
    );
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Add a goal">
      <h2>Add a goal</h2>
      <div className="budget-edit">
        <div>
          <label htmlFor="goal-name">Name</label>
          <input id="goal-name" name="name" type="text" maxLength={100} />
        </div>
        <div>
          <label htmlFor="goal-target">Target</label>
          <input id="goal-target" name="target" type="text" inputMode="decimal" size={10} />
        </div>
        <div>
          <label htmlFor="goal-date">By</label>
          <input id="goal-date" name="date" type="date" />
        </div>
      </div>
      <fieldset className="stack">
        <legend>Saved in</legend>
        {usable.map((a) => (
          <label key={a.id} className="row small">
            <input type="checkbox" name="account" value={a.id} /> {a.name}
            {a.side === 'liability' ? ' (debt: counts as what is owed)' : ''}
          </label>
        ))}
      </fieldset>
      <label className="row small">
        <input type="checkbox" name="alerts" /> Email me when it falls behind
      </label>
      <button type="submit" className="primary" disabled={create.isPending}>
        Add goal
      </button>
      <FormErrors invalid={fieldError} refused={create.error} />
    </form>
  );
}
