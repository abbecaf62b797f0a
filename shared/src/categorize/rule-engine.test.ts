import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CategorizableTransaction } from './categorizable-transaction.ts';
import { RuleBudgetExceeded, ruleBudget } from './rule-budget.ts';
import { compileCondition } from './rule-conditions.ts';
import { compileRules, type RuleOutcome, runRules } from './rule-engine.ts';
import { everyRuleIndex } from './rule-indexer.ts';
import { type Condition, type RuleDefinition, ruleInputSchema } from './rule-schema.ts';

function txn(over: Partial<CategorizableTransaction> = {}): CategorizableTransaction {
  return {
    id: 't1',
    accountId: 'acc-checking',
    amountMinor: 1250,
    currency: 'USD',
    date: '2026-03-14',
    rawName: 'SQ *BLUE BOTTLE 1234 SAN FRANCISCO CA',
    merchantName: 'Blue Bottle Coffee',
    payee: 'Blue Bottle',
    pending: false,
    pfcPrimary: 'FOOD_AND_DRINK',
    pfcDetailed: 'FOOD_AND_DRINK_COFFEE',
    categoryId: null,
    categorySource: 'none',
    notes: null,
    tags: ['work'],
    isTransfer: false,
    excludedFromReports: false,
    lockedFields: [],
    ...over,
  };
}

let seq = 0;
function rule(
  over: Partial<RuleDefinition> & Pick<RuleDefinition, 'conditions' | 'actions'>,
): RuleDefinition {
  const { id, ...spec } = over;
  const parsed = ruleInputSchema.parse({ name: 'r', ...spec });
  return { ...parsed, id: id ?? `rule-${++seq}` };
}

