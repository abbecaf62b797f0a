// The fast rule engine (index, literal prefilter before RE2, compiled closures, text lower-cased once per
// transaction) must decide exactly what testing every rule with a plain reading of its conditions decides.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CategorizableTransaction, uncategorizedTransaction } from './categorizable-transaction.ts';
import { compileRules, type RuleEngine, runRules } from './rule-engine.ts';
import { everyRuleIndex } from './rule-indexer.ts';
import {
  type Condition,
  type ConditionNode,
  isConditionGroup,
  type RuleDefinition,
  ruleInputSchema,
} from './rule-schema.ts';
import type { RuleSubject } from './rule-subject.ts';
import { compileSafeRegex } from './safe-regex.ts';

function plainText(t: CategorizableTransaction, field: string): string {
  const raw = (t as unknown as Record<string, unknown>)[field];
  return typeof raw === 'string' ? raw.toLowerCase() : '';
}

// A deliberately slow, direct reading of one condition: no cache, no index, no prefilter.
function plainCondition(c: Condition, t: CategorizableTransaction): boolean {
  const result = ((): boolean => {
    if (c.field === 'amount') {
      const n =
        c.direction === 'outflow'
          ? t.amountMinor > 0
            ? t.amountMinor
            : null
          : c.direction === 'inflow'
            ? t.amountMinor < 0
              ? -t.amountMinor
              : null
            : t.amountMinor;
      if (n === null) return false;
      const v = c.value as number;
      const list = c.value as number[];
      switch (c.op) {
        case 'is':
          return n === v;
        case 'isNot':
          return n !== v;
        case 'oneOf':
          return list.includes(n);
        case 'notOneOf':
          return !list.includes(n);
        case 'between':
          return n >= Math.min(list[0]!, list[1]!) && n <= Math.max(list[0]!, list[1]!);
        case 'lt':
          return n < v;
        case 'lte':
          return n <= v;
        case 'gt':
          return n > v;
        case 'gte':
          return n >= v;
        case 'approx':
          return Math.abs(n - v) <= Math.round((Math.abs(v) * (c.tolerancePercent ?? 7.5)) / 100);
      }
    }
    if (c.field === 'pending' || c.field === 'isTransfer') return t[c.field] === c.value;
    const text = plainText(t, c.field);
    const one = typeof c.value === 'string' ? c.value.toLowerCase() : '';
    const many = Array.isArray(c.value) ? c.value.map((v) => String(v).toLowerCase()) : [];
    switch (c.op) {
      case 'is':
        return text === one;
      case 'isNot':
        return text !== one;
      case 'contains':
        return text.includes(one);
      case 'doesNotContain':
        return !text.includes(one);
      case 'startsWith':
        return text.startsWith(one);
      case 'endsWith':
        return text.endsWith(one);
      case 'matches':
        return compileSafeRegex(String(c.value)).test(text);
      case 'oneOf':
        return many.includes(text);
      case 'notOneOf':
        return !many.includes(text);
      case 'empty':
        return text.trim() === '';
      case 'notEmpty':
        return text.trim() !== '';
      default:
        throw new Error(`reference lacks text ${c.op}`);
    }
  })();
  return c.negate ? !result : result;
}

function plainNodes(op: 'all' | 'any', nodes: ConditionNode[], t: CategorizableTransaction): boolean {
  if (nodes.length === 0) return false;
  const one = (n: ConditionNode) =>
    isConditionGroup(n) ? plainNodes(n.op, n.conditions, t) !== (n.negate ?? false) : plainCondition(n, t);
  return op === 'all' ? nodes.every(one) : nodes.some(one);
}

/** The same rules, each tested on every transaction by the plain reading above. */
function naiveEngine(engine: RuleEngine): RuleEngine {
  return {
    ...engine,
    rules: engine.rules.map((r) => ({
      ...r,
      test: (subject: RuleSubject) => plainNodes(r.conditionsOp, r.conditions, subject.transaction),
    })),
    index: everyRuleIndex(engine.rules.length),
  };
}

