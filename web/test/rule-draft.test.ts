import { describe, expect, it } from 'vitest';
import type { Rule } from '../src/api/contract-types.ts';
import { describeRule, draftToRule, emptyDraft, ruleToDraft } from '../src/rules/rule-draft.ts';
import { aCategory } from './fixtures.ts';

const coffee = aCategory({ id: '00000000-0000-4000-8000-00000000c0ff', key: 'coffee', name: 'Coffee' });

describe('rule editor draft', () => {
  it('sends an amount typed as 12.50 as 1250 minor units of money out', () => {
    const out = draftToRule(
      {
        ...emptyDraft,
        conditions: [
          { field: 'payee', op: 'is', value: ' Blue Bottle ' },
          { field: 'amount', op: 'gt', value: '12.50' },
        ],
        categoryId: coffee.id,
      },
      'USD',
    );
    expect(out.error).toBeNull();
    expect(out.rule?.conditions).toEqual([
      { field: 'payee', op: 'is', value: 'Blue Bottle' },
      { field: 'amount', op: 'gt', value: 1250, direction: 'outflow' },
    ]);
    expect(out.rule?.actions).toEqual([{ type: 'setCategory', categoryId: coffee.id }]);
    expect(out.rule?.name).toBe('Payee is Blue Bottle');
  });

  it.each([
    [{ conditions: [{ field: 'payee', op: 'is', value: ' ' }] }, 'Give “Payee” a value.'],
    [{ conditions: [{ field: 'amount', op: 'is', value: '12.5.0' }] }, 'Amounts must be numbers like 12.50.'],
    [{ conditions: [{ field: 'amount', op: 'is', value: '1.234' }] }, 'Amounts must be numbers like 12.50.'],
    [{ conditions: [{ field: 'payee', op: 'is', value: 'x' }] }, 'Choose a category or a payee to set.'],
  ] as const)('asks for what is missing: %j', (patch, error) => {
    const out = draftToRule({ ...emptyDraft, ...patch, conditions: [...patch.conditions] }, 'USD');
    expect(out).toEqual({ rule: null, error });
  });

  it('reads a stored rule back into the editor and describes it in words', () => {
    const rule: Rule = {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Coffee',
      stage: 'default',
      priority: 0,
      conditionsOp: 'all',
      conditions: [
        { field: 'payee', op: 'is', value: 'Blue Bottle' },
        { field: 'amount', op: 'lte', value: 900, direction: 'outflow' },
      ],
      actions: [{ type: 'setCategory', categoryId: coffee.id }],
      stopProcessing: false,
      enabled: true,
      origin: 'suggested',
    };
    const fmt = (minor: number) => (minor / 100).toFixed(2);
    expect(ruleToDraft(rule, fmt)).toEqual({
      name: 'Coffee',
      conditionsOp: 'all',
      conditions: [
        { field: 'payee', op: 'is', value: 'Blue Bottle' },
        { field: 'amount', op: 'lte', value: '9.00' },
      ],
      categoryId: coffee.id,
      payee: '',
    });
    expect(describeRule(rule, [coffee], fmt)).toBe(
      'When payee is “Blue Bottle” and amount spent is at most 9.00: set category to Coffee.',
    );
    expect(ruleToDraft({ ...rule, actions: [{ type: 'markTransfer' }] }, fmt)).toBeNull();
  });
});