const base = txn();
// [condition, expected on `base`]: every operator of every field type, matching and not matching.
const operatorCases: [string, Condition, boolean][] = [
  ['text is (case-insensitive)', { field: 'payee', op: 'is', value: 'blue bottle' }, true],
  ['text is, other value', { field: 'payee', op: 'is', value: 'Starbucks' }, false],
  ['text isNot', { field: 'payee', op: 'isNot', value: 'Starbucks' }, true],
  ['text contains', { field: 'rawName', op: 'contains', value: 'bottle' }, true],
  ['text contains, absent', { field: 'rawName', op: 'contains', value: 'donut' }, false],
  ['text doesNotContain', { field: 'rawName', op: 'doesNotContain', value: 'donut' }, true],
  ['text startsWith', { field: 'rawName', op: 'startsWith', value: 'SQ *' }, true],
  ['text startsWith, wrong prefix', { field: 'rawName', op: 'startsWith', value: 'TST' }, false],
  ['text endsWith', { field: 'rawName', op: 'endsWith', value: 'francisco ca' }, true],
  ['text matches', { field: 'rawName', op: 'matches', value: '^sq \\*blue\\s+bottle \\d{4}' }, true],
  ['text matches, no match', { field: 'rawName', op: 'matches', value: '^tst\\*' }, false],
  ['text oneOf', { field: 'accountId', op: 'oneOf', value: ['acc-savings', 'ACC-CHECKING'] }, true],
  ['text notOneOf', { field: 'accountId', op: 'notOneOf', value: ['acc-savings'] }, true],
  ['text empty', { field: 'notes', op: 'empty' }, true],
  ['text notEmpty', { field: 'merchantName', op: 'notEmpty' }, true],
  ['plaid category is', { field: 'pfcDetailed', op: 'is', value: 'FOOD_AND_DRINK_COFFEE' }, true],
  ['currency is', { field: 'currency', op: 'is', value: 'usd' }, true],
  ['category empty', { field: 'categoryId', op: 'empty' }, true],
  ['amount is (signed minor units)', { field: 'amount', op: 'is', value: 1250 }, true],
  ['amount isNot', { field: 'amount', op: 'isNot', value: 1250 }, false],
  ['amount oneOf', { field: 'amount', op: 'oneOf', value: [999, 1250] }, true],
  ['amount notOneOf', { field: 'amount', op: 'notOneOf', value: [999] }, true],
  ['amount between (bounds in any order)', { field: 'amount', op: 'between', value: [2000, 1000] }, true],
  ['amount approx within 7.5%', { field: 'amount', op: 'approx', value: 1300 }, true],
  ['amount approx outside 2%', { field: 'amount', op: 'approx', value: 1300, tolerancePercent: 2 }, false],
  ['amount lt', { field: 'amount', op: 'lt', value: 1250 }, false],
  ['amount lte', { field: 'amount', op: 'lte', value: 1250 }, true],
  ['amount gt', { field: 'amount', op: 'gt', value: 1000 }, true],
  ['amount gte', { field: 'amount', op: 'gte', value: 1251 }, false],
  [
    'outflow compares the absolute value',
    { field: 'amount', op: 'gt', value: 1000, direction: 'outflow' },
    true,
  ],
  ['inflow never matches money out', { field: 'amount', op: 'gt', value: 0, direction: 'inflow' }, false],
  ['day of month', { field: 'dayOfMonth', op: 'between', value: [10, 15] }, true],
  ['date is a day', { field: 'date', op: 'is', value: '2026-03-14' }, true],
  ['date is a month', { field: 'date', op: 'is', value: '2026-03' }, true],
  ['date is a year', { field: 'date', op: 'is', value: '2025' }, false],
  ['date isNot', { field: 'date', op: 'isNot', value: '2026-04' }, true],
  ['date between', { field: 'date', op: 'between', value: ['2026-03-01', '2026-03-31'] }, true],
  ['date approx ±2 days', { field: 'date', op: 'approx', value: '2026-03-16' }, true],
  [
    'date approx outside 1 day',
    { field: 'date', op: 'approx', value: '2026-03-16', toleranceDays: 1 },
    false,
  ],
  ['date lt', { field: 'date', op: 'lt', value: '2026-03-14' }, false],
  ['date lte', { field: 'date', op: 'lte', value: '2026-03-14' }, true],
  ['date gt', { field: 'date', op: 'gt', value: '2026-01-01' }, true],
  ['date gte', { field: 'date', op: 'gte', value: '2026-03-15' }, false],
  ['pending is', { field: 'pending', op: 'is', value: false }, true],
  ['transfer is', { field: 'isTransfer', op: 'is', value: true }, false],
  ['tags contains', { field: 'tags', op: 'contains', value: 'WORK' }, true],
  ['tags doesNotContain', { field: 'tags', op: 'doesNotContain', value: 'work' }, false],
  ['tags oneOf', { field: 'tags', op: 'oneOf', value: ['home', 'work'] }, true],
  ['tags empty', { field: 'tags', op: 'empty' }, false],
  ['tags notEmpty', { field: 'tags', op: 'notEmpty' }, true],
];

