import { DomainError } from '../errors/domain-error.ts';
import type { CategorizableTransaction } from './categorizable-transaction.ts';
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
import { compileSafeRegex } from './safe-regex.ts';

export type Predicate = (t: CategorizableTransaction) => boolean;

const DEFAULT_APPROX_PERCENT = 7.5;
const DEFAULT_APPROX_DAYS = 2;
const DAY_MS = 86_400_000;

// Lower-cased field values per transaction object: every rule testing a field shares one toLowerCase.
// Rule writes replace the object, so a stale entry is never read.
const lowered = new WeakMap<CategorizableTransaction, Map<string, string>>();

function textOf(t: CategorizableTransaction, field: string): string {
  let cache = lowered.get(t);
  if (!cache) {
    cache = new Map();
    lowered.set(t, cache);
  }
  let v = cache.get(field);
  if (v === undefined) {
    const raw = (t as unknown as Record<string, unknown>)[field];
    v = typeof raw === 'string' ? raw.toLowerCase() : '';
    cache.set(field, v);
  }
  return v;
}

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function compileText(c: TextCondition, budget: RuleBudget | undefined): Predicate {
  const field = c.field;
  const one = typeof c.value === 'string' ? c.value.toLowerCase() : '';
  const many = new Set(Array.isArray(c.value) ? c.value.map((v) => v.toLowerCase()) : []);
  switch (c.op) {
    case 'is':
      return (t) => textOf(t, field) === one;
    case 'isNot':
      return (t) => textOf(t, field) !== one;
    case 'contains':
      return (t) => textOf(t, field).includes(one);
    case 'doesNotContain':
      return (t) => !textOf(t, field).includes(one);
    case 'startsWith':
      return (t) => textOf(t, field).startsWith(one);
    case 'endsWith':
      return (t) => textOf(t, field).endsWith(one);
    case 'matches': {
      const re = compileSafeRegex(String(c.value), budget);
      return (t) => re.test(textOf(t, field));
    }
    case 'oneOf':
      return (t) => many.has(textOf(t, field));
    case 'notOneOf':
      return (t) => !many.has(textOf(t, field));
    case 'empty':
      return (t) => textOf(t, field).trim() === '';
    case 'notEmpty':
      return (t) => textOf(t, field).trim() !== '';
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
  let test: (n: number) => boolean;
  switch (c.op) {
    case 'is':
      test = (n) => n === v;
      break;
    case 'isNot':
      test = (n) => n !== v;
      break;
    case 'oneOf':
      test = (n) => list.includes(n);
      break;
    case 'notOneOf':
      test = (n) => !list.includes(n);
      break;
    case 'between': {
      const [a, b] = list as [number, number];
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      test = (n) => n >= lo && n <= hi;
      break;
    }
    case 'approx': {
      const tolerance = Math.round((Math.abs(v) * (c.tolerancePercent ?? DEFAULT_APPROX_PERCENT)) / 100);
      test = (n) => Math.abs(n - v) <= tolerance;
      break;
    }
    case 'lt':
      test = (n) => n < v;
      break;
    case 'lte':
      test = (n) => n <= v;
      break;
    case 'gt':
      test = (n) => n > v;
      break;
    case 'gte':
      test = (n) => n >= v;
      break;
  }
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
 * Compiles one condition to a predicate; per-condition negation flips it. Throws DomainError on a bad rule.
 * With a budget, every evaluation is charged (1 unit, a regex test its own cost).
 */
export function compileCondition(c: Condition, budget?: RuleBudget): Predicate {
  let p: Predicate;
  if (c.field === 'amount' || c.field === 'dayOfMonth') p = compileNumber(c as NumberCondition);
  else if (c.field === 'date') p = compileDate(c as DateCondition);
  else if (c.field === 'tags') p = compileTags(c as TagCondition);
  else if (c.field === 'pending' || c.field === 'isTransfer') {
    const field = c.field;
    const want = c.value as boolean;
    p = (t) => t[field] === want;
  } else p = compileText(c as TextCondition, budget);
  if (!p) throw new DomainError('RULE_INVALID', `unsupported condition ${c.field} ${c.op}`);
  const counted: Predicate = budget
    ? (t) => {
        budget.charge(1);
        return p(t);
      }
    : p;
  return c.negate ? (t) => !counted(t) : counted;
}

/** A compile failure of one condition, with the path of its value in the rule body ("conditions.0.value"). */
function atPath(error: unknown, path: string): unknown {
  if (!(error instanceof DomainError) || Array.isArray(error.details)) return error;
  return new DomainError(error.code, error.message, [{ path, message: error.message }], { cause: error });
}

/**
 * Compiles an all/any list of conditions and nested groups. An empty list never matches. A condition that
 * does not compile throws a DomainError whose details name it (`[{ path: 'conditions.1.value', message }]`).
 */
export function compileConditions(
  op: 'all' | 'any',
  nodes: ConditionNode[],
  negate = false,
  budget?: RuleBudget,
  path = 'conditions',
): Predicate {
  const parts = nodes.map((n, i) => {
    if (isConditionGroup(n))
      return compileConditions(n.op, n.conditions, n.negate ?? false, budget, `${path}.${i}.conditions`);
    try {
      return compileCondition(n, budget);
    } catch (error) {
      throw atPath(error, `${path}.${i}.value`);
    }
  });
  const base: Predicate =
    parts.length === 0
      ? () => false
      : op === 'all'
        ? (t) => parts.every((p) => p(t))
        : (t) => parts.some((p) => p(t));
  return negate ? (t) => !base(t) : base;
}
