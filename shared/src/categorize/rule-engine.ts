import { DomainError, type ErrorCode } from '../errors/domain-error.ts';
import type { CategorizableTransaction, SplitLine, WritableField } from './categorizable-transaction.ts';
import { type ActionContext, actionWrite } from './rule-actions.ts';
import { REQUEST_RULE_BUDGET, type RuleBudget, ruleBudget } from './rule-budget.ts';
import { compileConditions, type Predicate } from './rule-conditions.ts';
import { INDEXED_MUTABLE_FIELDS, RuleIndex } from './rule-indexer.ts';
import type { RuleAction, RuleDefinition, RuleStageName } from './rule-schema.ts';
import { ruleSpecificity } from './rule-specificity.ts';

const stageOrder: Record<RuleStageName, number> = { pre: 0, default: 1, post: 2 };

export interface CompiledRule {
  id: string;
  name: string;
  stage: RuleStageName;
  priority: number;
  specificity: number;
  stopProcessing: boolean;
  actions: RuleAction[];
  test: Predicate;
  conditionsOp: RuleDefinition['conditionsOp'];
  conditions: RuleDefinition['conditions'];
}

/** A rule that could not be compiled: reported, never run. */
export interface RuleProblem {
  ruleId: string;
  code: ErrorCode;
  message: string;
  /** Where in the rule body, e.g. "conditions.0.value", when one field is at fault. */
  path?: string;
}

export interface RuleEngine {
  /** Enabled, valid rules in evaluation order. */
  rules: CompiledRule[];
  invalid: RuleProblem[];
  index: RuleIndex;
  /** What evaluation may spend; running past it throws RuleBudgetExceeded. */
  budget: RuleBudget;
}

/** A change a rule made, with the value before and after. */
export interface FieldChange {
  field: WritableField;
  from: unknown;
  to: unknown;
  ruleId: string;
}

export interface ActionFailure {
  ruleId: string;
  actionIndex: number;
  code: string;
  message: string;
}

export interface RuleOutcome {
  transaction: CategorizableTransaction;
  splits: SplitLine[] | null;
  matchedRuleIds: string[];
  /** The rule whose setCategory holds in the end, if any. */
  categoryRuleId: string | null;
  changes: FieldChange[];
  failures: ActionFailure[];
  /** Writes refused because the user locked the field. */
  skippedLocked: { field: WritableField; ruleId: string }[];
}

/**
 * The deterministic evaluation order: stage (pre, default, post), then priority (higher first), then
 * specificity (more specific first), then id.
 */