describe('rule conditions', () => {
  it.each(operatorCases)('%s', (_name, condition, expected) => {
    const parsed = ruleInputSchema.parse({
      name: 'x',
      conditions: [condition],
      actions: [{ type: 'markTransfer' }],
    });
    const c = parsed.conditions[0] as Condition;
    expect(compileCondition(c)(base)).toBe(expected);
    expect(compileCondition({ ...c, negate: true })(base)).toBe(!expected);
  });

  it('rejects a value of the wrong shape for the operator', () => {
    const bad = ruleInputSchema.safeParse({
      name: 'x',
      conditions: [{ field: 'amount', op: 'between', value: 5 }],
      actions: [{ type: 'markTransfer' }],
    });
    expect(bad.success).toBe(false);
    const none = ruleInputSchema.safeParse({
      name: 'x',
      conditions: [{ field: 'notes', op: 'empty', value: 'x' }],
      actions: [{ type: 'markTransfer' }],
    });
    expect(none.success).toBe(false);
  });

  it('evaluates nested all/any groups with negation', () => {
    const r = rule({
      conditionsOp: 'all',
      conditions: [
        { field: 'amount', op: 'gt', value: 0 },
        {
          op: 'any',
          conditions: [
            { field: 'payee', op: 'is', value: 'Starbucks' },
            { op: 'all', negate: true, conditions: [{ field: 'pending', op: 'is', value: true }] },
          ],
        },
      ],
      actions: [{ type: 'setCategory', categoryId: 'coffee' }],
    });
    const engine = compileRules([r]);
    expect(runRules(engine, base).transaction.categoryId).toBe('coffee');
    expect(runRules(engine, txn({ pending: true })).transaction.categoryId).toBeNull();
  });

  it('refuses a rule nested deeper than three groups', () => {
    const deep = {
      op: 'all',
      conditions: [
        {
          op: 'all',
          conditions: [
            {
              op: 'all',
              conditions: [{ op: 'all', conditions: [{ field: 'pending', op: 'is', value: true }] }],
            },
          ],
        },
      ],
    };
    expect(
      ruleInputSchema.safeParse({ name: 'x', conditions: [deep], actions: [{ type: 'markTransfer' }] })
        .success,
    ).toBe(false);
  });
});

