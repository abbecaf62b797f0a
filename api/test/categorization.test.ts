import * as contract from '@finsync/shared/contract';
import { describe, expect, it } from 'vitest';
import { fileUnderRule } from './support/rule-payloads.ts';
import { type Client, signedInLedger } from './support/test-app.ts';

describe('categories, rules, suggestions and explanations', () => {
  const f = signedInLedger(5);

  const req: Client['api'] = (...call) => f.client.api(...call);

  it('a category of your own is created under a parent, renamed, hidden and moved to the top level', async () => {
    const parent = contract.Category.parse(
      await req('POST', '/categories', { name: 'Hobbies', isGroup: true }, 201),
    );
    const child = contract.Category.parse(
      await req('POST', '/categories', { name: 'Pottery', parentId: parent.id }, 201),
    );
    expect(child).toMatchObject({ parentId: parent.id, kind: 'expense', isSystem: false });
    const renamed = contract.Category.parse(
      await req('PATCH', `/categories/${child.id}`, { name: 'Ceramics', hidden: true, parentId: null }),
    );
    expect(renamed).toMatchObject({ name: 'Ceramics', hidden: true, parentId: null });
    await req('PATCH', `/categories/${child.id}`, {}, 400);
  });

  it('deleting a category moves its transactions to the category the body names', async () => {
    const doomed = contract.Category.parse(await req('POST', '/categories', { name: 'Doomed' }, 201));
    await req('PATCH', `/transactions/${f.seeded.transactionIds[3]}`, { categoryId: doomed.id });
    const result = contract.CategoryDeleted.parse(
      await req('DELETE', `/categories/${doomed.id}`, { reassignTo: f.seeded.categoryId }),
    );
    expect(result.moved).toBe(1);
    const moved = await req('GET', `/transactions/${f.seeded.transactionIds[3]}`);
    expect(moved.categoryId).toBe(f.seeded.categoryId);
    await req('DELETE', `/categories/${doomed.id}`, { reassignTo: null }, 404);
  });

  it('a rule is previewed with its diff, applied to history with a recorded run, changed and deleted', async () => {
    const target = contract.Category.parse(await req('POST', '/categories', { name: 'Payroll' }, 201));
    const spec = {
      name: 'payroll',
      conditions: [{ field: 'rawName', op: 'startsWith', value: 'PAYROLL' }],
      actions: [{ type: 'setCategory', categoryId: target.id }],
    };
    const preview = contract.RulePreview.parse(await req('POST', '/rules/preview', { rule: spec }));
    expect(preview).toMatchObject({ matched: 1, changed: 1 });
    expect(preview.diffs[0]).toMatchObject({
      transactionId: f.seeded.transactionIds[0],
      changes: [{ field: 'categoryId', from: null, to: target.id }],
    });

    const rule = contract.Rule.parse(await req('POST', '/rules', spec, 201));
    expect(rule).toMatchObject({ origin: 'user', enabled: true, stage: 'default' });
    expect(contract.RuleList.parse(await req('GET', '/rules')).rules.map((r) => r.id)).toContain(rule.id);
    const applied = contract.RuleApplyResult.parse(await req('POST', `/rules/${rule.id}/apply`));
    expect(applied).toMatchObject({ matched: 1, changed: 1, failures: [] });
    const payroll = await req('GET', `/transactions/${f.seeded.transactionIds[0]}`);
    expect(payroll).toMatchObject({ categoryId: target.id, categorySource: 'rule' });
    const why = contract.CategoryExplanation.parse(
      await req('GET', `/transactions/${f.seeded.transactionIds[0]}/explanation`),
    );
    expect(why).toMatchObject({ source: 'rule', ruleId: rule.id, categoryName: 'Payroll' });
    const runs = contract.RuleRunList.parse(await req('GET', '/rules/runs'));
    expect(runs.runs[0]).toMatchObject({ ruleId: rule.id, trigger: 'apply', changed: 1 });

    const renamed = contract.Rule.parse(
      await req('PATCH', `/rules/${rule.id}`, { name: 'salary', priority: 5 }),
    );
    expect(renamed).toMatchObject({ name: 'salary', priority: 5 });
    await req('GET', `/rules/${rule.id}`);
    await req('DELETE', `/rules/${rule.id}`);
    await req('GET', `/rules/${rule.id}`, undefined, 404);
  });

  it('a rule with a pattern RE2 refuses or an unknown category is refused with its code', async () => {
    const bad = await req(
      'POST',
      '/rules',
      {
        name: 'bad',
        conditions: [{ field: 'rawName', op: 'matches', value: '(a+)\\1' }],
        actions: [{ type: 'setPayee', payee: 'x' }],
      },
      400,
    );
    expect(bad.error.code).toMatch(/^RULE_/);
    const unknown = await req(
      'POST',
      '/rules',
      fileUnderRule('unknown', 'x', '00000000-0000-4000-8000-000000000000'),
      400,
    );
    expect(unknown.error.code).toBe('CATEGORY_NOT_FOUND');
  });

  it('correcting the same merchant twice is learned and proposes a rule, which can be accepted', async () => {
    const coffee = contract.Category.parse(await req('POST', '/categories', { name: 'Coffee' }, 201));
    await req('PATCH', `/transactions/${f.seeded.transactionIds[1]}`, { categoryId: coffee.id });
    expect(contract.RuleSuggestionList.parse(await req('GET', '/rules/suggestions')).suggestions).toEqual([]);
    await req('POST', '/transactions/bulk', {
      ids: [f.seeded.transactionIds[2]],
      patch: { categoryId: coffee.id },
    });

    const corrections = await f.h.t.db
      .selectFrom('category_corrections')
      .select('to_category_id')
      .where('to_category_id', '=', coffee.id)
      .execute();
    expect(corrections).toHaveLength(2);
    const { suggestions } = contract.RuleSuggestionList.parse(await req('GET', '/rules/suggestions'));
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]!.rule).toMatchObject({ origin: 'suggested', enabled: false });
    expect(suggestions[0]!.rule.actions).toEqual([{ type: 'setCategory', categoryId: coffee.id }]);
    // Of the two other coffee transactions one was filed by the user earlier (locked): one would change.
    expect(suggestions[0]!.previewCount).toBe(1);
    // Not listed among the user's rules until accepted.
    const before = contract.RuleList.parse(await req('GET', '/rules')).rules;
    expect(before.map((r) => r.id)).not.toContain(suggestions[0]!.rule.id);

    const accepted = contract.Rule.parse(
      await req('POST', `/rules/suggestions/${suggestions[0]!.rule.id}/accept`),
    );
    expect(accepted.enabled).toBe(true);
    expect(contract.RuleList.parse(await req('GET', '/rules')).rules.map((r) => r.id)).toContain(accepted.id);
    expect(contract.RuleSuggestionList.parse(await req('GET', '/rules/suggestions')).suggestions).toEqual([]);
    await req('POST', `/rules/suggestions/${accepted.id}/dismiss`, undefined, 404);

    const why = contract.CategoryExplanation.parse(
      await req('GET', `/transactions/${f.seeded.transactionIds[1]}/explanation`),
    );
    expect(why).toMatchObject({ source: 'user', categoryId: coffee.id });
  });

  it('re-filing a transaction under the category it already has records no correction', async () => {
    const count = async () =>
      (await f.h.t.db.selectFrom('category_corrections').select('id').execute()).length;
    const before = await count();
    await req('PATCH', `/transactions/${f.seeded.transactionIds[1]}`, {
      categoryId: (await req('GET', `/transactions/${f.seeded.transactionIds[1]}`)).categoryId,
    });
    expect(await count()).toBe(before);
  });

  it('the to-review filter lists only transactions flagged for review', async () => {
    await f.h.t.db
      .updateTable('transactions')
      .set({ needs_review: true })
      .where('id', '=', f.seeded.transactionIds[4]!)
      .execute();
    const page = contract.TransactionPage.parse(await req('GET', '/transactions?needsReview=true'));
    expect(page.transactions.map((t) => t.id)).toEqual([f.seeded.transactionIds[4]]);
  });

  it('the totals of a filtered list count its transactions and sum their amounts exactly', async () => {
    const all = contract.TransactionPage.parse(await req('GET', '/transactions?limit=500'));
    const totals = contract.TransactionTotals.parse(await req('GET', '/transactions/totals'));
    expect(totals.count).toBe(all.transactions.length);
    expect(totals.totals.reduce((s, t) => s + t.amountMinor, 0)).toBe(
      all.transactions.reduce((s, t) => s + t.amountMinor, 0),
    );
    const first = all.transactions[0]!;
    const q = encodeURIComponent(first.rawName);
    const some = contract.TransactionPage.parse(await req('GET', `/transactions?limit=500&q=${q}`));
    const someTotals = contract.TransactionTotals.parse(await req('GET', `/transactions/totals?q=${q}`));
    expect(someTotals.count).toBe(some.transactions.length);
    expect(someTotals.totals.reduce((s, t) => s + t.amountMinor, 0)).toBe(
      some.transactions.reduce((s, t) => s + t.amountMinor, 0),
    );
  });

  it('marking transactions reviewed takes them off the to-review list and keeps their category unlocked', async () => {
    await f.h.t.db
      .updateTable('transactions')
      .set({ needs_review: true })
      .where('id', 'in', [f.seeded.transactionIds[3]!, f.seeded.transactionIds[4]!])
      .execute();
    const before = contract.Transaction.parse(
      await req('GET', `/transactions/${f.seeded.transactionIds[4]}`),
    );
    const one = contract.Transaction.parse(
      await req('PATCH', `/transactions/${f.seeded.transactionIds[4]}`, { reviewed: true }),
    );
    expect(one).toMatchObject({ needsReview: false, categoryId: before.categoryId });
    expect(one.lockedFields).toEqual(before.lockedFields);
    await req('POST', '/transactions/bulk', { ids: [f.seeded.transactionIds[3]], patch: { reviewed: true } });
    const page = contract.TransactionPage.parse(await req('GET', '/transactions?needsReview=true'));
    expect(page.transactions).toEqual([]);
  });
});
