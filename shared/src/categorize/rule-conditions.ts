import { DomainError } from '../errors/domain-error.ts';
import type { CategorizableTransaction } from './categorizable-transaction.ts';
import { asciiLiteralFilter, literalFilter } from './regex-literal.ts';
import type { RuleBudget } from './rule-budget.ts';
import {
  type Condition,
  type ConditionNode,
  type DateCondition,
  isConditionGroup,
  type NumberCondition,
  type TagCondition,
  type TextCondition,
} from './rule-schema.ts';
import { RuleSubject, textSlot } from './rule-subject.ts';
import { compileSafeRegex, REGEX_INPUT_CAP, regexTestCost } from './safe-regex.ts';

/** A condition compiled against a transaction as the rules see it (text lower-cased once per transaction). */
export type SubjectTest = (s: RuleSubject) => boolean;
export type Predicate = (t: CategorizableTransaction) => boolean;

const DEFAULT_APPROX_PERCENT = 7.5;
const DEFAULT_APPROX_DAYS = 2;
const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function compileText(c: TextCondition, budget: RuleBudget | undefined): SubjectTest {
  const slot = textSlot(c.field);
  const one = typeof c.value === 'string' ? c.value.toLowerCase() : '';
  const many = new Set(Array.isArray(c.value) ? c.value.map((v) => v.toLowerCase()) : []);
  switch (c.op) {
    case 'is':
      return (s) => s.text(slot) === one;
    case 'isNot':
      return (s) => s.text(slot) !== one;
    case 'contains':
      return (s) => s.text(slot).includes(one);
    case 'doesNotContain':
      return (s) => !s.text(slot).includes(one);
    case 'startsWith':
      return (s) => s.text(slot).startsWith(one);
    case 'endsWith':
      return (s) => s.text(slot).endsWith(one);
    case 'matches': {
      const pattern = String(c.value);
      const re = compileSafeRegex(pattern, budget);
      // Text without the pattern's required literal, in its place, cannot match: skip RE2 for it (most text,
      // for most rules).
      const filter = literalFilter(pattern);
      if (filter === null) return (s) => re.test(s.text(slot));
      const ascii = asciiLiteralFilter(pattern);
      if (ascii === null) return (s) => re.test(s.text(slot));
      return (s) => {
        const v = s.text(slot);
        // On an all-ASCII text, the filter from the longer literal; and when it decides the pattern on a text
        // RE2 would read whole, RE2 is charged as if it ran, not run.
        if (v.length <= REGEX_INPUT_CAP && s.textIsAscii(slot)) {
          if (!ascii.test(v)) return false;
          if (!ascii.decides) return re.test(v);
          budget?.charge(regexTestCost(pattern, v));
          return true;
        }
        return filter(v) && re.test(v);
      };
    }
    case 'oneOf':
      return (s) => many.has(s.text(slot));
    case 'notOneOf':
      return (s) => !many.has(s.text(slot));
    case 'empty':
      return (s) => s.text(slot).trim() === '';
    case 'notEmpty':
      return (s) => s.text(slot).trim() !== '';
  }
}

/**
 * The one inclusive range of numbers (after the condition's direction) a number condition accepts, or null
 * when it is not one range (isNot, oneOf, notOneOf). Amounts and days are integers: `gt v` is v + 1 and up.
 */
export function numberRange(c: NumberCondition): { lo: number; hi: number } | null {
  const v = c.value as number;
  switch (c.op) {
    case 'is':
      return { lo: v, hi: v };
    case 'between': {
      const [a, b] = c.value as [number, number];
      return { lo: Math.min(a, b), hi: Math.max(a, b) };
    }
    case 'approx': {
      const tolerance = Math.round((Math.abs(v) * (c.tolerancePercent ?? DEFAULT_APPROX_PERCENT)) / 100);
      return { lo: v - tolerance, hi: v + tolerance };
    }
    case 'lt':
      return { lo: Number.NEGATIVE_INFINITY, hi: v - 1 };
    case 'lte':
      return { lo: Number.NEGATIVE_INFINITY, hi: v };
    case 'gt':
      return { lo: v + 1, hi: Number.POSITIVE_INFINITY };
    case 'gte':
      return { lo: v, hi: Number.POSITIVE_INFINITY };
    default:
      return null;
  }
}

function compileNumber(c: NumberCondition): Predicate {
  const read =
    c.field === 'dayOfMonth'
      ? (t: CategorizableTransaction) => Number(t.date.slice(8, 10))
      : c.direction === 'outflow'
        ? (t: CategorizableTransaction) => (t.amountMinor > 0 ? t.amountMinor : null)
        : c.direction === 'inflow'
          ? (t: CategorizableTransaction) => (t.amountMinor < 0 ? -t.amountMinor : null)
          : (t: CategorizableTransaction) => t.amountMinor;
  const v = c.value as number;
  const list = Array.isArray(c.value) ? (c.value as number[]) : [];
  const range = numberRange(c);
  let test: (n: number) => boolean;
  if (range) {
    const { lo, hi } = range;
    test = (n) => n >= lo && n <= hi;
  } else if (c.op === 'isNot') test = (n) => n !== v;
  else if (c.op === 'oneOf') test = (n) => list.includes(n);
  else test = (n) => !list.includes(n);
  return (t) => {
    const n = read(t);
    return n !== null && test(n);
  };
}