describe('rule actions', () => {
  const cases: [string, RuleDefinition['actions'], Partial<CategorizableTransaction>][] = [
    ['setCategory', [{ type: 'setCategory', categoryId: 'coffee' }], { categoryId: 'coffee' }],
    ['setPayee', [{ type: 'setPayee', payee: 'Blue Bottle Coffee' }], { payee: 'Blue Bottle Coffee' }],
    [
      'addTags keeps existing and skips duplicates',
      [{ type: 'addTags', tags: ['work', 'coffee'] }],
      { tags: ['work', 'coffee'] },
    ],
    ['removeTags', [{ type: 'removeTags', tags: ['work'] }], { tags: [] }],
    ['setNotes replace', [{ type: 'setNotes', notes: 'latte' }], { notes: 'latte' }],
    ['setNotes append', [{ type: 'setNotes', notes: 'x', mode: 'append' }], { notes: 'old x' }],
    ['setNotes prepend', [{ type: 'setNotes', notes: 'x', mode: 'prepend' }], { notes: 'x old' }],
    ['markTransfer', [{ type: 'markTransfer' }], { isTransfer: true }],
    ['excludeFromReports', [{ type: 'excludeFromReports' }], { excludedFromReports: true }],
  ];
  it.each(cases)('%s', (_name, actions, expected) => {
    const engine = compileRules([rule({ conditions: [{ field: 'amount', op: 'gt', value: 0 }], actions })]);
    const out = runRules(engine, txn({ notes: _name.includes('pend') ? 'old' : null }));
    expect(out.transaction).toMatchObject(expected);
    expect(out.changes.length).toBeGreaterThan(0);
    expect(out.failures).toEqual([]);
  });

  it('split by fixed, percent and remainder sums to the total', () => {
    const engine = compileRules([
      rule({
        conditions: [{ field: 'amount', op: 'gt', value: 0 }],
        actions: [
          {
            type: 'split',
            splits: [
              { method: 'fixed', amount: 250, categoryId: 'a' },
              { method: 'percent', percent: 50, categoryId: 'b' },
              { method: 'remainder', categoryId: 'c' },
            ],
          },
        ],
      }),
    ]);
    const out = runRules(engine, txn({ amountMinor: 1251 }));
    expect(out.splits).toEqual([
      { amountMinor: 250, categoryId: 'a', notes: null },
      { amountMinor: 500, categoryId: 'b', notes: null },
      { amountMinor: 501, categoryId: 'c', notes: null },
    ]);
  });

  it('reports a failing action and still applies the rule’s other actions', () => {
    const engine = compileRules([
      rule({
        id: 'bad',
        conditions: [{ field: 'amount', op: 'gt', value: 0 }],
        actions: [
          { type: 'setCategory', categoryId: 'missing' },
          { type: 'split', splits: [{ method: 'fixed', amount: 99_999 }, { method: 'remainder' }] },
          { type: 'addTags', tags: ['seen'] },
        ],
      }),
    ]);
    const out = runRules(engine, base, { categoryIds: new Set(['coffee']) });
    expect(out.failures.map((f) => [f.actionIndex, f.code])).toEqual([
      [0, 'CATEGORY_NOT_FOUND'],
      [1, 'SPLIT_EXCEEDS_TOTAL'],
    ]);
    expect(out.transaction.tags).toContain('seen');
    expect(out.transaction.categoryId).toBeNull();
  });

  it('returns the input itself when no rule wrote a field, and a copy (input unchanged) when one did', () => {
    const engine = compileRules([
      rule({
        conditions: [{ field: 'payee', op: 'is', value: 'blue bottle' }],
        actions: [{ type: 'setCategory', categoryId: 'coffee' }],
      }),
      rule({
        conditions: [{ field: 'payee', op: 'is', value: 'starbucks' }],
        actions: [{ type: 'addTags', tags: ['work'] }],
      }),
    ]);
    const input = txn({ payee: 'Starbucks' });
    const unchanged = runRules(engine, input);
    expect(unchanged.matchedRuleIds).toHaveLength(1);
    expect(unchanged.transaction).toBe(input);
    const before = txn();
    const written = runRules(engine, before);
    expect(written.transaction).not.toBe(before);
    expect(written.transaction.categoryId).toBe('coffee');
    expect(before.categoryId).toBeNull();
    expect(written.transaction.tags).toBe(before.tags);
  });

  it('a run that matched one rule lists it in a frozen list that rule’s runs share, not one made per run', () => {
    const engine = compileRules([
      rule({
        id: 'one',
        conditions: [{ field: 'amount', op: 'gt', value: 0 }],
        actions: [{ type: 'setCategory', categoryId: 'coffee' }],
      }),
    ]);
    const first = runRules(engine, txn());
    const second = runRules(engine, txn({ amountMinor: 99 }));
    expect(first.matchedRuleIds).toEqual(['one']);
    expect(Object.isFrozen(first.matchedRuleIds)).toBe(true);
    expect(second.matchedRuleIds).toBe(first.matchedRuleIds);
  });

  // Checked by the type checker (`pnpm typecheck`), not at run time: sharing the input's lists is safe because
  // no holder of a transaction or an outcome can change them.
  it('types refuse any change to a transaction or to what an outcome shares with its input', () => {
    expectTypeOf<CategorizableTransaction['tags']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<CategorizableTransaction['lockedFields']>().toEqualTypeOf<readonly string[]>();
    const refused = (out: RuleOutcome) => {
      // @ts-expect-error tags is a read-only list
      out.transaction.tags.push('x');
      // @ts-expect-error a transaction's fields are read-only
      out.transaction.categoryId = 'other';
      // @ts-expect-error lockedFields is a read-only list
      out.transaction.lockedFields.length = 0;
    };
    expectTypeOf(refused).parameter(0).toEqualTypeOf<RuleOutcome>();
  });

  it('a run stopped midway by the budget leaves nothing to the next run', () => {
    const writes = rule({
      priority: 1,
      conditions: [{ field: 'amount', op: 'gt', value: 0 }],
      actions: [{ type: 'setCategory', categoryId: 'coffee' }],
    });
    // Tested on every transaction (no index key, no amount guard), after `writes`; it matches nothing.
    const tests = rule({
      conditions: [{ field: 'notes', op: 'notEmpty' }],
      actions: [{ type: 'setNotes', notes: 'refund' }],
    });
    // Each rule test costs one unit: the first rule writes, the second exceeds the budget.
    const stopped = compileRules([writes, tests], ruleBudget(1));
    expect(() => runRules(stopped, base)).toThrow(RuleBudgetExceeded);
    const next = runRules(compileRules([writes]), base);
    expect(next.changes).toEqual([{ field: 'categoryId', from: null, to: 'coffee', ruleId: writes.id }]);
  });

  it('charges a regex test as RE2 would, and a decided candidate as a test, whichever way they are decided', () => {
    const regex = rule({
      conditions: [{ field: 'rawName', op: 'matches', value: 'blue\\s+\\w+ \\d{3,4}' }],
      actions: [{ type: 'setCategory', categoryId: 'coffee' }],
    });
    const contains = rule({
      conditions: [{ field: 'rawName', op: 'contains', value: 'bottle' }],
      actions: [{ type: 'addTags', tags: ['x'] }],
    });
    const pattern = 'blue\\s+\\w+ \\d{3,4}';
    // [description, whether RE2 runs or is charged as if it ran]: not when the literal filter refuses.
    const cases: [string, boolean][] = [
      ['SQ *BLUE BOTTLE 1234 SEATTLE', true],
      ['SQ *BLUE BOTTLE 1234 ſEATTLE', true],
      ['SQ *BLUE BOTTLE 12 ſEATTLE', false],
      ['BLUE BOTTLE 12', false],
    ];
    for (const [rawName, regexCharged] of cases) {
      const budget = ruleBudget(Number.POSITIVE_INFINITY);
      runRules(compileRules([regex, contains], budget), txn({ rawName }));
      // One unit per rule test, and (length + 1) × pattern length for the regex.
      expect(budget.spent).toBe(2 + (regexCharged ? (rawName.length + 1) * pattern.length : 0));
    }
  });

  it('a regex reads a field a rule rewrote past ASCII as RE2 does (ſ is an s to it)', () => {
    const engine = compileRules([
      rule({
        stage: 'pre',
        priority: 2,
        conditions: [{ field: 'payee', op: 'matches', value: 'blue\\d' }],
        actions: [{ type: 'setNotes', notes: 'x' }],
      }),
      rule({
        stage: 'pre',
        priority: 1,
        conditions: [{ field: 'rawName', op: 'contains', value: 'bottle' }],
        actions: [{ type: 'setPayee', payee: 'ſtar 123' }],
      }),
      rule({
        conditions: [{ field: 'payee', op: 'matches', value: 'star \\d+' }],
        actions: [{ type: 'setCategory', categoryId: 'coffee' }],
      }),
    ]);
    expect(runRules(engine, base).transaction.categoryId).toBe('coffee');
  });

  it('never writes a field the user locked', () => {
    const engine = compileRules([
      rule({
        conditions: [{ field: 'amount', op: 'gt', value: 0 }],
        actions: [{ type: 'setCategory', categoryId: 'coffee' }],
      }),
    ]);
    const out = runRules(engine, txn({ categoryId: 'mine', lockedFields: ['categoryId'] }));
    expect(out.transaction.categoryId).toBe('mine');
    expect(out.skippedLocked).toHaveLength(1);
  });
});

