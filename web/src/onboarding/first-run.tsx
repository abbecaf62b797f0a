import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { Settings, Transaction } from '../api/contract-types.ts';
import { groupCategories } from '../categories/category-groups.ts';
import { CategoryPicker } from '../categories/category-picker.tsx';
import { useMoney } from '../money/use-money.ts';
import { ErrorState } from '../ui/error-state.tsx';

const STEPS = ['categories', 'rules', 'schedule'] as const;
type Step = (typeof STEPS)[number];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The guided first run after the first bank is linked (issue 17): review the categories finsync suggested for
 * the newest transactions (one tap changes one, and finsync learns from it), accept the rules it proposes from
 * those corrections, and choose the report schedule. Skippable at every step (to the dashboard); finishing or
 * skipping marks it done on the server, so it is shown once on every device.
 */
export function FirstRun({ settings }: { settings: Settings }) {
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('categories');
  const [schedule, setSchedule] = useState(settings.reportSchedule);
  const [weekday, setWeekday] = useState(settings.reportWeekday);
  const finish = useMutation({
    mutationFn: () =>
      api.settings.update({ reportSchedule: schedule, reportWeekday: weekday, firstRunDone: true }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings'], saved);
      navigate('/');
    },
  });
  const skip = useMutation({
    mutationFn: () => api.settings.update({ firstRunDone: true }),
    onSuccess: (saved) => queryClient.setQueryData(['settings'], saved),
  });
  const number = STEPS.indexOf(step) + 3;
  const next = () => setStep(STEPS[STEPS.indexOf(step) + 1] ?? 'schedule');

  return (
    <section className="card stack" aria-labelledby="first-run-h" data-first-run={step}>
      <h2 id="first-run-h">
        {number}.{' '}
        {step === 'categories'
          ? 'Check the categories finsync suggested'
          : step === 'rules'
            ? 'Accept the rules finsync proposes'
            : 'Choose when your reports arrive'}
      </h2>
      {step === 'categories' ? <ReviewCategories /> : null}
      {step === 'rules' ? <ProposedRules /> : null}
      {step === 'schedule' ? (
        <fieldset className="stack">
          <legend className="visually-hidden">Report schedule</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={schedule.weekly}
              onChange={(e) => setSchedule((s) => ({ ...s, weekly: e.target.checked }))}
            />
            A weekly report
          </label>
          {schedule.weekly ? (
            <div className="field">
              <label htmlFor="first-run-weekday">Weekly report day</label>
              <select
                id="first-run-weekday"
                value={weekday}
                onChange={(e) => setWeekday(Number(e.target.value))}
                style={{ width: 'auto' }}
              >
                {WEEKDAYS.map((name, i) => (
                  <option key={name} value={i}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <label className="check">
            <input
              type="checkbox"
              checked={schedule.monthly}
              onChange={(e) => setSchedule((s) => ({ ...s, monthly: e.target.checked }))}
            />
            A monthly report
          </label>
          <p className="small muted">The email only says a report is ready; the figures stay in finsync.</p>
        </fieldset>
      ) : null}
      {finish.error ? (
        <p className="alert error" role="alert">
          Not saved: {finish.error.message}
        </p>
      ) : null}
      <div className="row">
        {step === 'schedule' ? (
          <button
            type="button"
            className="primary"
            onClick={() => finish.mutate()}
            disabled={finish.isPending}
          >
            Finish
          </button>
        ) : (
          <button type="button" className="primary" onClick={next}>
            Next
          </button>
        )}
        {/* Skipping is going to the dashboard: the first run is marked done on the way. */}
        <Link to="/" onClick={() => skip.mutate()}>
          Go to your dashboard
        </Link>
      </div>
    </section>
  );
}

/** The newest transactions with the category finsync gave each; one tap on a category changes it. */
function ReviewCategories() {
  const api = useApi();
  const money = useMoney();
  const queryClient = useQueryClient();
  const categories = useQuery({ queryKey: ['categories'], queryFn: () => api.categories.list() });
  const groups = groupCategories(categories.data?.categories ?? []);
  const newest = useQuery({
    queryKey: ['first-run', 'newest'],
    queryFn: () => api.transactions.list({ limit: 8 }),
  });
  const [rows, setRows] = useState<Transaction[] | null>(null);
  const shown = rows ?? newest.data?.transactions ?? [];
  const change = useMutation({
    mutationFn: ({ txn, categoryId }: { txn: Transaction; categoryId: string | null }) =>
      api.transactions.patch(txn.id, { categoryId }),
    onSuccess: (updated) => {
      setRows(shown.map((t) => (t.id === updated.id ? updated : t)));
      void queryClient.invalidateQueries({ queryKey: ['rule-suggestions'] });
    },
  });
  if (newest.error) return <ErrorState error={newest.error} what="your newest transactions" />;
  return (
    <>
      <p>
        finsync sorted your history into categories. Change any that look wrong: it learns from each change,
        and the next step proposes rules from them.
      </p>
      <ul className="plain" aria-label="Newest transactions">
        {shown.map((t) => {
          const name = t.payee ?? t.merchantName ?? t.rawName;
          return (
            <li key={t.id} data-first-run-transaction={t.id}>
              <span className="first-run-payee">
                {name}
                <span className="small muted">
                  {' '}
                  {money(-t.amountMinor, t.currency, { signDisplay: 'exceptZero' })}
                </span>
              </span>
              <CategoryPicker
                groups={groups}
                value={t.categoryId}
                of={name}
                onChange={(categoryId) => change.mutate({ txn: t, categoryId })}
              />
            </li>
          );
        })}
      </ul>
      {change.error ? <ErrorState error={change.error} what="the category change" /> : null}
    </>
  );
}

/** The rules finsync proposes from the person's corrections; each is accepted with one button. */
function ProposedRules() {
  const api = useApi();
  const queryClient = useQueryClient();
  const suggestions = useQuery({ queryKey: ['rule-suggestions'], queryFn: () => api.rules.suggestions() });
  const accept = useMutation({
    // Accepting means "do this from now on and for what is already there", as on the rules page.
    mutationFn: async (id: string) => {
      const rule = await api.rules.acceptSuggestion(id);
      await api.rules.applyToHistory(rule.id);
      return rule;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['rule-suggestions'] });
      void queryClient.invalidateQueries({ queryKey: ['transactions'] });
    },
  });
  const list = suggestions.data?.suggestions ?? [];
  if (suggestions.error) return <ErrorState error={suggestions.error} what="proposed rules" />;
  return (
    <>
      {list.length === 0 ? (
        <p>
          No rules to propose yet: finsync proposes one when you correct the same payee a few times. You can
          write your own in Rules at any time.
        </p>
      ) : (
        <ul className="plain" aria-label="Proposed rules">
          {list.map(({ rule, previewCount }) => (
            <li key={rule.id} data-suggestion={rule.id}>
              <span>
                {rule.name}
                <span className="small muted"> ({previewCount} existing)</span>
              </span>
              <button type="button" onClick={() => accept.mutate(rule.id)} disabled={accept.isPending}>
                Accept {rule.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {accept.data ? <p role="status">Rule “{accept.data.name}” is on.</p> : null}
      {accept.error ? <ErrorState error={accept.error} what="the rule" /> : null}
    </>
  );
}
