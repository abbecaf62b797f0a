import { toDecimalString } from '@finsync/shared/money';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { Category, Rule } from '../api/contract-types.ts';
import { useMoney } from '../money/use-money.ts';
import { useUser } from '../session/session-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState, QueryError } from '../ui/error-state.tsx';
import { PageHead } from '../ui/page-head.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { describeRule, emptyDraft, type RuleDraft, ruleToDraft } from './rule-draft.ts';
import { RuleEditor } from './rule-editor.tsx';
import { runWords } from './rule-run-words.ts';

/** Rules: what finsync proposes from your corrections, your rules, an editor with a live preview, recent runs. */
export default function RulesPage() {
  const api = useApi();
  const user = useUser();
  const money = useMoney();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<{ rule: Rule | null; draft: RuleDraft } | null>(() => {
    const payee = params.get('payee');
    if (!payee) return null;
    return {
      rule: null,
      draft: {
        ...emptyDraft,
        name: `${payee} → category`,
        conditions: [{ field: 'payee', op: 'is', value: payee }],
        categoryId: params.get('categoryId') ?? '',
      },
    };
  });
  const categories = useQuery({ queryKey: ['categories'], queryFn: () => api.categories.list() });
  const all = categories.data?.categories ?? [];
  const assignable = useMemo(() => all.filter((c) => !c.isGroup && !c.hidden), [all]);
  const rules = useQuery({ queryKey: ['rules'], queryFn: () => api.rules.list() });
  const amount = (minor: number) => money(minor, user.currency);
  const plainAmount = (minor: number) => toDecimalString(minor, user.currency);

  const closeEditor = () => {
    setEditing(null);
    if (params.has('payee')) setParams({});
  };

  return (
    <div className="stack">
      <PageHead title="Rules">
        <button
          type="button"
          className="primary"
          onClick={() => setEditing({ rule: null, draft: emptyDraft })}
          disabled={editing !== null}
        >
          New rule
        </button>
      </PageHead>
      <p>
        Rules categorize transactions for you: when a transaction matches the conditions, the actions apply.
        Your own edits always win over rules.
      </p>
      <Suggestions categories={all} amount={amount} />
      {editing ? (
        <RuleEditor
          key={editing.rule?.id ?? 'new'}
          rule={editing.rule}
          initial={editing.draft}
          categories={assignable}
          allCategories={all}
          onDone={closeEditor}
        />
      ) : null}
      <section className="card stack" aria-labelledby="your-rules-h">
        <h2 id="your-rules-h">Your rules</h2>
        <QueryError query={rules} what="your rules" />
        {rules.isPending ? <Skeleton height={120} label="Loading rules" /> : null}
        {rules.data && rules.data.rules.length === 0 ? (
          <EmptyState title="No rules yet">
            <p>
              Create one here, or from a transaction's “Create a rule from this”. After you correct the same
              payee twice, finsync proposes one.
            </p>
          </EmptyState>
        ) : null}
        <ul className="plain rule-list">
          {rules.data?.rules.map((rule) => (
            <RuleRow
              key={rule.id}
              rule={rule}
              categories={all}
              amount={amount}
              onEdit={() => {
                const draft = ruleToDraft(rule, plainAmount);
                if (draft) setEditing({ rule, draft });
              }}
              editable={ruleToDraft(rule, plainAmount) !== null}
            />
          ))}
        </ul>
      </section>
      <RecentRuns rules={rules.data?.rules ?? []} />
    </div>
  );
}

