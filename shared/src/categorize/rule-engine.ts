import { DomainError, type ErrorCode } from '../errors/domain-error.ts';
import {
  type CategorizableTransaction,
  type SplitLine,
  uncategorizedTransaction,
  type WritableField,
} from './categorizable-transaction.ts';
import { type ActionContext, actionWrite } from './rule-actions.ts';
import { REQUEST_RULE_BUDGET, type RuleBudget, ruleBudget } from './rule-budget.ts';
import { charged, compileConditionsTest, conditionCount, type SubjectTest } from './rule-conditions.ts';
import { type CandidateIndex, RuleIndex } from './rule-indexer.ts';
import type { RuleAction, RuleDefinition, RuleStageName } from './rule-schema.ts';
import { ruleSpecificity } from './rule-specificity.ts';
import { RuleSubject } from './rule-subject.ts';

const stageOrder: Record<RuleStageName, number> = { pre: 0, default: 1, post: 2 };

export interface CompiledRule {
  id: string;
  name: string;
  stage: RuleStageName;
  priority: number;
  specificity: number;
  stopProcessing: boolean;
  actions: RuleAction[];
  /** The rule's conditions compiled once to one closure. */
  test: SubjectTest;
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
  index: CandidateIndex;
  /**
   * Where a run's candidate positions are written, one slot per rule: reused by every run of this engine, as
   * runs are synchronous and never re-entered.
   */
  positions: Int32Array;
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

/**
 * What a run did. Its lists are read-only: a run that matched, changed, failed or skipped nothing shares one
 * frozen empty list instead of allocating four per transaction.
 */
export interface RuleOutcome {
  /**
   * The transaction after the rules: the input itself when no rule wrote a field, else a copy with the
   * writes. Either may share the input's arrays (tags, lockedFields): CategorizableTransaction is read-only
   * throughout, so neither side can change what the other holds.
   */
  transaction: CategorizableTransaction;
  splits: SplitLine[] | null;
  matchedRuleIds: readonly string[];
  /** The rule whose setCategory holds in the end, if any. */
  categoryRuleId: string | null;
  changes: readonly FieldChange[];
  failures: readonly ActionFailure[];
  /** Writes refused because the user locked the field. */
  skippedLocked: readonly { field: WritableField; ruleId: string }[];
}

/** The list a run reports when there is nothing to list. */
const NONE: readonly never[] = Object.freeze([]);

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
        test: charged(
          compileConditionsTest(d.conditionsOp, d.conditions, false, budget),
          conditionCount(d.conditions),
          budget,
        ),
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
  return { rules, invalid, index: new RuleIndex(rules), positions: new Int32Array(rules.length), budget };
}

const fieldKey: Record<Exclude<WritableField, 'splits'>, keyof CategorizableTransaction> = {
  categoryId: 'categoryId',
  payee: 'payee',
  notes: 'notes',
  tags: 'tags',
  isTransfer: 'isTransfer',
  excludedFromReports: 'excludedFromReports',
};

// Tags and splits are arrays: equal element by element (tags are strings, compared directly; split lines are
// objects, equal when their JSON is). Every other written value is a string or boolean. Comparing tags without
// serialising them matters: a rule that adds a tag compares them on every match.
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return sameElements(a, b);
  return (
    typeof a === 'object' &&
    typeof b === 'object' &&
    a !== null &&
    b !== null &&
    JSON.stringify(a) === JSON.stringify(b)
  );
}

function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}

const writableFields: readonly WritableField[] = [
  'categoryId',
  'payee',
  'notes',
  'tags',
  'isTransfer',
  'excludedFromReports',
  'splits',
];
const fieldNumber = Object.fromEntries(writableFields.map((f, n) => [f, n])) as Record<WritableField, number>;

/**
 * Which rule last changed each field (by field number) in the run under way, and the fields in the order
 * they were first changed: one record reused by every run (runs are synchronous and never re-entered), which
 * a run empties as it starts, so a run that threw midway leaves nothing behind.
 */
const writers = {
  ruleOf: writableFields.map(() => ''),
  order: new Int8Array(writableFields.length),
  count: 0,
  /** Which fields `order` holds, one bit per field number. */
  held: 0,
};

/** Notes `ruleId` as the last writer of `field` in this run. */
function recordWriter(field: WritableField, ruleId: string): void {
  const n = fieldNumber[field];
  writers.ruleOf[n] = ruleId;
  if (!(writers.held & (1 << n))) {
    writers.held |= 1 << n;
    writers.order[writers.count++] = n;
  }
}

/** Adds an entry to a run's list, making the list at its first entry. */
function append<T>(list: T[] | null, entry: T): T[] {
  if (!list) return [entry];
  list.push(entry);
  return list;
}