describe('rule ordering', () => {
  const any = { field: 'amount', op: 'gt', value: 0 } as const;
  it('runs pre before default before post, and a later stage overrides', () => {
    const engine = compileRules([
      rule({
        id: 'post',
        stage: 'post',
        conditions: [any],
        actions: [{ type: 'setCategory', categoryId: 'post' }],
      }),
      rule({ id: 'pre', stage: 'pre', conditions: [any], actions: [{ type: 'setPayee', payee: 'Renamed' }] }),
      rule({
        id: 'default',
        conditions: [{ field: 'payee', op: 'is', value: 'renamed' }],
        actions: [{ type: 'setCategory', categoryId: 'default' }],
      }),
    ]);
    const out = runRules(engine, base);
    expect(out.matchedRuleIds).toEqual(['pre', 'default', 'post']);
    expect(out.transaction.categoryId).toBe('post');
    expect(out.categoryRuleId).toBe('post');
  });

  it('higher priority wins within a stage', () => {
    const engine = compileRules([
      rule({
        id: 'low',
        priority: 1,
        conditions: [{ field: 'payee', op: 'is', value: 'blue bottle' }],
        actions: [{ type: 'setCategory', categoryId: 'low' }],
      }),
      rule({
        id: 'high',
        priority: 5,
        conditions: [any],
        actions: [{ type: 'setCategory', categoryId: 'high' }],
      }),
    ]);
    expect(runRules(engine, base).transaction.categoryId).toBe('high');
  });

  it('at equal priority the more specific rule wins', () => {
    const engine = compileRules([
      rule({
        id: 'a-broad',
        conditions: [{ field: 'rawName', op: 'contains', value: 'blue' }],
        actions: [{ type: 'setCategory', categoryId: 'broad' }],
      }),
      rule({
        id: 'z-exact',
        conditions: [{ field: 'payee', op: 'is', value: 'Blue Bottle' }],
        actions: [{ type: 'setCategory', categoryId: 'exact' }],
      }),
    ]);
    expect(runRules(engine, base).transaction.categoryId).toBe('exact');
  });

  it('stop-processing ends the run', () => {
    const engine = compileRules([
      rule({
        id: 'stop',
        stage: 'pre',
        stopProcessing: true,
        conditions: [any],
        actions: [{ type: 'addTags', tags: ['a'] }],
      }),
      rule({ id: 'later', conditions: [any], actions: [{ type: 'setCategory', categoryId: 'x' }] }),
    ]);
    const out = runRules(engine, base);
    expect(out.matchedRuleIds).toEqual(['stop']);
    expect(out.transaction.categoryId).toBeNull();
  });

  it('skips disabled rules and reports invalid ones without running them', () => {
    const engine = compileRules([
      rule({
        id: 'off',
        enabled: false,
        conditions: [any],
        actions: [{ type: 'setCategory', categoryId: 'x' }],
      }),
      rule({
        id: 'evil',
        conditions: [{ field: 'rawName', op: 'matches', value: '(a+)\\1' }],
        actions: [{ type: 'markTransfer' }],
      }),
    ]);
    expect(engine.rules).toHaveLength(0);
    expect(engine.invalid).toEqual([
      expect.objectContaining({ ruleId: 'evil', code: 'RULE_INVALID_REGEX', path: 'conditions.0.value' }),
    ]);
  });
});