export function compareRules(a: CompiledRule, b: CompiledRule): number {
  return (
    stageOrder[a.stage] - stageOrder[b.stage] ||
    b.priority - a.priority ||
    b.specificity - a.specificity ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Compiles rules once per run; invalid ones (e.g. a pattern RE2 refuses) are listed in `invalid`, not thrown.
 * Evaluation spends `budget` (by default one request's worth, REQUEST_RULE_BUDGET).
 */
export function compileRules(
  definitions: readonly RuleDefinition[],
  budget: RuleBudget = ruleBudget(REQUEST_RULE_BUDGET),
): RuleEngine {
  const rules: CompiledRule[] = [];
  const invalid: RuleProblem[] = [];
  for (const d of definitions) {
    if (!d.enabled) continue;
    try {
      rules.push({
        id: d.id,
        name: d.name,
        stage: d.stage,
        priority: d.priority,
        specificity: ruleSpecificity(d.conditions),
        stopProcessing: d.stopProcessing,
        actions: d.actions,
        test: compileConditions(d.conditionsOp, d.conditions, false, budget),
        conditionsOp: d.conditionsOp,
        conditions: d.conditions,
      });
    } catch (error) {
      const code = error instanceof DomainError ? error.code : 'RULE_INVALID';
      const where =
        error instanceof DomainError && Array.isArray(error.details) ? error.details[0] : undefined;
      const path = (where as { path?: unknown } | undefined)?.path;
      invalid.push({
        ruleId: d.id,
        code,
        message: (error as Error).message,
        ...(typeof path === 'string' ? { path } : {}),
      });
    }
  }
  rules.sort(compareRules);
  return { rules, invalid, index: new RuleIndex(rules), budget };
}

const fieldKey: Record<Exclude<WritableField, 'splits'>, keyof CategorizableTransaction> = {
  categoryId: 'categoryId',
  payee: 'payee',
  notes: 'notes',
  tags: 'tags',
  isTransfer: 'isTransfer',
  excludedFromReports: 'excludedFromReports',
};

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Runs the candidate rules on one transaction, in order. Each matching rule sees the output of the rules
 * before it. Within a stage the first rule to write a field wins it (so priority and specificity decide);
 * a later stage may override. `stopProcessing` ends the run. Locked fields are never written. An action that
 * fails is reported in `failures` and the rule's other actions still apply.
 */
export function runRules(
  engine: RuleEngine,
  input: CategorizableTransaction,
  ctx: ActionContext = {},
): RuleOutcome {
  let t: CategorizableTransaction = { ...input, tags: [...input.tags] };
  let splits: SplitLine[] | null = null;
  let categoryRuleId: string | null = null;
  const matchedRuleIds: string[] = [];
  const lastWriter = new Map<WritableField, string>();
  const failures: ActionFailure[] = [];
  const skippedLocked: RuleOutcome['skippedLocked'] = [];
  const locked = new Set(input.lockedFields);

  let candidates = engine.index.candidates(t);
  let stage: RuleStageName | null = null;
  let writtenThisStage = new Set<WritableField>();
  for (let c = 0; c < candidates.length; c++) {
    const position = candidates[c]!;
    const rule = engine.rules[position]!;
    if (rule.stage !== stage) {
      stage = rule.stage;
      writtenThisStage = new Set();
    }
    if (!rule.test(t)) continue;
    matchedRuleIds.push(rule.id);
    let rekey = false;
    rule.actions.forEach((action, actionIndex) => {
      let write: ReturnType<typeof actionWrite>;
      try {
        write = actionWrite(action, t, ctx);
      } catch (error) {
        const code = error instanceof DomainError ? error.code : 'ACTION_FAILED';
        failures.push({ ruleId: rule.id, actionIndex, code, message: (error as Error).message });
        return;
      }
      const field = write.field;
      if (locked.has(field)) {
        skippedLocked.push({ field, ruleId: rule.id });
        return;
      }
      // Tags accumulate across rules; every other field belongs to the first writer of the stage.
      if (field !== 'tags' && writtenThisStage.has(field)) return;
      writtenThisStage.add(field);
      if (field === 'splits') {
        if (!same(splits, write.value)) lastWriter.set(field, rule.id);
        splits = write.value;
        return;
      }
      const key = fieldKey[field];
      const before = t[key];
      if (field === 'categoryId') categoryRuleId = rule.id;
      if (same(before, write.value)) return;
      lastWriter.set(field, rule.id);
      t = { ...t, [key]: write.value };
      if (INDEXED_MUTABLE_FIELDS.has(field)) rekey = true;
    });
    if (rule.stopProcessing) break;
    if (rekey) {
      // A written field may make other rules candidates: look them up again for the rest of the run.
      candidates = engine.index.candidates(t).filter((p) => p > position);
      c = -1;
    }
  }
  // Net changes: a field two stages wrote back to its first value did not change.
  const changes: FieldChange[] = [];
  for (const [field, ruleId] of lastWriter) {
    const from = field === 'splits' ? null : input[fieldKey[field]];
    const to = field === 'splits' ? splits : t[fieldKey[field]];
    if (!same(from, to)) changes.push({ field, from, to, ruleId });
  }
  return { transaction: t, splits, matchedRuleIds, categoryRuleId, changes, failures, skippedLocked };
}