function compileDate(c: DateCondition): Predicate {
  const v = c.value as string;
  const range = Array.isArray(c.value) ? (c.value as [string, string]) : null;
  switch (c.op) {
    case 'is':
      return (t) => t.date.startsWith(v);
    case 'isNot':
      return (t) => !t.date.startsWith(v);
    case 'between': {
      const [a, b] = range!;
      const [lo, hi] = [a, b].sort();
      return (t) => t.date >= lo! && t.date <= hi!;
    }
    case 'approx': {
      const day = dayNumber(v);
      const days = c.toleranceDays ?? DEFAULT_APPROX_DAYS;
      return (t) => Math.abs(dayNumber(t.date) - day) <= days;
    }
    case 'lt':
      return (t) => t.date < v;
    case 'lte':
      return (t) => t.date <= v;
    case 'gt':
      return (t) => t.date > v;
    case 'gte':
      return (t) => t.date >= v;
  }
}

function compileTags(c: TagCondition): Predicate {
  const has = (t: CategorizableTransaction, tag: string) => t.tags.some((x) => x.toLowerCase() === tag);
  const one = typeof c.value === 'string' ? c.value.toLowerCase() : '';
  const many = Array.isArray(c.value) ? c.value.map((v) => v.toLowerCase()) : [];
  switch (c.op) {
    case 'contains':
      return (t) => has(t, one);
    case 'doesNotContain':
      return (t) => !has(t, one);
    case 'oneOf':
      return (t) => many.some((tag) => has(t, tag));
    case 'empty':
      return (t) => t.tags.length === 0;
    case 'notEmpty':
      return (t) => t.tags.length > 0;
  }
}

/**
 * Compiles one condition to a test of a rule subject; per-condition negation flips it. Throws DomainError on a
 * bad rule. A regex test charges `budget` its own cost; the plain cost of conditions is charged per rule test
 * (rule-engine.ts), not by each closure.
 */
export function compileConditionTest(c: Condition, budget?: RuleBudget): SubjectTest {
  let p: SubjectTest;
  if (c.field === 'amount' || c.field === 'dayOfMonth')
    p = onTransaction(compileNumber(c as NumberCondition));
  else if (c.field === 'date') p = onTransaction(compileDate(c as DateCondition));
  else if (c.field === 'tags') p = onTransaction(compileTags(c as TagCondition));
  else if (c.field === 'pending' || c.field === 'isTransfer') {
    const field = c.field;
    const want = c.value as boolean;
    p = (s) => s.transaction[field] === want;
  } else p = compileText(c as TextCondition, budget);
  if (!p) throw new DomainError('RULE_INVALID', `unsupported condition ${c.field} ${c.op}`);
  return c.negate ? (s) => !p(s) : p;
}

/** How many conditions a list holds, nested groups included: what one test of them is charged. */
export function conditionCount(nodes: readonly ConditionNode[]): number {
  let n = 0;
  for (const node of nodes) n += isConditionGroup(node) ? conditionCount(node.conditions) : 1;
  return n;
}

/** Charges `units` to the budget before each test. */
export function charged(test: SubjectTest, units: number, budget: RuleBudget | undefined): SubjectTest {
  if (!budget) return test;
  return (s) => {
    budget.charge(units);
    return test(s);
  };
}

function onTransaction(p: Predicate): SubjectTest {
  return (s) => p(s.transaction);
}

function onSubject(test: SubjectTest): Predicate {
  return (t) => test(new RuleSubject(t));
}

/** One condition as a predicate on a transaction (see compileConditionTest). */
export function compileCondition(c: Condition, budget?: RuleBudget): Predicate {
  return onSubject(charged(compileConditionTest(c, budget), 1, budget));
}

/** A compile failure of one condition, with the path of its value in the rule body ("conditions.0.value"). */
function atPath(error: unknown, path: string): unknown {
  if (!(error instanceof DomainError) || Array.isArray(error.details)) return error;
  return new DomainError(error.code, error.message, [{ path, message: error.message }], { cause: error });
}

function allOf(parts: SubjectTest[]): SubjectTest {
  if (parts.length === 1) return parts[0]!;
  return (s) => {
    for (const p of parts) if (!p(s)) return false;
    return true;
  };
}

function anyOf(parts: SubjectTest[]): SubjectTest {
  if (parts.length === 1) return parts[0]!;
  return (s) => {
    for (const p of parts) if (p(s)) return true;
    return false;
  };
}

/**
 * Compiles an all/any list of conditions and nested groups to one closure, once per rule. An empty list never
 * matches. A condition that does not compile throws a DomainError whose details name it
 * (`[{ path: 'conditions.1.value', message }]`).
 */
export function compileConditionsTest(
  op: 'all' | 'any',
  nodes: ConditionNode[],
  negate = false,
  budget?: RuleBudget,
  path = 'conditions',
): SubjectTest {
  const parts = nodes.map((n, i) => {
    if (isConditionGroup(n))
      return compileConditionsTest(n.op, n.conditions, n.negate ?? false, budget, `${path}.${i}.conditions`);
    try {
      return compileConditionTest(n, budget);
    } catch (error) {
      throw atPath(error, `${path}.${i}.value`);
    }
  });
  const base: SubjectTest = parts.length === 0 ? () => false : op === 'all' ? allOf(parts) : anyOf(parts);
  return negate ? (s) => !base(s) : base;
}

/** An all/any list of conditions as a predicate on a transaction (see compileConditionsTest). */
export function compileConditions(
  op: 'all' | 'any',
  nodes: ConditionNode[],
  negate = false,
  budget?: RuleBudget,
): Predicate {
  return onSubject(charged(compileConditionsTest(op, nodes, negate, budget), conditionCount(nodes), budget));
}
