import { testContext, useTestDatabase } from '@finsync/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/create-database.ts';
import { withUser } from '../db/scoped-transaction.ts';
import { categorizeTransactions } from './categorize-transactions.ts';
import { createCategory, updateCategory } from './category-commands.ts';
import { deleteCategory } from './delete-category.ts';
import { explainCategory } from './explain-category.ts';
import { recordCorrection } from './record-correction.ts';
import { refreshRecurringSeries } from './refresh-recurring-series.ts';
import { applyRuleToHistory, createRule, deleteRule, previewRuleForUser } from './rule-commands.ts';
import { seedSystemCategories } from './seed-system-categories.ts';
import { matchTransfers, rejectTransferPair } from './transfer-commands.ts';

interface Fixture {
  userId: string;
  itemId: string;
  checking: string;
  savings: string;
  cat: (key: string) => Promise<string>;
  add: (t: {
    name: string;
    amount: number;
    date: string;
    account?: string;
    merchant?: string;
    pfc?: string;
  }) => Promise<string>;
}

async function fixture(db: Db, email: string): Promise<Fixture> {
  const ctx = testContext(db);
  const user = await ctx.newUser({ email });
  await seedSystemCategories(db, user.id);
  const item = await db
    .insertInto('plaid_items')
    .values({ user_id: user.id, plaid_item_id: `item-${email}`, access_token_encrypted: 'enc' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = async (name: string) =>
    (
      await db
        .insertInto('accounts')
        .values({
          user_id: user.id,
          item_id: item.id,
          plaid_account_id: `${email}-${name}`,
          name,
          type: 'depository',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const checking = await account('checking');
  const savings = await account('savings');
  let n = 0;
  return {
    userId: user.id,
    itemId: item.id,
    checking,
    savings,
    cat: (key) => ctx.categoryId(user.id, key),
    add: async (t) =>
      (
        await db
          .insertInto('transactions')
          .values({
            user_id: user.id,
            item_id: item.id,
            account_id: t.account ?? checking,
            plaid_transaction_id: `${email}-${++n}`,
            amount_minor: t.amount,
            currency: 'USD',
            date: t.date,
            raw_name: t.name,
            merchant_name: t.merchant ?? null,
            pfc_detailed: t.pfc ?? null,
            pfc_primary: t.pfc ? t.pfc.split('_')[0]! : null,
            pfc_confidence: t.pfc ? 'HIGH' : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
  };
}

describe('categorization service against real Postgres', () => {
  const file = useTestDatabase();
  let f: Fixture;
  const row = (id: string) =>
    file.t.db.selectFrom('transactions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    f = await fixture(file.t.db, 'cat@example.test');
  });

  it('ingest cleans the payee and falls back to Plaid’s category, recording a rule run', async () => {
    const id = await f.add({
      name: 'SQ *BLUE BOTTLE 1234 SAN FRANCISCO CA',
      amount: 450,
      date: '2026-03-01',
      pfc: 'FOOD_AND_DRINK_COFFEE',
    });
    const summary = await categorizeTransactions(file.t.db, f.userId, [id]);
    expect(summary).toMatchObject({ processed: 1, changed: 1 });
    const r = await row(id);
    expect(r).toMatchObject({
      payee: 'Blue Bottle',
      category_id: await f.cat('FOOD_AND_DRINK_COFFEE'),
      category_source: 'plaid',
    });
    const runs = await file.t.db
      .selectFrom('rule_runs')
      .selectAll()
      .where('user_id', '=', f.userId)
      .execute();
    expect(runs.at(-1)).toMatchObject({ trigger: 'ingest', changed: 1 });
    expect((await explainCategory(file.t.db, f.userId, id)).source).toBe('plaid');
  });

  it('a correction locks the category, teaches the merchant, and the second one proposes a rule with its preview count', async () => {
    const restaurants = await f.cat('FOOD_AND_DRINK_RESTAURANT');
    const a = await f.add({
      name: 'TST* TACO SPOT 77 SEATTLE WA',
      amount: 1800,
      date: '2026-03-02',
      pfc: 'FOOD_AND_DRINK_FAST_FOOD',
    });
    const b = await f.add({
      name: 'TST* TACO SPOT 78 SEATTLE WA',
      amount: 2100,
      date: '2026-03-09',
      pfc: 'FOOD_AND_DRINK_FAST_FOOD',
    });
    const c = await f.add({
      name: 'TST* TACO SPOT 79 SEATTLE WA',
      amount: 1500,
      date: '2026-03-16',
      pfc: 'FOOD_AND_DRINK_FAST_FOOD',
    });
    await categorizeTransactions(file.t.db, f.userId, [a, b, c]);
    const first = await withUser(file.t.db, f.userId, (trx) =>
      recordCorrection(trx, f.userId, { transactionId: a, categoryId: restaurants }),
    );
    expect(first.suggestion).toBeNull();
    expect(await row(a)).toMatchObject({
      category_id: restaurants,
      category_source: 'user',
      locked_fields: ['category'],
    });
    const second = await withUser(file.t.db, f.userId, (trx) =>
      recordCorrection(trx, f.userId, { transactionId: b, categoryId: restaurants }),
    );
    expect(second.suggestion?.rule.conditions).toEqual([{ field: 'payee', op: 'is', value: 'Taco Spot' }]);
    // a and b are locked by the user; only c would change.
    expect(second.suggestion?.previewCount).toBe(1);
    const model = await file.t.db
      .selectFrom('classifier_models')
      .selectAll()
      .where('user_id', '=', f.userId)
      .executeTakeFirstOrThrow();
    expect(model.trained_rows).toBe(2);

    // The next Taco Spot purchase is categorized by what was learned, and says so.
    const d = await f.add({
      name: 'TST* TACO SPOT 80 SEATTLE WA',
      amount: 1700,
      date: '2026-03-23',
      pfc: 'FOOD_AND_DRINK_FAST_FOOD',
    });
    await categorizeTransactions(file.t.db, f.userId, [d]);
    expect(await row(d)).toMatchObject({ category_id: restaurants, category_source: 'learned' });
    expect(await explainCategory(file.t.db, f.userId, d)).toMatchObject({
      source: 'learned',
      via: 'merchant',
      hits: 2,
    });
    // Ingest never overrides the user's lock.
    await categorizeTransactions(file.t.db, f.userId, [a]);
    expect((await row(a)).category_source).toBe('user');
  });

  it('a rule beats learned and Plaid on ingest, previews its diff, and applies to history with a recorded run', async () => {
    const gym = await f.cat('PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS');
    const x = await f.add({
      name: 'PURCHASE AUTHORIZED ON 03/14 IRON GYM KIRKLAND WA',
      amount: 4000,
      date: '2026-03-14',
      pfc: 'GENERAL_SERVICES_OTHER_GENERAL_SERVICES',
    });
    await categorizeTransactions(file.t.db, f.userId, [x]);
    const input = {
      name: 'Iron Gym',
      conditions: [{ field: 'payee', op: 'is', value: 'Iron Gym' }],
      actions: [
        { type: 'setCategory', categoryId: gym },
        { type: 'addTags', tags: ['health'] },
      ],
    };
    const preview = await previewRuleForUser(file.t.db, f.userId, input);
    expect(preview).toMatchObject({ matched: 1, changed: 1 });
    expect(preview.diffs[0]?.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'categoryId', to: gym })]),
    );
    const rule = await createRule(file.t.db, f.userId, input);
    const applied = await applyRuleToHistory(file.t.db, f.userId, rule.id);
    expect(applied).toMatchObject({ matched: 1, changed: 1, failures: [] });
    expect(await row(x)).toMatchObject({
      category_id: gym,
      category_source: 'rule',
      category_rule_id: rule.id,
      tags: ['health'],
    });
    expect(await explainCategory(file.t.db, f.userId, x)).toMatchObject({
      source: 'rule',
      ruleName: 'Iron Gym',
    });
    const y = await f.add({ name: 'IRON GYM KIRKLAND WA', amount: 4000, date: '2026-04-14' });
    await categorizeTransactions(file.t.db, f.userId, [y]);
    expect(await row(y)).toMatchObject({ category_id: gym, category_source: 'rule' });
    expect(
      await file.t.db.selectFrom('rule_runs').select('trigger').where('rule_id', '=', rule.id).execute(),
    ).toEqual([{ trigger: 'apply' }]);
  });

  it('applies a rule to history a page at a time: no query returns more rows than a page, every row is seen once', async () => {
    const yoga = await f.cat('PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS');
    // Five matches, three on one day (the pages' order breaks the tie by id).
    const ids = [];
    for (const date of ['2026-05-01', '2026-05-02', '2026-05-02', '2026-05-02', '2026-05-03'])
      ids.push(await f.add({ name: 'LOTUS YOGA STUDIO', amount: 2500, date }));
    const rule = await createRule(file.t.db, f.userId, {
      name: 'Lotus Yoga',
      conditions: [{ field: 'rawName', op: 'contains', value: 'LOTUS YOGA' }],
      actions: [{ type: 'setCategory', categoryId: yoga }],
    });
    const reads = countingReadsOfTransactions(file.t.db);
    const applied = await applyRuleToHistory(reads.db, f.userId, rule.id, { pageSize: 2 });
    expect(applied).toMatchObject({ matched: 5, changed: 5, failures: [] });
    expect(reads.largest()).toBeLessThanOrEqual(2);
    for (const id of ids)
      expect(await row(id)).toMatchObject({ category_id: yoga, category_rule_id: rule.id });
  });

  it('previews a rule a page at a time: no query returns more rows than a page, and the answer is the same', async () => {
    const bakery = await f.cat('FOOD_AND_DRINK_OTHER_FOOD_AND_DRINK');
    for (const date of ['2026-06-01', '2026-06-02', '2026-06-02', '2026-06-03', '2026-06-04'])
      await f.add({ name: 'SUNRISE BAKERY', amount: 900, date });
    const input = {
      name: 'Sunrise',
      conditions: [{ field: 'rawName', op: 'contains', value: 'SUNRISE BAKERY' }],
      actions: [{ type: 'setCategory', categoryId: bakery }],
    };
    const reads = countingReadsOfTransactions(file.t.db);
    const paged = await previewRuleForUser(reads.db, f.userId, input, { pageSize: 2, limit: 3 });
    expect(reads.largest()).toBeLessThanOrEqual(2);
    expect(paged).toMatchObject({ matched: 5, changed: 5 });
    expect(paged.diffs).toHaveLength(3);
    expect(paged).toEqual(await previewRuleForUser(file.t.db, f.userId, input, { limit: 3 }));
  });

  it('refuses a rule with a pattern RE2 does not accept or an unknown category', async () => {
    await expect(
      createRule(file.t.db, f.userId, {
        name: 'bad',
        conditions: [{ field: 'rawName', op: 'matches', value: '(a+)\\1' }],
        actions: [{ type: 'markTransfer' }],
      }),
    ).rejects.toMatchObject({
      code: 'RULE_INVALID_REGEX',
      details: [expect.objectContaining({ path: 'body.conditions.0.value' })],
    });
    await expect(
      createRule(file.t.db, f.userId, {
        name: 'bad',
        conditions: [{ field: 'rawName', op: 'contains', value: 'x' }],
        actions: [{ type: 'setCategory', categoryId: '00000000-0000-0000-0000-000000000000' }],
      }),
    ).rejects.toMatchObject({ code: 'CATEGORY_NOT_FOUND' });
  });

  it('a sync batch that spends its rule budget skips rules from there on, records it, and still categorizes', async () => {
    const rule = await createRule(file.t.db, f.userId, {
      name: 'budgeted',
      conditions: [{ field: 'rawName', op: 'matches', value: 'budget.*shop' }],
      actions: [{ type: 'addTags', tags: ['budgeted'] }],
    });
    const ids = [
      await f.add({
        name: 'BUDGET SHOP ONE',
        amount: 1000,
        date: '2026-05-01',
        pfc: 'FOOD_AND_DRINK_GROCERIES',
      }),
      await f.add({
        name: 'BUDGET SHOP TWO',
        amount: 2000,
        date: '2026-05-02',
        pfc: 'FOOD_AND_DRINK_GROCERIES',
      }),
    ];
    const starved = await categorizeTransactions(file.t.db, f.userId, ids, { ruleBudget: 30 });
    expect(starved.budgetExceeded).toMatchObject({ code: 'RULE_BUDGET_EXCEEDED' });
    expect(starved.processed).toBe(2);
    for (const id of ids) {
      const r = await row(id);
      expect(r.tags).toEqual([]);
      expect(['learned', 'plaid']).toContain(r.category_source);
    }
    const run = await file.t.db
      .selectFrom('rule_runs')
      .select('failures')
      .where('user_id', '=', f.userId)
      .where('trigger', '=', 'ingest')
      .orderBy('started_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(run.failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'budget_exceeded', code: 'RULE_BUDGET_EXCEEDED' }),
      ]),
    );
    const fed = await categorizeTransactions(file.t.db, f.userId, ids);
    expect(fed.budgetExceeded).toBeNull();
    for (const id of ids) expect((await row(id)).tags).toEqual(['budgeted']);
    await deleteRule(file.t.db, f.userId, rule.id);
  });

  it('pairs a transfer between own accounts and remembers a rejected pair', async () => {
    const out = await f.add({ name: 'ONLINE TRANSFER TO SAVINGS', amount: 50_000, date: '2026-05-01' });
    const inn = await f.add({
      name: 'TRANSFER FROM CHECKING',
      amount: -50_000,
      date: '2026-05-02',
      account: f.savings,
    });
    const { pairs } = await matchTransfers(file.t.db, f.userId);
    expect(pairs).toEqual([expect.objectContaining({ outflowId: out, inflowId: inn })]);
    expect(await row(out)).toMatchObject({ is_transfer: true, transfer_pair_id: inn });
    await rejectTransferPair(file.t.db, f.userId, inn, out);
    expect(await row(inn)).toMatchObject({ is_transfer: false, transfer_pair_id: null });
    expect((await matchTransfers(file.t.db, f.userId)).pairs).toEqual([]);
  });

  it('stores detected recurring series and flags a late one', async () => {
    for (const date of ['2026-01-05', '2026-02-05', '2026-03-05', '2026-04-05']) {
      await f.add({ name: 'NETFLIX.COM', amount: 1549, date, merchant: 'Netflix' });
    }
    const found = await refreshRecurringSeries(file.t.db, f.userId, '2026-05-12');
    expect(found.find((s) => s.payee === 'Netflix')).toMatchObject({ cadence: 'monthly', status: 'late' });
    const stored = await file.t.db
      .selectFrom('recurring_series')
      .selectAll()
      .where('user_id', '=', f.userId)
      .execute();
    expect(stored.find((s) => s.payee === 'Netflix')).toMatchObject({
      next_expected_date: '2026-05-05',
      status: 'late',
      typical_amount_minor: 1549,
    });
  });

  it('takes the bank’s recurring stream as a second signal before calling a bill late', async () => {
    for (const date of ['2026-01-08', '2026-02-08', '2026-03-08', '2026-04-08']) {
      await f.add({ name: 'HULU 877-8244858 CA', amount: 1799, date, merchant: 'Hulu' });
    }
    const ours = await refreshRecurringSeries(file.t.db, f.userId, '2026-05-20');
    expect(ours.find((s) => s.payee === 'Hulu')).toMatchObject({
      status: 'late',
      nextExpectedDate: '2026-05-08',
    });
    const stream = {
      description: 'HULU 877-8244858 CA',
      merchantName: 'Hulu',
      direction: 'outflow' as const,
    };
    // The bank saw May's payment (not synced to us yet): not late.
    const paid = await refreshRecurringSeries(file.t.db, f.userId, '2026-05-20', [
      { ...stream, lastDate: '2026-05-08', isActive: true },
    ]);
    expect(paid.find((s) => s.payee === 'Hulu')).toMatchObject({
      status: 'active',
      lastDate: '2026-05-08',
      nextExpectedDate: '2026-06-08',
    });
    // The bank says the stream stopped (a cancelled subscription): ended, not missed.
    const stopped = await refreshRecurringSeries(file.t.db, f.userId, '2026-05-20', [
      { ...stream, lastDate: '2026-04-08', isActive: false },
    ]);
    expect(stopped.find((s) => s.payee === 'Hulu')).toMatchObject({ status: 'ended' });
  });

  it('users add, nest, rename and hide categories, and nesting refuses cycles', async () => {
    const pets = await createCategory(file.t.db, f.userId, { name: 'Pets' });
    const vet = await createCategory(file.t.db, f.userId, { name: 'Vet', parentId: pets.id });
    expect(vet).toMatchObject({ parent_id: pets.id, is_system: false, kind: 'expense' });
    await expect(updateCategory(file.t.db, f.userId, pets.id, { parentId: vet.id })).rejects.toMatchObject({
      code: 'CATEGORY_CYCLE',
    });
    const renamed = await updateCategory(file.t.db, f.userId, await f.cat('FOOD_AND_DRINK_COFFEE'), {
      name: 'Caffeine',
      hidden: true,
    });
    expect(renamed).toMatchObject({ name: 'Caffeine', hidden: true });
  });

  it('deleting a category reassigns its transactions', async () => {
    const coffee = await f.cat('FOOD_AND_DRINK_COFFEE');
    const other = await f.cat('FOOD_AND_DRINK_OTHER_FOOD_AND_DRINK');
    const moved = await withUser(file.t.db, f.userId, (trx) => deleteCategory(trx, f.userId, coffee, other));
    expect(moved).toBeGreaterThanOrEqual(1);
    const left = await file.t.db
      .selectFrom('transactions')
      .select('id')
      .where('category_id', '=', coffee)
      .execute();
    expect(left).toEqual([]);
  });

  it('never reads or writes another user’s transactions', async () => {
    const g = await fixture(file.t.db, 'other@example.test');
    const theirs = await g.add({ name: 'IRON GYM KIRKLAND WA', amount: 4000, date: '2026-04-14' });
    const summary = await categorizeTransactions(file.t.db, f.userId, [theirs]);
    expect(summary.processed).toBe(0);
    const categoryId = await f.cat('OTHER_OTHER');
    await expect(
      withUser(file.t.db, f.userId, (trx) =>
        recordCorrection(trx, f.userId, { transactionId: theirs, categoryId }),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

/** `db` with a count of the most rows any read of the transactions table returned. */
function countingReadsOfTransactions(db: Db) {
  let largest = 0;
  const readsOfTransactions = new Set<string>();
  const counting = db.withPlugin({
    transformQuery: (args) => {
      if (args.node.kind === 'SelectQueryNode' && JSON.stringify(args.node.from).includes('"transactions"'))
        readsOfTransactions.add(args.queryId.queryId);
      return args.node;
    },
    transformResult: async (args) => {
      if (readsOfTransactions.has(args.queryId.queryId)) largest = Math.max(largest, args.result.rows.length);
      return args.result;
    },
  });
  return { db: counting, largest: () => largest };
}