/** The net changes of a run: a field two stages wrote back to its first value did not change. */
function netChanges(
  input: CategorizableTransaction,
  output: CategorizableTransaction,
  splits: SplitLine[] | null,
): readonly FieldChange[] {
  let changes: FieldChange[] | null = null;
  for (let k = 0; k < writers.count; k++) {
    const n = writers.order[k]!;
    const field = writableFields[n]!;
    const ruleId = writers.ruleOf[n]!;
    const from = field === 'splits' ? null : input[fieldKey[field]];
    const to = field === 'splits' ? splits : output[fieldKey[field]];
    if (!same(from, to)) changes = append(changes, { field, from, to, ruleId });
  }
  return changes ?? NONE;
}

// One subject reused by every run: evaluation is synchronous and never re-entered (actions do not run rules),
// so each run resets it instead of allocating one.
const sharedSubject = new RuleSubject(
  uncategorizedTransaction({ id: '', accountId: '', amountMinor: 0, date: '', rawName: '' }),
);
const NO_CONTEXT: ActionContext = Object.freeze({});

/**
 * Runs the candidate rules on one transaction, in order. Each matching rule sees the output of the rules
 * before it. Within a stage the first rule to write a field wins it (so priority and specificity decide);
 * a later stage may override. `stopProcessing` ends the run. Locked fields are never written. An action that
 * fails is reported in `failures` and the rule's other actions still apply.
 */
export function runRules(
  engine: RuleEngine,
  input: CategorizableTransaction,
  ctx: ActionContext = NO_CONTEXT,
): RuleOutcome {
  // Written fields go to a copy of the input made at the first write, so `input` itself is never changed;
  // a run that writes nothing returns the input.
  let t = input;
  const subject = sharedSubject;
  subject.reset(t);
  let splits: SplitLine[] | null = null;
  let categoryRuleId: string | null = null;
  // The lists are made at their first entry: most runs have none.
  let matchedRuleIds: string[] | null = null;
  writers.count = 0;
  writers.held = 0;
  let failures: ActionFailure[] | null = null;
  let skippedLocked: { field: WritableField; ruleId: string }[] | null = null;
  const locked = input.lockedFields.length ? new Set(input.lockedFields) : null;
  // Absent on a stand-in index that lists every rule (benchmarks and tests compare against one).
  const keyedFields = engine.index.keyedFields;

  const candidates = engine.positions;
  let count = engine.index.candidates(subject, candidates);
  let stage: RuleStageName | null = null;
  let writtenThisStage = 0;
  for (let c = 0; c < count; c++) {
    const position = candidates[c]!;
    const rule = engine.rules[position]!;
    if (rule.stage !== stage) {
      stage = rule.stage;
      writtenThisStage = 0;
    }
    if (!rule.test(subject)) continue;
    matchedRuleIds = append(matchedRuleIds, rule.id);
    let rekey = false;
    for (let actionIndex = 0; actionIndex < rule.actions.length; actionIndex++) {
      let write: ReturnType<typeof actionWrite>;
      try {
        write = actionWrite(rule.actions[actionIndex]!, t, ctx);
      } catch (error) {
        const code = error instanceof DomainError ? error.code : 'ACTION_FAILED';
        failures = append(failures, {
          ruleId: rule.id,
          actionIndex,
          code,
          message: (error as Error).message,
        });
        continue;
      }
      const field = write.field;
      if (locked?.has(field)) {
        skippedLocked = append(skippedLocked, { field, ruleId: rule.id });
        continue;
      }
      // Tags accumulate across rules; every other field belongs to the first writer of the stage.
      const bit = 1 << fieldNumber[field];
      if (field !== 'tags' && writtenThisStage & bit) continue;
      writtenThisStage |= bit;
      if (field === 'splits') {
        if (!same(splits, write.value)) recordWriter(field, rule.id);
        splits = write.value;
        continue;
      }
      const key = fieldKey[field];
      const before = t[key];
      if (field === 'categoryId') categoryRuleId = rule.id;
      if (same(before, write.value)) continue;
      recordWriter(field, rule.id);
      // The first write copies the input; later writes change that copy, which nothing else holds yet (it is
      // read-only once returned).
      if (t === input) t = { ...input };
      (t as unknown as Record<string, unknown>)[key] = write.value;
      subject.replace(t, field);
      if (keyedFields?.has(field)) rekey = true;
    }
    if (rule.stopProcessing) break;
    if (rekey) {
      // A written field may make other rules candidates: look them up again, and go on from the first one
      // after this rule (the positions are ascending).
      count = engine.index.candidates(subject, candidates);
      c = -1;
      while (c + 1 < count && candidates[c + 1]! <= position) c++;
    }
  }
  const changes = writers.count ? netChanges(input, t, splits) : NONE;
  return {
    transaction: t,
    splits,
    matchedRuleIds: matchedRuleIds ?? NONE,
    categoryRuleId,
    changes,
    failures: failures ?? NONE,
    skippedLocked: skippedLocked ?? NONE,
  };
}
