import { DomainError, type ErrorCode } from '../errors/domain-error.ts';
import {
  type CategorizableTransaction,
  type SplitLine,
  uncategorizedTransaction,
  type WritableField,
} from './categorizable-transaction.ts';
import {
  type ActionContext,
  type ActionWrite,
  actionCategory,
  actionWrite,
  constantWrite,
  writtenField,
} from './rule-actions.ts';
import { REQUEST_RULE_BUDGET, type RuleBudget, ruleBudget } from './rule-budget.ts';
import { compileConditionsTest, conditionCount, type SubjectTest } from './rule-conditions.ts';
import { type CandidateIndex, RuleIndex } from './rule-indexer.ts';
import type { RuleAction, RuleDefinition, RuleStageName } from './rule-schema.ts';
import { ruleSpecificity } from './rule-specificity.ts';
import { RuleSubject, writtenTextSlot } from './rule-subject.ts';

const stageOrder: Record<RuleStageName, number> = { pre: 0, default: 1, post: 2 };

export interface CompiledRule {
  id: string;
  /** [id], frozen: the matchedRuleIds of every run that matches this rule alone, shared instead of made. */
  idList: readonly string[];
  name: string;
  stage: RuleStageName;
  /** The stage's place in the order (pre 0, default 1, post 2): compared as a number in a run. */
  stageNumber: number;
  priority: number;
  specificity: number;
  stopProcessing: boolean;
  actions: RuleAction[];
  /** The actions, one each, with what compileRules worked out about them once (see CompiledAction). */
  writes: CompiledAction[];
  /** The rule's conditions compiled once to one closure (a regex in them charges the budget its own cost). */
  test: SubjectTest;
  /**
   * What a run charges the budget each time it tests the rule, before the test: its number of conditions. The
   * run charges it, not `test`: a call less per candidate, and a candidate the index has decided is charged
   * without being tested.
   */
  units: number;
  conditionsOp: RuleDefinition['conditionsOp'];
  conditions: RuleDefinition['conditions'];
}

/** An action as a run applies it. */
export interface CompiledAction {
  action: RuleAction;
  /** The number of the field it writes (see writableFields). */
  field: number;
  /** What it writes whatever the transaction (constantWrite), or null when that depends on the transaction. */
  constant: ActionWrite | null;
  /** The category the run's context must hold for it (actionCategory), or null. */
  category: string | null;
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
  /** Where a run notes the positions of the rules that matched, one slot per rule (reused as `positions` is). */
  matched: Int32Array;
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
 * frozen empty list instead of allocating four per transaction, and a run that matched one rule shares that
 * rule's frozen list of its id.
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
        idList: Object.freeze([d.id]),
        name: d.name,
        stage: d.stage,
        stageNumber: stageOrder[d.stage],
        priority: d.priority,
        specificity: ruleSpecificity(d.conditions),
        stopProcessing: d.stopProcessing,
        actions: d.actions,
        writes: d.actions.map(compileAction),
        test: compileConditionsTest(d.conditionsOp, d.conditions, false, budget),
        units: conditionCount(d.conditions),
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
  return {
    rules,
    invalid,
    index: new RuleIndex(rules),
    positions: new Int32Array(rules.length),
    matched: new Int32Array(rules.length),
    budget,
  };
}

function compileAction(action: RuleAction): CompiledAction {
  return {
    action,
    field: fieldNumber[writtenField(action)],
    constant: constantWrite(action),
    category: actionCategory(action),
  };
}

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
/** The subject's text slot of each written field, by number (-1: not a text field). */
const textSlotOf = Int8Array.from(writableFields, writtenTextSlot);
const CATEGORY = fieldNumber.categoryId;
const PAYEE = fieldNumber.payee;
const NOTES = fieldNumber.notes;
const TAGS = fieldNumber.tags;
const TRANSFER = fieldNumber.isTransfer;
const EXCLUDED = fieldNumber.excludedFromReports;
const SPLITS = fieldNumber.splits;

// A written field read and written by its number, each through a property of a fixed name: a read or write by
// a computed name (t[key]) goes megamorphic once a run has written a few different fields.
function readField(t: CategorizableTransaction, n: number): unknown {
  switch (n) {
    case CATEGORY:
      return t.categoryId;
    case PAYEE:
      return t.payee;
    case NOTES:
      return t.notes;
    case TAGS:
      return t.tags;
    case TRANSFER:
      return t.isTransfer;
    case EXCLUDED:
      return t.excludedFromReports;
    default:
      return null;
  }
}

type Writable = { -readonly [K in keyof CategorizableTransaction]: CategorizableTransaction[K] };

function writeField(t: Writable, n: number, value: unknown): void {
  switch (n) {
    case CATEGORY:
      t.categoryId = value as string;
      break;
    case PAYEE:
      t.payee = value as string;
      break;
    case NOTES:
      t.notes = value as string;
      break;
    case TAGS:
      t.tags = value as string[];
      break;
    case TRANSFER:
      t.isTransfer = value as boolean;
      break;
    case EXCLUDED:
      t.excludedFromReports = value as boolean;
      break;
  }
}

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

