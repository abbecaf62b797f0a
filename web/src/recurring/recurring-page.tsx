import { toDecimalString } from '@finsync/shared/money';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { Account, BankRecurringCheck, RecurringSeries, RecurringView } from '../api/contract-types.ts';
import { typedAmount } from '../money/typed-amount.ts';
import { useMoney } from '../money/use-money.ts';
import { EmptyState } from '../ui/empty-state.tsx';
import { QueryError } from '../ui/error-state.tsx';
import { PageHead } from '../ui/page-head.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import '../budgets/budgets.css';
import { FormErrors, refusalMessage } from '../ui/form-errors.tsx';
import { SelectOptions } from '../ui/select-options.tsx';

const EVERY = {
  weekly: 'Every week',
  biweekly: 'Every 2 weeks',
  semimonthly: 'Twice a month',
  monthly: 'Every month',
  quarterly: 'Every quarter',
  yearly: 'Every year',
} as const;

const STATUS = { active: 'Active', late: 'Late', missed: 'Missed', ended: 'Ended' } as const;

/** Recurring series (bills, subscriptions, salary) and the expected payments of the next 30 days. */
export default function RecurringPage() {
  const api = useApi();
  const view = useQuery({ queryKey: ['recurring'], queryFn: () => api.recurring.view(30) });
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: () => api.accounts.list() });
  // The bank's own view (a Plaid call per connection): asked once the page is up, never blocking it.
  const bank = useQuery({
    queryKey: ['recurring', 'bank'],
    queryFn: () => api.recurring.bank(),
    enabled: view.isSuccess,
  });
  return (
    <div className="stack">
      <PageHead title="Recurring and bills" />
      <QueryError query={view} what="your recurring payments" />
      {view.data ? <Upcoming view={view.data} /> : <Skeleton height="6rem" />}
      {view.data ? <SeriesList view={view.data} accounts={accounts.data?.accounts ?? []} /> : null}
      {view.data && accounts.data ? <AddSeries accounts={accounts.data.accounts} /> : null}
      {view.data && bank.data ? <BankStreams check={bank.data} view={view.data} /> : null}
    </div>
  );
}

