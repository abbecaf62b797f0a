import type { CategorizableTransaction, WritableField } from './categorizable-transaction.ts';
import type { ActionContext } from './rule-actions.ts';
import { type ActionFailure, compileRules, type RuleProblem, runRules } from './rule-engine.ts';
import type { RuleDefinition } from './rule-schema.ts';

export interface TransactionDiff {
  transactionId: string;
  changes: { field: WritableField; from: unknown; to: unknown }[];
}

export interface RulePreview {
  /** Transactions the rule's conditions match. */
  matched: number;
  /** Matched transactions whose fields the rule would change ("N transactions would change"). */
  changed: number;
  /** Up to `limit` diffs, in the order given. */
  diffs: TransactionDiff[];
  failures: ActionFailure[];
  invalid: RuleProblem | null;
}

/**
 * A dry run of one rule (alone, respecting locks) fed a history a part at a time: `see` each part in order,
 * then `result`. Pure; what it holds between parts is the counts and the first `limit` diffs.
 */
export interface RulePreviewer {
  see(transactions: Iterable<CategorizableTransaction>): void;
  result(): RulePreview;
}

export function rulePreviewer(
  rule: RuleDefinition,
  options: ActionContext & { limit?: number } = {},
): RulePreviewer {
  const engine = compileRules([{ ...rule, enabled: true }]);
  const preview: RulePreview = {
    matched: 0,
    changed: 0,
    diffs: [],
    failures: [],
    invalid: engine.invalid[0] ?? null,
  };
  const limit = options.limit ?? 50;
  return {
    see(transactions) {
      if (preview.invalid) return;
      for (const t of transactions) {
        const out = runRules(engine, t, options);
        if (out.matchedRuleIds.length === 0) continue;
        preview.matched++;
        preview.failures.push(...out.failures.map((f) => ({ ...f })));
        if (out.changes.length === 0) continue;
        preview.changed++;
        if (preview.diffs.length < limit) {
          preview.diffs.push({
            transactionId: t.id,
            changes: out.changes.map(({ field, from, to }) => ({ field, from, to })),
          });
        }
      }
    },
    result: () => preview,
  };
}

/** What applying one rule (alone, respecting locks) to these transactions would change. Pure: a dry run. */
export function previewRule(
  rule: RuleDefinition,
  transactions: Iterable<CategorizableTransaction>,
  options: ActionContext & { limit?: number } = {},
): RulePreview {
  const previewer = rulePreviewer(rule, options);
  previewer.see(transactions);
  return previewer.result();
}