function Suggestions({
  categories,
  amount,
}: {
  categories: readonly Category[];
  amount: (minor: number) => string;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const suggestions = useQuery({ queryKey: ['rule-suggestions'], queryFn: () => api.rules.suggestions() });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['rule-suggestions'] });
    void queryClient.invalidateQueries({ queryKey: ['rules'] });
  };
  const accept = useMutation({
    mutationFn: async (id: string) => {
      const rule = await api.rules.acceptSuggestion(id);
      // Accepting means "do this from now on and for what is already there".
      const applied = await api.rules.applyToHistory(rule.id);
      return { rule, applied };
    },
    onSuccess: () => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: ['transactions'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      void queryClient.invalidateQueries({ queryKey: ['rule-runs'] });
    },
  });
  const dismiss = useMutation({
    mutationFn: (id: string) => api.rules.dismissSuggestion(id),
    onSuccess: refresh,
  });
  const list = suggestions.data?.suggestions ?? [];
  if (suggestions.error)
    return (
      <ErrorState error={suggestions.error} what="proposed rules" onRetry={() => suggestions.refetch()} />
    );
  if (list.length === 0 && !accept.data) return null;
  return (
    <section className="card stack" id="suggestions" aria-labelledby="suggestions-h">
      <h2 id="suggestions-h">Proposed from your corrections</h2>
      {accept.data ? (
        <p role="status" className="alert">
          Rule “{accept.data.rule.name}” is on. It changed {accept.data.applied.changed} existing transaction
          {accept.data.applied.changed === 1 ? '' : 's'}.
        </p>
      ) : null}
      {accept.error ? <ErrorState error={accept.error} what="the rule" /> : null}
      {dismiss.error ? <ErrorState error={dismiss.error} what="the dismissal" /> : null}
      <ul className="plain">
        {list.map(({ rule, previewCount }) => (
          <li key={rule.id} className="stack" data-suggestion={rule.id} style={{ alignItems: 'stretch' }}>
            <span>
              <strong>{rule.name}</strong>
              <br />
              <span className="small">{describeRule(rule, categories, amount)}</span>
              <br />
              <span className="small muted">
                Accepting turns it on for new transactions and applies it to the {previewCount} existing
                transaction{previewCount === 1 ? '' : 's'} it would change.
              </span>
            </span>
            <span className="row">
              <button
                type="button"
                className="primary"
                onClick={() => accept.mutate(rule.id)}
                disabled={accept.isPending}
                aria-label={`Accept rule ${rule.name}`}
              >
                Accept
              </button>
              <button
                type="button"
                onClick={() => dismiss.mutate(rule.id)}
                disabled={dismiss.isPending}
                aria-label={`Dismiss rule ${rule.name}`}
              >
                Dismiss
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RuleRow({
  rule,
  categories,
  amount,
  onEdit,
  editable,
}: {
  rule: Rule;
  categories: readonly Category[];
  amount: (minor: number) => string;
  onEdit: () => void;
  editable: boolean;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const invalidate = () => {
    void queryClient.invalidateQueries({ queryKey: ['rules'] });
    void queryClient.invalidateQueries({ queryKey: ['rule-runs'] });
  };
  const toggle = useMutation({
    mutationFn: () => api.rules.update(rule.id, { enabled: !rule.enabled }),
    onSuccess: invalidate,
  });
  const apply = useMutation({
    mutationFn: () => api.rules.applyToHistory(rule.id),
    onSuccess: () => {
      invalidate();
      void queryClient.invalidateQueries({ queryKey: ['transactions'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
  const remove = useMutation({ mutationFn: () => api.rules.remove(rule.id), onSuccess: invalidate });
  return (
    <li className="stack" data-rule={rule.id} style={{ alignItems: 'stretch' }}>
      <span>
        <strong>{rule.name}</strong>{' '}
        {rule.enabled ? <span className="badge ok">On</span> : <span className="badge">Off</span>}
        {rule.origin === 'suggested' ? <span className="muted small"> proposed by finsync</span> : null}
        <br />
        <span className="small">{describeRule(rule, categories, amount)}</span>
      </span>
      <span className="row">
        {editable ? (
          <button type="button" onClick={onEdit}>
            Edit
          </button>
        ) : null}
        <button type="button" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
          {rule.enabled ? 'Turn off' : 'Turn on'}
        </button>
        <button
          type="button"
          onClick={() => apply.mutate()}
          disabled={apply.isPending || !rule.enabled}
          aria-label={`Apply ${rule.name} to history`}
        >
          Apply to history
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            if (window.confirm(`Delete the rule “${rule.name}”? Transactions keep their categories.`))
              remove.mutate();
          }}
          disabled={remove.isPending}
        >
          Delete
        </button>
      </span>
      {apply.data ? (
        <p role="status" className="small">
          Applied: {apply.data.matched} matched, {apply.data.changed} changed
          {apply.data.failures.length ? `, ${apply.data.failures.length} could not be changed` : ''}.
        </p>
      ) : null}
      {[toggle.error, apply.error, remove.error].map((e, i) =>
        e ? <ErrorState key={i} error={e} what="the rule" /> : null,
      )}
    </li>
  );
}

function RecentRuns({ rules }: { rules: readonly Rule[] }) {
  const api = useApi();
  const runs = useQuery({ queryKey: ['rule-runs'], queryFn: () => api.rules.runs(10) });
  const list = (runs.data?.runs ?? []).filter((r) => r.trigger !== 'preview');
  return (
    <section className="card stack" aria-labelledby="runs-h">
      <h2 id="runs-h">Recent runs</h2>
      <QueryError query={runs} what="rule runs" />
      {runs.data && list.length === 0 ? (
        <p className="muted small">
          Rules run when new transactions arrive and when you apply them to history.
        </p>
      ) : null}
      {list.length > 0 ? (
        <ul className="plain" data-rule-runs>
          {list.map((r) => (
            <li key={r.id}>
              <span>
                <strong>
                  {r.ruleId ? (rules.find((x) => x.id === r.ruleId)?.name ?? 'A deleted rule') : 'All rules'}
                </strong>
                <span className="block small" data-rule-run-words>
                  {runWords(r)}
                </span>
              </span>
              <time className="small muted" dateTime={r.startedAt}>
                {new Date(r.startedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
