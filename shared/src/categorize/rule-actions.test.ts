import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uncategorizedTransaction } from './categorizable-transaction.ts';
import { actionCategory, actionWrite, constantWrite } from './rule-actions.ts';
import type { RuleAction } from './rule-schema.ts';

const word = fc.constantFrom('a', 'b', 'latte', 'work', '');
const action: fc.Arbitrary<RuleAction> = fc.oneof(
  fc.record({ type: fc.constant('setCategory' as const), categoryId: fc.constantFrom('c1', 'c2') }),
  fc.record({ type: fc.constant('setPayee' as const), payee: fc.constantFrom('Blue', 'x') }),
  fc.record({ type: fc.constant('addTags' as const), tags: fc.array(word, { minLength: 1, maxLength: 3 }) }),
  fc.record({
    type: fc.constant('removeTags' as const),
    tags: fc.array(word, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant('setNotes' as const),
    notes: word,
    mode: fc.constantFrom('replace' as const, 'append' as const, 'prepend' as const, undefined),
  }),
  fc.record({ type: fc.constant('markTransfer' as const), value: fc.constantFrom(true, false, undefined) }),
  fc.record({
    type: fc.constant('excludeFromReports' as const),
    value: fc.constantFrom(true, false, undefined),
  }),
  fc.record({
    type: fc.constant('split' as const),
    splits: fc.constant<Extract<RuleAction, { type: 'split' }>['splits']>([
      { method: 'percent', percent: 50, categoryId: 'c1' },
      { method: 'remainder', categoryId: 'c2' },
    ]),
  }),
);
const transaction = fc
  .record({
    amountMinor: fc.integer({ min: -5000, max: 5000 }),
    notes: fc.option(word, { nil: null }),
    tags: fc.array(word, { maxLength: 3 }),
    categoryId: fc.constantFrom(null, 'c1'),
  })
  .map((fields) =>
    uncategorizedTransaction({ id: 't', accountId: 'a', date: '2026-03-14', rawName: 'X', ...fields }),
  );

// The engine writes constantWrite's value instead of calling actionWrite per match (issue 16): the two must agree.
describe('constantWrite', () => {
  it('is the write actionWrite makes on any transaction, for exactly the actions that read none of it', () => {
    fc.assert(
      fc.property(action, transaction, (a, t) => {
        const constant = constantWrite(a);
        const readsTransaction =
          a.type === 'addTags' ||
          a.type === 'removeTags' ||
          a.type === 'split' ||
          (a.type === 'setNotes' && (a.mode ?? 'replace') !== 'replace');
        expect(constant === null).toBe(readsTransaction);
        if (constant) expect(constant).toEqual(actionWrite(a, t, {}));
      }),
    );
  });

  it('leaves the category check to the run: actionCategory names what setCategory needs', () => {
    const set: RuleAction = { type: 'setCategory', categoryId: 'c9' };
    expect(actionCategory(set)).toBe('c9');
    expect(actionCategory({ type: 'setPayee', payee: 'x' })).toBeNull();
    expect(() =>
      actionWrite(
        set,
        uncategorizedTransaction({
          id: 't',
          accountId: 'a',
          amountMinor: 1,
          date: '2026-03-14',
          rawName: 'X',
        }),
        { categoryIds: new Set(['c1']) },
      ),
    ).toThrow(/c9/);
  });
});

describe('addTags', () => {
  it('appends each missing tag once, in order, to a new list, leaving the transaction’s list alone', () => {
    const tags = ['work'];
    const t = uncategorizedTransaction({
      id: 't',
      accountId: 'a',
      amountMinor: 1,
      date: '2026-03-14',
      rawName: 'X',
      tags,
    });
    const write = actionWrite({ type: 'addTags', tags: ['b', 'work', 'b', 'c'] }, t, {});
    expect(write).toEqual({ field: 'tags', value: ['work', 'b', 'c'] });
    expect(tags).toEqual(['work']);
    const none = actionWrite({ type: 'addTags', tags: ['work'] }, t, {});
    expect(none.value).toEqual(['work']);
    expect(none.value).not.toBe(tags);
  });
});