// Small alphabets so that keys, prefixes, trigrams and literals collide often; ſ and K (Kelvin) fold to s/k
// under RE2's case folding but not under toLowerCase.
const word = fc.constantFrom(
  'blue',
  'bottle',
  'donut',
  'sq *',
  'amzn',
  'mkt',
  'bot',
  'ſtar',
  'Kafe',
  'kafe',
  ' ',
  '12',
);
const phrase = fc.array(word, { minLength: 0, maxLength: 4 }).map((ws) => ws.join(''));
const textField = fc.constantFrom(
  'rawName' as const,
  'payee' as const,
  'merchantName' as const,
  'notes' as const,
  'accountId' as const,
  'categoryId' as const,
);
const pattern = fc.constantFrom(
  'blue\\s*bottle',
  'bottle \\d+',
  '^sq \\*',
  'amzn.*mkt',
  'bot+le',
  'do(nut)?',
  'kafe',
  'star',
  'blue|donut',
  'mkt$',
  '[0-9]{2}',
);
const textCondition = fc.oneof(
  fc.record({
    field: textField,
    op: fc.constantFrom(
      'is' as const,
      'isNot' as const,
      'contains' as const,
      'doesNotContain' as const,
      'startsWith' as const,
      'endsWith' as const,
    ),
    value: phrase.filter((p) => p.length > 0),
    negate: fc.boolean(),
  }),
  fc.record({ field: textField, op: fc.constant('matches' as const), value: pattern, negate: fc.boolean() }),
  fc.record({
    field: textField,
    op: fc.constantFrom('oneOf' as const, 'notOneOf' as const),
    value: fc.array(phrase, { minLength: 1, maxLength: 3 }),
    negate: fc.boolean(),
  }),
  fc.record({
    field: textField,
    op: fc.constantFrom('empty' as const, 'notEmpty' as const),
    negate: fc.boolean(),
  }),
);
const amountCondition = fc.oneof(
  fc.record({
    field: fc.constant('amount' as const),
    op: fc.constantFrom(
      'is' as const,
      'isNot' as const,
      'lt' as const,
      'lte' as const,
      'gt' as const,
      'gte' as const,
      'approx' as const,
    ),
    value: fc.integer({ min: -3000, max: 3000 }),
    direction: fc.constantFrom('outflow' as const, 'inflow' as const, undefined),
  }),
  fc.record({
    field: fc.constant('amount' as const),
    op: fc.constant('between' as const),
    value: fc.tuple(fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: -3000, max: 3000 })),
  }),
);
const condition = fc.oneof(
  { weight: 4, arbitrary: textCondition },
  { weight: 1, arbitrary: amountCondition },
  {
    weight: 1,
    arbitrary: fc.record({
      field: fc.constant('pending' as const),
      op: fc.constant('is' as const),
      value: fc.boolean(),
    }),
  },
);
const node = fc.oneof(
  { weight: 4, arbitrary: condition },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constantFrom('all' as const, 'any' as const),
      negate: fc.boolean(),
      conditions: fc.array(condition, { minLength: 1, maxLength: 3 }),
    }),
  },
);
const action = fc.oneof(
  fc.record({ type: fc.constant('setCategory' as const), categoryId: fc.constantFrom('c1', 'c2', 'blue') }),
  fc.record({ type: fc.constant('setPayee' as const), payee: phrase.filter((p) => p.length > 0) }),
  fc.record({
    type: fc.constant('setNotes' as const),
    notes: fc.constantFrom('donut', 'kafe 12'),
    mode: fc.constantFrom('replace' as const, 'append' as const),
  }),
  fc.record({
    type: fc.constant('addTags' as const),
    tags: fc.array(fc.constantFrom('x', 'y'), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ type: fc.constant('markTransfer' as const) }),
);
const ruleSpec = fc.record({
  stage: fc.constantFrom('pre' as const, 'default' as const, 'post' as const),
  priority: fc.integer({ min: 0, max: 2 }),
  conditionsOp: fc.constantFrom('all' as const, 'any' as const),
  conditions: fc.array(node, { minLength: 1, maxLength: 3 }),
  actions: fc.array(action, { minLength: 1, maxLength: 2 }),
  stopProcessing: fc.boolean(),
  enabled: fc.boolean(),
});
const transaction = fc.record({
  rawName: phrase,
  payee: fc.option(phrase, { nil: null }),
  merchantName: fc.option(phrase, { nil: null }),
  notes: fc.option(phrase, { nil: null }),
  accountId: fc.constantFrom('Blue', 'donut', 'a1'),
  categoryId: fc.constantFrom(null, 'c1', 'blue'),
  amountMinor: fc.integer({ min: -3000, max: 3000 }),
  pending: fc.boolean(),
  lockedFields: fc.subarray(['categoryId', 'payee', 'notes']),
});

describe('the fast rule engine against a plain reading of every rule', () => {
  it('gives exactly the outcome of testing every rule naively, on random rules and transactions', () => {
    fc.assert(
      fc.property(
        fc.array(ruleSpec, { maxLength: 12 }),
        fc.array(transaction, { minLength: 1, maxLength: 6 }),
        (specs, txns) => {
          const defs: RuleDefinition[] = specs.map((s, i) => ({
            ...ruleInputSchema.parse({ name: `r${i}`, ...s }),
            id: `r${i}`,
          }));
          const engine = compileRules(defs);
          const naive = naiveEngine(engine);
          txns.forEach((fields, i) => {
            const input = uncategorizedTransaction({ id: `t${i}`, date: '2026-03-14', ...fields });
            expect(runRules(engine, input)).toEqual(runRules(naive, input));
          });
        },
      ),
      { numRuns: 400 },
    );
  });
});
