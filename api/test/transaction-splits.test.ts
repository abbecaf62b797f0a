import * as contract from '@finsync/shared/contract';
import { checkSplitParts } from '@finsync/shared/splits';
import { beforeAll, describe, expect, it } from 'vitest';
import { aliceAndBob } from './support/test-app.ts';

/*
 * Splitting one transaction across categories (issue 17): PUT /transactions/:id/splits replaces its parts,
 * which must add up to the transaction's amount exactly (minor units); the dashboard counts each part in its
 * own category at once, and rules leave a split the person made alone. An empty list unsplits. Parts that do
 * not add up, a lone part, a zero part, a part against the transaction's direction, another user's category or
 * transaction: refused, nothing stored.
 */

const FOOD = 'FOOD_AND_DRINK_GROCERIES';
const HOME = 'HOME_IMPROVEMENT_FURNITURE';

describe('transaction splits', () => {
  const u = aliceAndBob();
  let txnId = '';
  let food = '';
  let home = '';
  let bobsCategory = '';

  beforeAll(async () => {
    const alice = u.alice.userId!;
    const linked = await u.h.ctx.newLinkedItem(alice);
    const [id] = await u.h.ctx.newTransactions(alice, linked, [
      { amount_minor: 100_00, date: '2026-11-10', raw_name: 'SUPERSTORE 123' },
    ]);
    txnId = id!;
    food = await u.h.ctx.categoryId(alice, FOOD);
    home = await u.h.ctx.categoryId(alice, HOME);
    bobsCategory = await u.h.ctx.categoryId(u.bob.userId!, FOOD);
  });

  const url = () => `/api/v1${path()}`;
  const path = () => `/transactions/${txnId}/splits`;
  const storedParts = () =>
    u.h.t.db
      .selectFrom('transaction_splits')
      .select(['category_id', 'amount_minor'])
      .orderBy('amount_minor', 'desc')
      .execute();
  const spentByCategory = async () => {
    const body = contract.DashboardSummary.parse(
      await u.alice.api('GET', '/dashboard/summary?from=2026-11-01&to=2026-11-30'),
    );
    return Object.fromEntries(body.byCategory.map((c) => [c.categoryId ?? 'none', c.spentMinor]));
  };

  /** How many parts the transaction list says the transaction has, read through GET /transactions. */
  const listedParts = async () => {
    const page = contract.TransactionPage.parse(await u.alice.api('GET', '/transactions?limit=50'));
    return page.transactions.find((t) => t.id === txnId)?.splitParts;
  };

  it('has no parts until split', async () => {
    expect(await listedParts()).toBe(0);
    expect(contract.TransactionSplits.parse(await u.alice.api('GET', path()))).toMatchObject({
      transactionId: txnId,
      amountMinor: 100_00,
      splits: [],
    });
  });

  it('splits 100.00 into 60.00 and 40.00; the dashboard counts each part in its category', async () => {
    const res = await u.alice.call('PUT', url(), {
      splits: [
        { categoryId: food, amountMinor: 60_00, notes: 'week shop' },
        { categoryId: home, amountMinor: 40_00 },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(contract.TransactionSplits.parse(res.body).splits).toEqual([
      { categoryId: food, amountMinor: 60_00, notes: 'week shop' },
      { categoryId: home, amountMinor: 40_00, notes: null },
    ]);
    expect(await spentByCategory()).toMatchObject({ [food]: 60_00, [home]: 40_00 });
    const txn = contract.Transaction.parse(await u.alice.api('GET', `/transactions/${txnId}`));
    expect(txn.lockedFields).toContain('splits');
  });

  it('the transaction list marks the split transaction with its number of parts', async () => {
    expect(await listedParts()).toBe(2);
  });

  it.each([
    ['parts that add up to a cent less', [60_00, 39_99], 'body.splits', /99\.99.*100\.00.*0\.01 left/],
    ['parts that add up to more', [60_00, 40_01], 'body.splits', /0\.01 too much/],
    ['a lone part', [100_00], 'body.splits', /two parts/],
    ['a zero part', [100_00, 0], 'body.splits.1.amountMinor', /Part 2 is zero/],
    [
      'a part against the transaction’s direction',
      [120_00, -20_00],
      'body.splits.1.amountMinor',
      /other way/,
    ],
    ['a fractional part', [99_99.5, 0.5], 'body.splits.0.amountMinor', /./],
  ])('%s is a 400 naming the field, and the split stays as it was', async (_what, amounts, path, words) => {
    const before = await storedParts();
    const splits = amounts.map((amountMinor) => ({ categoryId: food, amountMinor }));
    const res = await u.alice.call('PUT', url(), { splits });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain(path);
    // The editor's check (the same function) names the same fields for the same parts.
    const editor = checkSplitParts(splits, { amountMinor: 100_00, currency: 'USD' });
    expect(paths).toEqual(editor.problems.map((p) => `body.${p.path}`));
    expect(res.body.error.message).toMatch(words);
    expect(await storedParts()).toEqual(before);
  });

  it("another user's category or transaction is a 404, and nothing changes", async () => {
    const before = await storedParts();
    const foreignCategory = await u.alice.call('PUT', url(), {
      splits: [
        { categoryId: bobsCategory, amountMinor: 50_00 },
        { categoryId: food, amountMinor: 50_00 },
      ],
    });
    expect(foreignCategory.status).toBe(404);
    for (const [method, payload] of [['GET'], ['PUT', { splits: [] }]] as const) {
      const res = await u.bob.call(method, url(), payload);
      expect(res.status, `${method} ${JSON.stringify(res.body)}`).toBe(404);
    }
    expect(await storedParts()).toEqual(before);
  });

  it('an empty list unsplits: the whole amount counts in the category again', async () => {
    const res = await u.alice.call('PUT', url(), { splits: [] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await storedParts()).toEqual([]);
    const spent = await spentByCategory();
    expect(spent[food]).toBeUndefined();
    expect(spent.none).toBe(100_00);
    expect(await listedParts()).toBe(0);
  });
});