function Upcoming({ view }: { view: RecurringView }) {
  const money = useMoney();
  const { upcoming } = view;
  return (
    <section className="card stack" aria-label="Next 30 days">
      <h2>Next 30 days</h2>
      <p>
        Expected out: <strong>{money(upcoming.outflowMinor)}</strong> · expected in:{' '}
        <strong>{money(upcoming.inflowMinor)}</strong>
      </p>
      {upcoming.occurrences.length === 0 ? (
        <p className="muted">Nothing expected in the next 30 days.</p>
      ) : null}
      <ul className="budget-list">
        {upcoming.occurrences.map((o) => (
          <li key={`${o.seriesId}-${o.date}`} className="suggestion-row">
            <span>
              <strong>{o.date}</strong> {o.payee}
              {o.overdue ? <span className="badge"> overdue</span> : null}
            </span>
            <span className={`amount ${o.direction === 'inflow' ? 'in' : ''}`}>
              {o.direction === 'inflow' ? '+' : '−'}
              {money(o.expectedMinor)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SeriesList({ view, accounts }: { view: RecurringView; accounts: Account[] }) {
  const money = useMoney();
  const api = useApi();
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'confirmed' | 'dismissed' | null }) =>
      api.recurring.decide(id, { decision }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['recurring'] }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.recurring.remove(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['recurring'] }),
  });
  const accountName = (id: string | null) => (id ? accounts.find((a) => a.id === id)?.name : undefined);
  if (view.series.length === 0)
    return (
      <div className="card">
        <EmptyState title="No recurring payments found yet">
          <p>
            finsync finds them after a few months of transactions: three or more payments to the same payee.
          </p>
        </EmptyState>
      </div>
    );
  return (
    <section className="card stack" aria-label="Every recurring series">
      <h2>Every recurring series</h2>
      <ul className="budget-list">
        {view.series.map((s) => (
          <li key={s.id} className="stack" style={{ gap: '0.2rem' }}>
            <div className="budget-head">
              <strong className="budget-name">{s.payee}</strong>
              <span className="badge">
                {s.decision === 'dismissed' ? 'Dismissed' : STATUS[s.status]}
                {s.decision === 'confirmed' ? ' · confirmed' : ''}
              </span>
            </div>
            <span className="small">
              {EVERY[s.cadence]} · {s.direction === 'inflow' ? 'in' : 'out'}{' '}
              {money(s.typicalAmountMinor, s.currency)}{' '}
              <span className="muted">
                (usually {money(s.lowMinor, s.currency)}–{money(s.highMinor, s.currency)})
              </span>
            </span>
            <span className="small muted">
              Last {s.lastDate} ({money(s.lastAmountMinor, s.currency)}) · next {s.nextExpectedDate}
              {accountName(s.accountId) ? ` · from ${accountName(s.accountId)}` : ''}
              {s.source === 'manual' ? ' · added by you' : ''}
            </span>
            {s.priceChange ? (
              <span className="small" data-price-change={s.payee}>
                <span className="badge">Price change</span> {s.payee} went from{' '}
                {money(s.priceChange.previousMinor, s.currency)} to{' '}
                {money(s.priceChange.currentMinor, s.currency)}
              </span>
            ) : null}
            <SeriesEditor series={s} />
            <div className="row">
              {s.source === 'manual' ? (
                <button type="button" className="small" onClick={() => remove.mutate(s.id)}>
                  Delete {s.payee}
                </button>
              ) : null}
              {s.decision === null ? (
                <>
                  <button
                    type="button"
                    className="small"
                    onClick={() => decide.mutate({ id: s.id, decision: 'confirmed' })}
                  >
                    Confirm {s.payee}
                  </button>
                  <button
                    type="button"
                    className="small"
                    onClick={() => decide.mutate({ id: s.id, decision: 'dismissed' })}
                  >
                    Dismiss {s.payee}
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="small"
                  onClick={() => decide.mutate({ id: s.id, decision: null })}
                >
                  Undo {s.decision === 'dismissed' ? 'dismiss' : 'confirm'}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The "How often" choice of a form (field name 'cadence'). */
function CadenceField({ id, value }: { id: string; value: keyof typeof EVERY }) {
  return (
    <div>
      <label htmlFor={id}>How often</label>
      <select id={id} name="cadence" defaultValue={value}>
        <SelectOptions labels={EVERY} />
      </select>
    </div>
  );
}

/**
 * Corrects a series' cadence and typical amount (what the calendar and the bill alerts expect); once edited,
 * "Use the detected values" hands both back to detection.
 */
function SeriesEditor({ series }: { series: RecurringSeries }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const currency = series.currency ?? 'USD';
  const [open, setOpen] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (patch: Parameters<typeof api.recurring.decide>[1]) => api.recurring.decide(series.id, patch),
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['recurring'] });
    },
  });
  if (!open)
    return (
      <div className="row">
        <button type="button" className="small" onClick={() => setOpen(true)}>
          Edit {series.payee}
        </button>
        {series.edited ? (
          <button
            type="button"
            className="small"
            onClick={() => save.mutate({ cadence: null, typicalAmountMinor: null })}
            disabled={save.isPending}
          >
            Use the detected values for {series.payee}
          </button>
        ) : null}
      </div>
    );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const typicalAmountMinor = typedAmount(String(form.get('amount') ?? ''), currency);
    if (typicalAmountMinor === null || typicalAmountMinor <= 0)
      return setFieldError('Enter an amount like 17.99');
    setFieldError(null);
    save.mutate({ cadence: form.get('cadence') as keyof typeof EVERY, typicalAmountMinor });
  };
  return (
    <form className="budget-edit" onSubmit={submit} aria-label={`Edit ${series.payee}`}>
      <CadenceField id={`cadence-${series.id}`} value={series.cadence} />
      <div>
        <label htmlFor={`amount-${series.id}`}>Typical amount</label>
        <input
          id={`amount-${series.id}`}
          name="amount"
          type="text"
          inputMode="decimal"
          size={10}
          defaultValue={toDecimalString(series.typicalAmountMinor, currency)}
        />
      </div>
      <button type="submit" className="primary" disabled={save.isPending}>
        Save
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {fieldError || save.error ? (
        <div className="field-error" role="alert">
          {fieldError ?? refusalMessage(save.error)}
        </div>
      ) : null}
    </form>
  );
}

/** A bill detection did not find (a yearly fee, a new lease), added by hand. */
function AddSeries({ accounts }: { accounts: Account[] }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [fieldError, setFieldError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: Parameters<typeof api.recurring.create>[0]) => api.recurring.create(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['recurring'] }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const accountId = String(form.get('account') ?? '') || null;
    const currency = accounts.find((a) => a.id === accountId)?.currency ?? 'USD';
    const payee = String(form.get('payee') ?? '').trim();
    const nextDate = String(form.get('next') ?? '');
    const amountMinor = typedAmount(String(form.get('amount') ?? ''), currency);
    if (!payee) return setFieldError('Name the payee');
    if (amountMinor === null || amountMinor <= 0) return setFieldError('Enter an amount like 17.99');
    if (!nextDate) return setFieldError('Choose the next date it is due');
    setFieldError(null);
    create.mutate(
      {
        payee,
        amountMinor,
        nextDate,
        cadence: form.get('cadence') as keyof typeof EVERY,
        direction: 'outflow',
        accountId,
      },
      { onSuccess: () => formElement.reset() },
    );
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Add a bill by hand">
      <h2>Add a bill by hand</h2>
      <div className="budget-edit">
        <div>
          <label htmlFor="series-payee">Payee</label>
          <input id="series-payee" name="payee" type="text" maxLength={100} />
        </div>
        <div>
          <label htmlFor="series-amount">Amount</label>
          <input id="series-amount" name="amount" type="text" inputMode="decimal" size={10} />
        </div>
        <CadenceField id="series-cadence" value="monthly" />
        <div>
          <label htmlFor="series-next">Next due</label>
          <input id="series-next" name="next" type="date" />
        </div>
        <div>
          <label htmlFor="series-account">Paid from</label>
          <select id="series-account" name="account" defaultValue="">
            <option value="">No account</option>
            {accounts
              .filter((a) => !a.hidden)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
          </select>
        </div>
      </div>
      <button type="submit" className="primary" disabled={create.isPending}>
        Add bill
      </button>
      <FormErrors invalid={fieldError} refused={create.error} />
    </form>
  );
}

/** The bank's own recurring streams next to finsync's series: what both see, what only the bank sees. */
function BankStreams({ check, view }: { check: BankRecurringCheck; view: RecurringView }) {
  if (check.streams.length === 0 && check.unavailable === 0) return null;
  const payee = (id: string | null) => view.series.find((s) => s.id === id)?.payee;
  return (
    <section className="card stack" aria-label="What your bank sees">
      <h2>What your bank sees</h2>
      <p className="small muted">Your bank's own list of recurring payments, checked against finsync's.</p>
      {check.unavailable > 0 ? (
        <p className="small muted">
          {check.unavailable} connection{check.unavailable === 1 ? '' : 's'} could not answer.
        </p>
      ) : null}
      <ul className="budget-list">
        {check.streams.map((s) => (
          <li key={`${s.direction}-${s.description}-${s.lastDate}`} className="suggestion-row">
            <span className="budget-name">
              {s.merchantName ?? s.description}{' '}
              <span className="small muted">
                ({s.direction === 'inflow' ? 'in' : 'out'}, last {s.lastDate}
                {s.isActive ? '' : ', stopped'})
              </span>
            </span>
            <span className="badge">
              {s.seriesId ? `Also found: ${payee(s.seriesId) ?? 'a series'}` : 'Only your bank'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