/** Notes `ruleId` as the last writer of field number `n` in this run. */
function recordWriter(n: number, ruleId: string): void {
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

/**
 * The net changes of a run: a field two stages wrote back to its first value did not change. The list is made
 * once its length is known (a list grown by push would be made again at its second entry, and larger).
 */
function netChanges(
  input: CategorizableTransaction,
  output: CategorizableTransaction,
  splits: SplitLine[] | null,
): readonly FieldChange[] {
  let changed = 0;
  let count = 0;
  for (let k = 0; k < writers.count; k++) {
    const n = writers.order[k]!;
    const to = n === SPLITS ? splits : readField(output, n);
    if (!same(n === SPLITS ? null : readField(input, n), to)) {
      changed |= 1 << n;
      count++;
    }
  }
  if (count === 0) return NONE;
  const changes = new Array<FieldChange>(count);
  let at = 0;
  for (let k = 0; k < writers.count; k++) {
    const n = writers.order[k]!;
    if (!(changed & (1 << n))) continue;
    changes[at++] = {
      field: writableFields[n]!,
      from: n === SPLITS ? null : readField(input, n),
      to: n === SPLITS ? splits : readField(output, n),
      ruleId: writers.ruleOf[n]!,
    };
  }
  return changes;
}

/** The ids of the first `count` rules noted in `matched`, as a list of exactly that length. */
function matchedIds(rules: readonly CompiledRule[], matched: Int32Array, count: number): readonly string[] {
  if (count === 0) return NONE;
  if (count === 1) return rules[matched[0]!]!.idList;
  const ids = new Array<string>(count);
  for (let k = 0; k < count; k++) ids[k] = rules[matched[k]!]!.id;
  return ids;
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
  // The matched rules are noted by position and listed at the end; the other lists are made at their first
  // entry: most runs have none.
  const matched = engine.matched;
  let matchCount = 0;
  writers.count = 0;
  writers.held = 0;
  let failures: ActionFailure[] | null = null;
  let skippedLocked: { field: WritableField; ruleId: string }[] | null = null;
  const locked = input.lockedFields.length ? new Set(input.lockedFields) : null;
  // Absent on a stand-in index that lists every rule (benchmarks and tests compare against one).
  const keyedFields = engine.index.keyedFields;
  // The candidates the lookup has decided match: charged as a test is, not tested again.
  const decided = engine.index.decided;
  const budget = engine.budget;
  const categoryIds = ctx.categoryIds;

  const candidates = engine.positions;
  let count = engine.index.candidates(subject, candidates);
  let stage = -1;
  let writtenThisStage = 0;
  for (let c = 0; c < count; c++) {
    const position = candidates[c]!;
    const rule = engine.rules[position]!;
    if (rule.stageNumber !== stage) {
      stage = rule.stageNumber;
      writtenThisStage = 0;
    }
    budget.charge(rule.units);
    if ((decided === undefined || decided[position] !== 1) && !rule.test(subject)) continue;
    matched[matchCount++] = position;
    let rekey = false;
    const writes = rule.writes;
    for (let actionIndex = 0; actionIndex < writes.length; actionIndex++) {
      const w = writes[actionIndex]!;
      let value: unknown;
      if (w.constant !== null && (w.category === null || !categoryIds || categoryIds.has(w.category)))
        value = w.constant.value;
      else {
        try {
          value = actionWrite(w.action, t, ctx).value;
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
      }
      const n = w.field;
      const field = writableFields[n]!;
      if (locked?.has(field)) {
        skippedLocked = append(skippedLocked, { field, ruleId: rule.id });
        continue;
      }
      // Tags accumulate across rules; every other field belongs to the first writer of the stage.
      const bit = 1 << n;
      if (n !== TAGS && writtenThisStage & bit) continue;
      writtenThisStage |= bit;
      if (n === SPLITS) {
        if (!same(splits, value)) recordWriter(n, rule.id);
        splits = value as SplitLine[];
        continue;
      }
      if (n === CATEGORY) categoryRuleId = rule.id;
      // A string or boolean is the same only when equal (same's first test): no call for it.
      const before = readField(t, n);
      if (before === value || (typeof value === 'object' && same(before, value))) continue;
      recordWriter(n, rule.id);
      // The first write copies the input; later writes change that copy, which nothing else holds yet (it is
      // read-only once returned).
      if (t === input) t = { ...input };
      writeField(t as Writable, n, value);
      subject.replace(t, field, textSlotOf[n]!);
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
    matchedRuleIds: matchedIds(engine.rules, matched, matchCount),
    categoryRuleId,
    changes,
    failures: failures ?? NONE,
    skippedLocked: skippedLocked ?? NONE,
  };
}
