import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { Budget, BudgetMonthView, Category } from '../api/contract-types.ts';
import { todayIn } from '../dates/period.ts';
import { typedAmount } from '../money/typed-amount.ts';
import { useMoney } from '../money/use-money.ts';
import { useUser } from '../session/session-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState, QueryError } from '../ui/error-state.tsx';
import { PageHead } from '../ui/page-head.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { BudgetProgress } from './budget-progress.tsx';
import './budgets.css';
import { FormErrors, refusalMessage } from '../ui/form-errors.tsx';
import { SelectOptions } from '../ui/select-options.tsx';

/** 'YYYY-MM' moved by whole months. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  const year = Math.floor(index / 12);
  return `${year}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

const ROLLOVER_LABEL = {
  none: 'No rollover',
  surplus: 'Roll over what is left',
  surplusAndDeficit: 'Roll over what is left or overspent',
} as const;

export default function BudgetsPage() {
  const api = useApi();
  const user = useUser();
  const queryClient = useQueryClient();
  const thisMonth = todayIn(user.timezone, new Date()).slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  const view = useQuery({ queryKey: ['budgets', month], queryFn: () => api.budgets.month(month) });
  const categories = useQuery({ queryKey: ['categories'], queryFn: () => api.categories.list() });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['budgets'] });
  const copy = useMutation({ mutationFn: () => api.budgets.copyLastMonth(month), onSuccess: refresh });
  const [showSuggestions, setShowSuggestions] = useState(false);

  return (
    <div className="stack">
      <PageHead title="Budgets">
        <div className="row">
          <button type="button" onClick={() => setMonth(shiftMonth(month, -1))} aria-label="Previous month">
            ‹
          </button>
          <span aria-live="polite">{month}</span>
          <button type="button" onClick={() => setMonth(shiftMonth(month, 1))} aria-label="Next month">
            ›
          </button>
        </div>
      </PageHead>
      <QueryError query={view} what="this month's budgets" />
      {view.data ? <MonthTotals view={view.data} /> : <Skeleton height="4rem" />}
      <div className="row">
        <button type="button" onClick={() => copy.mutate()} disabled={copy.isPending}>
          Copy last month
        </button>
        <button type="button" onClick={() => setShowSuggestions((s) => !s)} aria-expanded={showSuggestions}>
          Suggest from the 3-month average
        </button>
        {copy.data ? (
          <span className="muted small" role="status">
            {copy.data.copied === 0
              ? 'Nothing to copy: last month had no budgets this month lacks.'
              : `Copied ${copy.data.copied} ${copy.data.copied === 1 ? 'budget' : 'budgets'}.`}
          </span>
        ) : null}
        {copy.error ? <span className="field-error">{refusalMessage(copy.error)}</span> : null}
      </div>
      {showSuggestions ? <Suggestions month={month} onDone={refresh} /> : null}
      <section className="card stack" aria-label="Budgets of the month">
        {view.data && view.data.budgets.length === 0 ? (
          <EmptyState title="No budgets this month">
            <p>Add a limit for a category or group below, copy last month's, or start from your average.</p>
          </EmptyState>
        ) : null}
        <ul className="budget-list">
          {view.data?.budgets.map((b) => (
            <li key={b.id}>
              <BudgetProgress budget={b} currency={view.data.currency} />
              <BudgetEditor budget={b} month={month} currency={view.data.currency} onDone={refresh} />
            </li>
          ))}
        </ul>
      </section>
      {view.data && categories.data ? (
        <AddBudget
          month={month}
          currency={view.data.currency}
          categories={categories.data.categories}
          taken={view.data.budgets}
          onDone={refresh}
        />
      ) : null}
    </div>
  );
}

function MonthTotals({ view }: { view: BudgetMonthView }) {
  const money = useMoney();
  const m = (minor: number) => money(minor, view.currency);
  return (
    <section className="card budget-totals" aria-label="The month">
      <div>
        <span className="muted small">Planned income</span>
        <div className="figure-value">{m(view.plannedIncomeMinor)}</div>
      </div>
      <div>
        <span className="muted small">Spent</span>
        <div className="figure-value">{m(view.spentMinor)}</div>
      </div>
      <div>
        <span className="muted small">Left to spend</span>
        <div className={`figure-value ${view.leftToSpendMinor < 0 ? 'change-up' : ''}`}>
          {m(view.leftToSpendMinor)}
        </div>
      </div>
      <div>
        <span className="muted small">Left to budget</span>
        <div className="figure-value">{m(view.leftToBudgetMinor)}</div>
      </div>
    </section>
  );
}

function BudgetEditor({
  budget,
  month,
  currency,
  onDone,
}: {
  budget: Budget;
  month: string;
  currency: string;
  onDone: () => void;
}) {
  const api = useApi();
  const money = useMoney();
  const [open, setOpen] = useState(false);
  const [limit, setLimit] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: (patch: Parameters<typeof api.budgets.update>[1]) => api.budgets.update(budget.id, patch),
    onSuccess: () => {
      setOpen(false);
      onDone();
    },
  });
  const remove = useMutation({ mutationFn: () => api.budgets.remove(budget.id), onSuccess: onDone });
  if (!open)
    return (
      <button type="button" className="small" onClick={() => setOpen(true)}>
        Edit {budget.name}
      </button>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const limitMinor = limit.trim() === '' ? undefined : typedAmount(limit, currency);
    if (limitMinor === null) return setFieldError('Enter an amount like 250 or 250.00');
    setFieldError(null);
    const form = new FormData(event.target as HTMLFormElement);
    update.mutate({
      month,
      ...(limitMinor !== undefined ? { limitMinor } : {}),
      ...(budget.kind === 'spending'
        ? { rollover: form.get('rollover') as Budget['rollover'], alertsEnabled: form.get('alerts') === 'on' }
        : {}),
    });
  };
  return (
    <form className="budget-edit" onSubmit={submit} aria-label={`Edit ${budget.name}`}>
      <div>
        <label htmlFor={`limit-${budget.id}`}>Limit for {month}</label>
        <input
          id={`limit-${budget.id}`}
          type="text"
          inputMode="decimal"
          placeholder={money(budget.limitMinor, currency)}
          value={limit}
          onChange={(e) => setLimit(e.target.value)}
          size={10}
        />
        {fieldError ? <div className="field-error">{fieldError}</div> : null}
      </div>
      {budget.kind === 'spending' ? (
        <>
          <div>
            <label htmlFor={`rollover-${budget.id}`}>Rollover</label>
            <select id={`rollover-${budget.id}`} name="rollover" defaultValue={budget.rollover}>
              <SelectOptions labels={ROLLOVER_LABEL} />
            </select>
          </div>
          <label className="row small">
            <input type="checkbox" name="alerts" defaultChecked={budget.alertsEnabled} /> Pace alerts by email
          </label>
        </>
      ) : null}
      <button type="submit" className="primary" disabled={update.isPending}>
        Save
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      <button type="button" className="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
        Delete budget
      </button>
      <FormErrors refused={update.error ?? remove.error} />
    </form>
  );
}

function AddBudget({
  month,
  currency,
  categories,
  taken,
  onDone,
}: {
  month: string;
  currency: string;
  categories: Category[];
  taken: Budget[];
  onDone: () => void;
}) {
  const api = useApi();
  const [target, setTarget] = useState('');
  const [limit, setLimit] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: Parameters<typeof api.budgets.create>[0]) => api.budgets.create(body),
    onSuccess: () => {
      setLimit('');
      setTarget('');
      onDone();
    },
  });
  const takenIds = new Set(taken.map((b) => b.categoryId ?? 'income'));
  const choices = categories.filter((c) => c.kind === 'expense' && !c.hidden && !takenIds.has(c.id));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const limitMinor = typedAmount(limit, currency);
    if (!target) return setFieldError('Choose a category, a group or income');
    if (limitMinor === null) return setFieldError('Enter an amount like 250 or 250.00');
    setFieldError(null);
    create.mutate(
      target === 'income'
        ? { month, kind: 'income', limitMinor }
        : { month, kind: 'spending', categoryId: target, limitMinor },
    );
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Add a budget">
      <h2>Add a budget for {month}</h2>
      <div className="budget-edit">
        <div>
          <label htmlFor="budget-target">Category or group</label>
          <select id="budget-target" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">Choose…</option>
            {takenIds.has('income') ? null : <option value="income">Income (planned)</option>}
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.isGroup ? `${c.name} (whole group)` : c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="budget-limit">Monthly limit</label>
          <input
            id="budget-limit"
            type="text"
            inputMode="decimal"
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            size={10}
          />
        </div>
        <button type="submit" className="primary" disabled={create.isPending}>
          Add budget
        </button>
      </div>
      <FormErrors invalid={fieldError} refused={create.error} />
    </form>
  );
}

function Suggestions({ month, onDone }: { month: string; onDone: () => void }) {
  const api = useApi();
  const money = useMoney();
  const list = useQuery({
    queryKey: ['budget-suggestions', month],
    queryFn: () => api.budgets.suggestions(month),
  });
  const use = useMutation({
    mutationFn: async (items: NonNullable<typeof list.data>['suggestions']) => {
      for (const s of items) {
        if (s.budgetId) await api.budgets.update(s.budgetId, { month, limitMinor: s.suggestedMinor });
        else
          await api.budgets.create(
            s.kind === 'income'
              ? { month, kind: 'income', limitMinor: s.suggestedMinor }
              : { month, kind: 'spending', categoryId: s.categoryId, limitMinor: s.suggestedMinor },
          );
      }
    },
    onSuccess: () => {
      onDone();
      list.refetch();
    },
  });
  if (list.error)
    return <ErrorState error={list.error} what="the suggestions" onRetry={() => list.refetch()} />;
  if (!list.data) return <Skeleton height="4rem" />;
  const items = list.data.suggestions;
  return (
    <section className="card stack" aria-label="Suggested limits">
      <h2>Suggested from the 3 months before {month}</h2>
      {items.length === 0 ? (
        <p className="muted">No spending in the 3 months before, so nothing to suggest.</p>
      ) : null}
      {items.map((s) => (
        <div className="suggestion-row" key={s.categoryId ?? 'income'}>
          <span>
            {s.name}: <strong>{money(s.suggestedMinor)}</strong>{' '}
            <span className="muted small">({s.monthlyMinor.map((v) => money(v)).join(', ')})</span>
          </span>
          <button type="button" onClick={() => use.mutate([s])} disabled={use.isPending}>
            {s.budgetId ? 'Use this limit' : 'Add'}
          </button>
        </div>
      ))}
      {items.length > 1 ? (
        <button type="button" className="primary" onClick={() => use.mutate(items)} disabled={use.isPending}>
          Use all suggestions
        </button>
      ) : null}
      <FormErrors refused={use.error} />
    </section>
  );
}