describe('rule engine invariants', () => {
  const condition = fc.oneof(
    fc.record({
      field: fc.constant('rawName' as const),
      op: fc.constantFrom('contains' as const, 'startsWith' as const, 'is' as const),
      value: fc.constantFrom('sq', 'blue', 'donut', 'blue bottle', 'amzn'),
    }),
    fc.record({
      field: fc.constant('amount' as const),
      op: fc.constantFrom('gt' as const, 'lte' as const),
      value: fc.integer({ min: -5000, max: 5000 }),
    }),
    fc.record({
      field: fc.constant('accountId' as const),
      op: fc.constant('is' as const),
      value: fc.constantFrom('a1', 'a2'),
    }),
  );
  const action = fc.oneof(
    fc.record({ type: fc.constant('setCategory' as const), categoryId: fc.constantFrom('c1', 'c2', 'c3') }),
    fc.record({
      type: fc.constant('addTags' as const),
      tags: fc.array(fc.constantFrom('x', 'y'), { minLength: 1, maxLength: 2 }),
    }),
    fc.record({
      type: fc.constant('setNotes' as const),
      notes: fc.constantFrom('n1', 'n2'),
      mode: fc.constantFrom('replace' as const, 'append' as const),
    }),
    fc.record({ type: fc.constant('markTransfer' as const) }),
  );
  const rules = fc.array(
    fc.record({
      stage: fc.constantFrom('pre' as const, 'default' as const, 'post' as const),
      priority: fc.integer({ min: -2, max: 2 }),
      conditionsOp: fc.constantFrom('all' as const, 'any' as const),
      conditions: fc.array(condition, { minLength: 1, maxLength: 3 }),
      actions: fc.array(action, { minLength: 1, maxLength: 3 }),
      stopProcessing: fc.boolean(),
    }),
    { maxLength: 8 },
  );
  const transaction = fc.record({
    rawName: fc.constantFrom('SQ *BLUE BOTTLE', 'COUNTRYSIDE DONUT', 'AMZN MKTP', 'blue sky'),
    amountMinor: fc.integer({ min: -5000, max: 5000 }),
    accountId: fc.constantFrom('a1', 'a2'),
  });

  it('applying the rules twice changes nothing the second time', () => {
    fc.assert(
      fc.property(rules, transaction, (specs, t) => {
        const engine = compileRules(specs.map((s, i) => rule({ ...s, id: `r${i}` })));
        const once = runRules(engine, txn({ ...t, tags: [], payee: null }));
        const twice = runRules(engine, once.transaction);
        expect(twice.changes).toEqual([]);
        expect(twice.transaction).toEqual(once.transaction);
      }),
    );
  });

  it('the index never changes the outcome compared with testing every rule', () => {
    fc.assert(
      fc.property(rules, transaction, (specs, t) => {
        const defs = specs.map((s, i) => rule({ ...s, id: `r${i}` }));
        const indexed = compileRules(defs);
        const scanAll = { ...indexed, index: everyRuleIndex(indexed.rules.length) };
        const input = txn({ ...t, tags: [], payee: null });
        expect(runRules(indexed, input)).toEqual(runRules(scanAll, input));
      }),
    );
  });
});

