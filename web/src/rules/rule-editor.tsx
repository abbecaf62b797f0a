import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { Category, Rule } from '../api/contract-types.ts';
import { CategorySelect } from '../categories/category-select.tsx';
import { useMoney } from '../money/use-money.ts';
import { useUser } from '../session/session-context.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { SelectOptions } from '../ui/select-options.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import {
  amountOpLabels,
  type DraftCondition,
  type DraftField,
  draftFields,
  draftToRule,
  type RuleDraft,
  textOpLabels,
} from './rule-draft.ts';

const PREVIEW_DELAY_MS = 350;

/** Conditions and actions of one rule, with a live preview of what it would change before it is saved. */
export function RuleEditor({
  rule,
  initial,
  categories,
  allCategories,
  onDone,
}: {
  rule: Rule | null;
  initial: RuleDraft;
  categories: readonly Category[];
  allCategories: readonly Category[];
  onDone: () => void;
}) {
  const api = useApi();
  const user = useUser();
  const money = useMoney();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const built = draftToRule(draft, user.currency);
  const [debounced, setDebounced] = useState(built.rule);
  const key = JSON.stringify(built.rule);
  // Keyed on the serialized rule, so a re-render with an equal draft does not restart the delay.
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(JSON.parse(key) as typeof built.rule), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const preview = useQuery({
    queryKey: ['rule-preview', debounced],
    queryFn: ({ signal }) => api.rules.preview(debounced!, 20, signal),
    enabled: debounced !== null,
    placeholderData: (previous) => previous,
  });
  const save = useMutation({
    mutationFn: async (applyToHistory: boolean) => {
      if (!built.rule) throw new Error(built.error ?? 'The rule is not complete.');
      const saved = rule ? await api.rules.update(rule.id, built.rule) : await api.rules.create(built.rule);
      const applied = applyToHistory ? await api.rules.applyToHistory(saved.id) : null;
      return { saved, applied };
    },
    onSuccess: ({ applied }) => {
      void queryClient.invalidateQueries({ queryKey: ['rules'] });
      void queryClient.invalidateQueries({ queryKey: ['rule-runs'] });
      if (applied) {
        void queryClient.invalidateQueries({ queryKey: ['transactions'] });
        void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      }
      onDone();
    },
  });

  const setCondition = (index: number, patch: Partial<DraftCondition>) =>
    setDraft((d) => ({
      ...d,
      conditions: d.conditions.map((c, i) => (i === index ? { ...c, ...patch } : c)),
    }));
  const categoryName = (id: unknown) =>
    typeof id === 'string' ? (allCategories.find((c) => c.id === id)?.name ?? 'unknown') : 'none';

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(false);
  }

  return (
    <form className="card stack" aria-labelledby="editor-h" onSubmit={submit} data-rule-editor>
      <h2 id="editor-h">{rule ? `Edit “${rule.name}”` : 'New rule'}</h2>
      <div className="field">
        <label htmlFor="rule-name">Name</label>
        <input
          id="rule-name"
          value={draft.name}
          maxLength={200}
          onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
        />
      </div>
      <fieldset className="stack">
        <legend>When a transaction matches</legend>
        <div className="field">
          <label htmlFor="rule-op">Match</label>
          <select
            id="rule-op"
            value={draft.conditionsOp}
            onChange={(e) => setDraft((d) => ({ ...d, conditionsOp: e.target.value as 'all' | 'any' }))}
          >
            <option value="all">all conditions</option>
            <option value="any">any condition</option>
          </select>
        </div>
        {draft.conditions.map((c, i) => {
          const ops = c.field === 'amount' ? amountOpLabels : textOpLabels;
          const n = i + 1;
          return (
            <div key={i} className="row rule-condition">
              <label className="visually-hidden" htmlFor={`cond-field-${i}`}>
                Condition {n} field
              </label>
              <select
                id={`cond-field-${i}`}
                value={c.field}
                onChange={(e) => {
                  const field = e.target.value as DraftField;
                  const validOps = field === 'amount' ? amountOpLabels : textOpLabels;
                  setCondition(i, { field, op: c.op in validOps ? c.op : 'is' });
                }}
              >
                <SelectOptions labels={draftFields} />
              </select>
              <label className="visually-hidden" htmlFor={`cond-op-${i}`}>
                Condition {n} operator
              </label>
              <select
                id={`cond-op-${i}`}
                value={c.op}
                onChange={(e) => setCondition(i, { op: e.target.value })}
              >
                <SelectOptions labels={ops} />
              </select>
              <label className="visually-hidden" htmlFor={`cond-value-${i}`}>
                Condition {n} value
              </label>
              <input
                id={`cond-value-${i}`}
                value={c.value}
                inputMode={c.field === 'amount' ? 'decimal' : undefined}
                placeholder={c.field === 'amount' ? '0.00' : ''}
                onChange={(e) => setCondition(i, { value: e.target.value })}
              />
              {draft.conditions.length > 1 ? (
                <button
                  type="button"
                  aria-label={`Remove condition ${n}`}
                  onClick={() =>
                    setDraft((d) => ({ ...d, conditions: d.conditions.filter((_, j) => j !== i) }))
                  }
                >
                  Remove
                </button>
              ) : null}
            </div>
          );
        })}
        <div>
          <button
            type="button"
            onClick={() =>
              setDraft((d) => ({
                ...d,
                conditions: [...d.conditions, { field: 'payee', op: 'contains', value: '' }],
              }))
            }
          >
            Add condition
          </button>
        </div>
      </fieldset>
      <fieldset className="stack">
        <legend>Then</legend>
        <div className="field">
          <label htmlFor="rule-category">Set category to</label>
          <CategorySelect
            id="rule-category"
            value={draft.categoryId}
            onChange={(categoryId) => setDraft((d) => ({ ...d, categoryId }))}
            categories={categories}
            emptyLabel="(leave the category)"
          />
        </div>
        <div className="field">
          <label htmlFor="rule-payee">Rename payee to (optional)</label>
          <input
            id="rule-payee"
            value={draft.payee}
            maxLength={200}
            onChange={(e) => setDraft((d) => ({ ...d, payee: e.target.value }))}
          />
        </div>
      </fieldset>
      <section className="stack" aria-labelledby="preview-h" aria-live="polite" data-rule-preview>
        <h3 id="preview-h">Preview on your transactions</h3>
        {built.error ? <p className="muted small">{built.error}</p> : null}
        {!built.error && preview.isFetching && !preview.data ? (
          <p className="muted small">Checking…</p>
        ) : null}
        {preview.error ? <ErrorState error={preview.error} what="the preview" /> : null}
        {!built.error && preview.data ? (
          <>
            {preview.data.invalid ? (
              <p className="alert error">{preview.data.invalid.message}</p>
            ) : (
              <p data-preview-changed={preview.data.changed}>
                Matches <strong>{preview.data.matched}</strong> transaction
                {preview.data.matched === 1 ? '' : 's'}; applying it would change{' '}
                <strong>{preview.data.changed}</strong>.
              </p>
            )}
            {preview.data.diffs.length > 0 ? (
              <TableScroll label="Changes the rule would make">
                <table className="data">
                  <caption className="visually-hidden">Changes the rule would make</caption>
                  <thead>
                    <tr>
                      <th scope="col">Transaction</th>
                      <th scope="col">Field</th>
                      <th scope="col">Now</th>
                      <th scope="col">After</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.data.diffs.flatMap((d) =>
                      d.changes.map((ch) => (
                        <tr key={`${d.transactionId}-${ch.field}`}>
                          <td>
                            <PreviewTransaction id={d.transactionId} />
                          </td>
                          <td>{ch.field === 'categoryId' ? 'Category' : ch.field}</td>
                          <td>{ch.field === 'categoryId' ? categoryName(ch.from) : display(ch.from)}</td>
                          <td>{ch.field === 'categoryId' ? categoryName(ch.to) : display(ch.to)}</td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </TableScroll>
            ) : null}
            {preview.data.failures.length > 0 ? (
              <p className="small">{preview.data.failures.length} transaction(s) could not be changed.</p>
            ) : null}
          </>
        ) : null}
      </section>
      {save.error ? <ErrorState error={save.error} what="the rule" /> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={!built.rule || save.isPending}>
          Save rule
        </button>
        <button
          type="button"
          disabled={!built.rule || save.isPending || (preview.data?.changed ?? 0) === 0}
          onClick={() => save.mutate(true)}
        >
          Save and apply to history
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      <p className="small muted">
        Amounts are money spent, typed as positive numbers in {user.currency} (e.g.{' '}
        {money(1250, user.currency)} as 12.50).
      </p>
    </form>
  );
}

/** The matched transaction's payee and date, read from the cache or the API. */
function PreviewTransaction({ id }: { id: string }) {
  const api = useApi();
  const money = useMoney();
  const txn = useQuery({
    queryKey: ['transaction', id],
    queryFn: () => api.transactions.get(id),
    staleTime: 60_000,
  });
  if (!txn.data) return <span className="muted">…</span>;
  const t = txn.data;
  return (
    <span>
      {t.payee ?? t.merchantName ?? t.rawName}{' '}
      <span className="muted small">
        {t.date} · {money(-t.amountMinor, t.currency, { signDisplay: 'exceptZero' })}
      </span>
    </span>
  );
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
