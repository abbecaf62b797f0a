import type { RuleSpec } from './rule-schema.ts';

/** One user correction, as rule suggestion needs it. */
export interface CorrectionRecord {
  merchantKey: string;
  payee: string | null;
  categoryId: string;
}

export const DEFAULT_SUGGEST_AFTER = 2;

/**
 * After the user has moved the same merchant to the same category `after` times in a row, proposes the rule
 * "payee is <payee> → set category". `history` is that merchant's corrections, oldest first. Returns null
 * while the corrections disagree or are too few.
 */
export function proposeRule(
  history: readonly CorrectionRecord[],
  after = DEFAULT_SUGGEST_AFTER,
): RuleSpec | null {
  if (history.length < after) return null;
  const recent = history.slice(-after);
  const last = recent.at(-1)!;
  if (
    !last.payee ||
    !recent.every((c) => c.categoryId === last.categoryId && c.merchantKey === last.merchantKey)
  ) {
    return null;
  }
  return {
    name: `${last.payee} → category`,
    stage: 'default',
    priority: 0,
    conditionsOp: 'all',
    conditions: [{ field: 'payee', op: 'is', value: last.payee }],
    actions: [{ type: 'setCategory', categoryId: last.categoryId }],
    stopProcessing: false,
    enabled: true,
  };
}
