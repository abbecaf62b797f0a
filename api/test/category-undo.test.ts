import * as contract from '@finsync/shared/contract';
import { describe, expect, it } from 'vitest';
import { type Client, signedInLedger, signedUpClient } from './support/test-app.ts';

// Issue 17: Undo after an inline recategorization puts back exactly what the edit changed — the category, its
// source, the lock, "to review" — and what the correction taught (the learned merchant and the model).

describe('undoing a recategorization', () => {
  const f = signedInLedger(4);
  const req: Client['api'] = (...call) => f.client.api(...call);

  /** A transaction as finsync categorized it itself: learned, unlocked, waiting for review. */
  async function learnedRow(index: number) {
    const id = f.seeded.transactionIds[index] as string;
    await f.h.t.db
      .updateTable('transactions')
      .set({
        category_id: f.seeded.categoryId,
        category_source: 'learned',
        category_confidence: 0.8,
        needs_review: true,
        locked_fields: [],
      })
      .where('id', '=', id)
      .execute();
    return id;
  }

  const modelExamples = async () =>
    (
      await f.h.t.db
        .selectFrom('classifier_models')
        .select('trained_rows')
        .where('user_id', '=', f.client.userId!)
        .executeTakeFirst()
    )?.trained_rows ?? 0;

  const learnedMerchants = () =>
    f.h.t.db
      .selectFrom('learned_merchants')
      .select(['merchant_key', 'category_id', 'hits'])
      .where('user_id', '=', f.client.userId!)
      .orderBy('merchant_key')
      .execute();

  it('restores the category, its source, the unlocked state and what the correction taught', async () => {
    const id = await learnedRow(2);
    const before = contract.Transaction.parse(await req('GET', `/transactions/${id}`));
    const merchantsBefore = await learnedMerchants();
    const examplesBefore = await modelExamples();
    const groceries = contract.Category.parse(
      await req('POST', '/categories', { name: 'Undo groceries' }, 201),
    );

    const moved = contract.Transaction.parse(
      await req('PATCH', `/transactions/${id}`, { categoryId: groceries.id }),
    );
    expect(moved).toMatchObject({
      categoryId: groceries.id,
      categorySource: 'user',
      lockedFields: ['category'],
    });
    expect(await learnedMerchants()).not.toEqual(merchantsBefore);
    expect(await modelExamples()).toBe(examplesBefore + 1);

    const undone = contract.Transaction.parse(
      await req('POST', `/transactions/${id}/category/undo`, { categoryId: groceries.id }),
    );
    expect(undone).toMatchObject({
      categoryId: before.categoryId,
      categorySource: 'learned',
      lockedFields: [],
      needsReview: true,
    });
    expect(contract.Transaction.parse(await req('GET', `/transactions/${id}`))).toMatchObject({
      categoryId: before.categoryId,
      categorySource: 'learned',
      lockedFields: [],
    });
    expect(await learnedMerchants()).toEqual(merchantsBefore);
    expect(await modelExamples()).toBe(examplesBefore);
    const stored = await f.h.t.db
      .selectFrom('transactions')
      .select(['category_confidence', 'category_rule_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ category_confidence: 0.8, category_rule_id: null });

    // Twice: nothing is left to undo, and nothing changes.
    const again = await req('POST', `/transactions/${id}/category/undo`, { categoryId: groceries.id }, 409);
    expect(again.error.message).toMatch(/undo/i);
    expect(contract.Transaction.parse(await req('GET', `/transactions/${id}`))).toMatchObject({
      categoryId: before.categoryId,
      categorySource: 'learned',
    });
  });

  it('a move to Uncategorized is undone the same way', async () => {
    const id = await learnedRow(1);
    const examplesBefore = await modelExamples();
    const cleared = contract.Transaction.parse(
      await req('PATCH', `/transactions/${id}`, { categoryId: null }),
    );
    expect(cleared).toMatchObject({ categoryId: null, categorySource: 'none', lockedFields: ['category'] });
    const undone = await req('POST', `/transactions/${id}/category/undo`, { categoryId: null });
    expect(undone).toMatchObject({
      categoryId: f.seeded.categoryId,
      categorySource: 'learned',
      lockedFields: [],
      needsReview: true,
    });
    expect(await modelExamples()).toBe(examplesBefore);
    await req('POST', `/transactions/${id}/category/undo`, { categoryId: null }, 409);
  });

  it('undoes only the latest move: an older one, or another user, is refused and changes nothing', async () => {
    const id = await learnedRow(3);
    const first = contract.Category.parse(await req('POST', '/categories', { name: 'Undo first' }, 201));
    const second = contract.Category.parse(await req('POST', '/categories', { name: 'Undo second' }, 201));
    await req('PATCH', `/transactions/${id}`, { categoryId: first.id });
    await req('PATCH', `/transactions/${id}`, { categoryId: second.id });

    const bob = await signedUpClient(f.h.app);
    const foreign = await bob.api(
      'POST',
      `/transactions/${id}/category/undo`,
      { categoryId: second.id },
      404,
    );
    expect(foreign.error.code).toBe('NOT_FOUND');
    await req('POST', `/transactions/${id}/category/undo`, { categoryId: first.id }, 409);
    expect((await req('GET', `/transactions/${id}`)).categoryId).toBe(second.id);

    // The latest move goes back to the first one's category, still the user's (and locked) as it was then.
    const back = await req('POST', `/transactions/${id}/category/undo`, { categoryId: second.id });
    expect(back).toMatchObject({ categoryId: first.id, categorySource: 'user', lockedFields: ['category'] });
    const bad = await f.client.request({
      method: 'POST',
      url: `/api/v1/transactions/${id}/category/undo`,
      payload: { categoryId: 'not-an-id' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.categoryId');
  });
});

// A rule suggestion stands only while the corrections that proposed it stand: undoing one of them withdraws
// the unanswered suggestion unless the merchant's remaining corrections still propose it.
describe('undoing a recategorization that proposed a rule', () => {
  const g = signedInLedger(4);
  const req: Client['api'] = (...call) => g.client.api(...call);
  const suggestions = async () =>
    contract.RuleSuggestionList.parse(await req('GET', '/rules/suggestions')).suggestions;
  const [, one, two, three] = [0, 1, 2, 3].map((i) => () => g.seeded.transactionIds[i] as string);

  it('withdraws the suggestion when the corrections left no longer propose it, and keeps it while they do', async () => {
    const tea = contract.Category.parse(await req('POST', '/categories', { name: 'Tea' }, 201));
    await req('PATCH', `/transactions/${one!()}`, { categoryId: tea.id });
    await req('PATCH', `/transactions/${two!()}`, { categoryId: tea.id });
    const proposed = await suggestions();
    expect(proposed).toHaveLength(1);
    expect(proposed[0]!.rule.actions).toEqual([{ type: 'setCategory', categoryId: tea.id }]);

    // A third agreeing move, then its undo: the two left still propose the same rule.
    await req('PATCH', `/transactions/${three!()}`, { categoryId: tea.id });
    await req('POST', `/transactions/${three!()}/category/undo`, { categoryId: tea.id });
    expect((await suggestions()).map((s) => s.rule.id)).toEqual([proposed[0]!.rule.id]);

    // Undoing one of those two leaves a single move to Tea: the suggestion goes.
    await req('POST', `/transactions/${two!()}/category/undo`, { categoryId: tea.id });
    expect(await suggestions()).toEqual([]);
    const rules = contract.RuleList.parse(await req('GET', '/rules')).rules;
    expect(rules.map((r) => r.id)).not.toContain(proposed[0]!.rule.id);
  });

  it('leaves an accepted suggestion alone: the user chose the rule', async () => {
    const chai = contract.Category.parse(await req('POST', '/categories', { name: 'Chai' }, 201));
    await req('PATCH', `/transactions/${one!()}`, { categoryId: chai.id });
    await req('PATCH', `/transactions/${two!()}`, { categoryId: chai.id });
    const suggestion = (await suggestions()).find((s) =>
      s.rule.actions.some((a) => a.type === 'setCategory' && a.categoryId === chai.id),
    );
    expect(suggestion).toBeDefined();
    await req('POST', `/rules/suggestions/${suggestion!.rule.id}/accept`);
    await req('POST', `/transactions/${two!()}/category/undo`, { categoryId: chai.id });
    const rules = contract.RuleList.parse(await req('GET', '/rules')).rules;
    expect(rules.find((r) => r.id === suggestion!.rule.id)).toMatchObject({ enabled: true });
  });
});
