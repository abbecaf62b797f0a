import { describe, expect, it } from 'vitest';
import { type CategorizableTransaction, uncategorizedTransaction } from './categorizable-transaction.ts';
import { type CategorizeContext, categorizeTransaction } from './categorize-transaction.ts';
import { merchantKey } from './clean-payee.ts';
import { type LearnedMerchantMap, learnMerchant } from './learned-merchants.ts';
import { createModel, deserializeModel, learn, predict, serializeModel } from './naive-bayes.ts';
import { proposeRule } from './propose-rule.ts';
import { compileRules } from './rule-engine.ts';
import { ruleInputSchema } from './rule-schema.ts';
import { transactionFeatures } from './transaction-features.ts';

function txn(over: Partial<CategorizableTransaction> = {}): CategorizableTransaction {
  return uncategorizedTransaction({
    id: 't1',
    accountId: 'acc',
    amountMinor: 450,
    currency: 'USD',
    date: '2026-03-14',
    rawName: 'SQ *BLUE BOTTLE 1234 SAN FRANCISCO CA',
    pfcPrimary: 'FOOD_AND_DRINK',
    pfcDetailed: 'FOOD_AND_DRINK_COFFEE',
    pfcConfidence: 'HIGH',
    ...over,
  });
}

const coffeeRule = {
  ...ruleInputSchema.parse({
    name: 'Blue Bottle is treats',
    conditions: [{ field: 'payee', op: 'is', value: 'Blue Bottle' }],
    actions: [{ type: 'setCategory', categoryId: 'rule-cat' }],
  }),
  id: 'rule-1',
};

function context(layers: { rule?: boolean; merchant?: boolean; model?: boolean }): CategorizeContext {
  const merchants: LearnedMerchantMap = new Map();
  if (layers.merchant) learnMerchant(merchants, merchantKey(txn().rawName), 'merchant-cat');
  const model = createModel();
  if (layers.model) {
    for (let i = 0; i < 5; i++) {
      learn(
        model,
        transactionFeatures({ description: 'BLUE BOTTLE COFFEE', amountMinor: 500, date: '2026-01-01' }),
        'model-cat',
      );
      learn(
        model,
        transactionFeatures({ description: 'SHELL OIL 5521', amountMinor: 4000, date: '2026-01-02' }),
        'gas',
      );
    }
  }
  return {
    engine: compileRules(layers.rule ? [coffeeRule] : []),
    merchants,
    model: layers.model ? model : null,
    pfcCategoryIds: new Map([['FOOD_AND_DRINK_COFFEE', 'plaid-cat']]),
    ruleNames: new Map([['rule-1', coffeeRule.name]]),
  };
}

describe('category precedence: user (locked) > rule > learned > Plaid', () => {
  const cases: [
    string,
    Partial<CategorizableTransaction>,
    Parameters<typeof context>[0],
    string | null,
    string,
  ][] = [
    [
      'user lock beats every layer',
      { categoryId: 'mine', lockedFields: ['categoryId'] },
      { rule: true, merchant: true, model: true },
      'mine',
      'user',
    ],
    ['rule beats learned and Plaid', {}, { rule: true, merchant: true, model: true }, 'rule-cat', 'rule'],
    [
      'learned merchant beats the model and Plaid',
      {},
      { merchant: true, model: true },
      'merchant-cat',
      'learned',
    ],
    ['the model beats Plaid when confident', {}, { model: true }, 'model-cat', 'learned'],
    ['Plaid when nothing was learned', {}, {}, 'plaid-cat', 'plaid'],
    ['nothing at all', { pfcDetailed: null }, {}, null, 'none'],
  ];
  it.each(cases)('%s', (_name, over, layers, categoryId, source) => {
    const out = categorizeTransaction(txn(over), context(layers));
    expect(out.decision.categoryId).toBe(categoryId);
    expect(out.decision.source).toBe(source);
    expect(out.decision.explanation.source).toBe(source);
    expect(out.transaction.categoryId).toBe(categoryId);
  });

  it('explains a rule decision with the rule’s name', () => {
    const out = categorizeTransaction(txn(), context({ rule: true }));
    expect(out.decision.explanation).toMatchObject({ ruleId: 'rule-1', ruleName: 'Blue Bottle is treats' });
  });

  it('sends a low-confidence guess to review instead of applying it', () => {
    const out = categorizeTransaction(txn({ pfcDetailed: null }), {
      ...context({ model: true }),
      autoApplyConfidence: 2, // never auto-apply
    });
    expect(out.decision).toMatchObject({ categoryId: null, source: 'none', needsReview: true });
    expect(out.decision.suggestion?.categoryId).toBe('model-cat');
  });

  it('fills a clean payee before rules run, so payee rules match raw descriptors', () => {
    const out = categorizeTransaction(txn(), context({ rule: true }));
    expect(out.transaction.payee).toBe('Blue Bottle');
    expect(out.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['payee', 'categoryId']));
  });
});

describe('naive Bayes classifier', () => {
  it('learns incrementally and survives a JSON round trip with identical predictions', () => {
    const model = createModel();
    const examples: [string, number, string][] = [
      ['NETFLIX.COM', 1599, 'tv'],
      ['SHELL OIL 123', 4000, 'gas'],
      ['CHEVRON 0042', 3800, 'gas'],
      ['HULU 877', 1299, 'tv'],
    ];
    for (const [d, a, label] of examples)
      learn(model, transactionFeatures({ description: d, amountMinor: a, date: '2026-02-01' }), label);
    const probe = transactionFeatures({
      description: 'SHELL OIL 999',
      amountMinor: 4100,
      date: '2026-02-03',
    });
    const before = predict(model, probe)!;
    expect(before.label).toBe('gas');
    expect(before.confidence).toBeGreaterThan(0.5);
    const restored = deserializeModel(JSON.parse(JSON.stringify(serializeModel(model))));
    expect(predict(restored, probe)).toEqual(before);
  });

  it('rejects a stored model of unknown shape', () => {
    expect(() => deserializeModel({ kind: 'other' })).toThrow(
      expect.objectContaining({ code: 'CLASSIFIER_MODEL_INVALID' }),
    );
  });
});

describe('rule suggestion', () => {
  const c = (categoryId: string) => ({ merchantKey: 'blue bottle', payee: 'Blue Bottle', categoryId });
  it('proposes a payee rule after the same correction twice', () => {
    expect(proposeRule([c('coffee')])).toBeNull();
    expect(proposeRule([c('coffee'), c('coffee')])).toMatchObject({
      conditions: [{ field: 'payee', op: 'is', value: 'Blue Bottle' }],
      actions: [{ type: 'setCategory', categoryId: 'coffee' }],
    });
  });
  it('waits while the corrections disagree, and honours a configured count', () => {
    expect(proposeRule([c('coffee'), c('dining')])).toBeNull();
    expect(proposeRule([c('coffee'), c('coffee')], 3)).toBeNull();
  });
});