describe('rule index with rules that rename payees', () => {
  const payees = ['Blue Bottle', 'Renamed', 'Donut Shop'];
  const condition = fc.oneof(
    fc.record({
      field: fc.constant('payee' as const),
      op: fc.constantFrom('is' as const, 'contains' as const, 'startsWith' as const),
      value: fc.constantFrom(...payees, 'ren', 'bottle'),
    }),
    fc
      .record({
        field: fc.constant('rawName' as const),
        op: fc.constantFrom('contains' as const, 'oneOf' as const),
        value: fc.constantFrom('blue', 'donut'),
      })
      .map((c) => (c.op === 'oneOf' ? { ...c, value: [c.value] } : c)),
  );
  const action = fc.oneof(
    fc.record({ type: fc.constant('setPayee' as const), payee: fc.constantFrom(...payees) }),
    fc.record({ type: fc.constant('setCategory' as const), categoryId: fc.constantFrom('c1', 'c2') }),
  );
  const rules = fc.array(
    fc.record({
      stage: fc.constantFrom('pre' as const, 'default' as const, 'post' as const),
      priority: fc.integer({ min: 0, max: 2 }),
      conditions: fc.array(condition, { minLength: 1, maxLength: 2 }),
      actions: fc.array(action, { minLength: 1, maxLength: 2 }),
    }),
    { maxLength: 8 },
  );

  it('finds every rule a full scan would, even after an earlier rule changed the payee', () => {
    fc.assert(
      fc.property(
        rules,
        fc.constantFrom('SQ *BLUE BOTTLE', 'DONUT SHOP 12'),
        fc.constantFrom(...payees),
        (specs, rawName, payee) => {
          const defs = specs.map((s, i) => rule({ ...s, id: `r${i}` }));
          const indexed = compileRules(defs);
          const scanAll = { ...indexed, index: everyRuleIndex(indexed.rules.length) };
          const input = txn({ rawName, payee });
          expect(runRules(indexed, input)).toEqual(runRules(scanAll, input));
        },
      ),
    );
  });
});
