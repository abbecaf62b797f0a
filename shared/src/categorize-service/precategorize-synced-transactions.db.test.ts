import { randomBytes } from 'node:crypto';
import { testContext, useTestDatabase } from '@finsync/test-support';
import type { Transaction } from 'plaid';
import { describe, expect, it } from 'vitest';
import { merchantKey } from '../categorize/clean-payee.ts';
import { transactionSeriesKey } from '../categorize/transaction-series-key.ts';
import { createTokenCipher } from '../crypto/token-cipher.ts';
import { account, page, plaidTxn, scriptedPlaid } from '../sync/sync-fixtures.test-support.ts';
import { type SyncDeps, type SyncPlaidPort, syncItem } from '../sync/sync-item.ts';
import { categorizeSyncedTransactions } from './categorize-transactions.ts';
import { precategorizeSyncedTransactions } from './precategorize-synced-transactions.ts';
import { createRule } from './rule-commands.ts';
import { seedSystemCategories } from './seed-system-categories.ts';

/*
 * A sync categorizes its new rows in memory before staging them, and its commit inserts them categorized:
 * the same decisions the categorize backlog makes after the commit, without the backlog's second write.
 */
const file = useTestDatabase();
const cipher = createTokenCipher(new Map([['t1', randomBytes(32)]]), 't1');
const syncDeps = (plaid: SyncPlaidPort): SyncDeps => ({
  db: file.t.db,
  plaid,
  cipher,
  clock: () => new Date('2026-11-25T10:00:00Z'),
  retry: { attempts: 1, baseMs: 1, maxMs: 1, rateLimitBaseMs: 1, random: () => 0, sleep: async () => {} },
});

/** A user as sign-up leaves them, with rules and a learned merchant, and a linked item whose account is known. */
async function ledger() {
  const ctx = testContext(file.t.db);
  const user = await ctx.newUser();
  await seedSystemCategories(file.t.db, user.id);
  const gym = await ctx.categoryId(user.id, 'PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS');
  const coffee = await ctx.categoryId(user.id, 'FOOD_AND_DRINK_COFFEE');
  await createRule(file.t.db, user.id, {
    name: 'Iron Gym',
    conditions: [{ field: 'rawName', op: 'contains', value: 'IRON GYM' }],
    actions: [
      { type: 'setCategory', categoryId: gym },
      { type: 'addTags', tags: ['he said "hi"', 'back\\slash'] },
      { type: 'setNotes', notes: 'gym, tab\there' },
    ],
  });
  await createRule(file.t.db, user.id, {
    name: 'Halves',
    conditions: [{ field: 'rawName', op: 'contains', value: 'HALVES' }],
    actions: [
      {
        type: 'split',
        splits: [
          { method: 'percent', percent: 50, categoryId: gym },
          { method: 'remainder', categoryId: coffee },
        ],
      },
    ],
  });
  await createRule(file.t.db, user.id, {
    name: 'Moves',
    conditions: [{ field: 'rawName', op: 'contains', value: 'MOVE' }],
    actions: [{ type: 'markTransfer' }, { type: 'excludeFromReports' }],
  });
  await file.t.db
    .insertInto('learned_merchants')
    .values({
      user_id: user.id,
      merchant_key: merchantKey('BLUE BOTTLE 123', 'Blue Bottle'),
      category_id: coffee,
      hits: 3,
    })
    .execute();
  // Linking stores the item's accounts before its first sync.
  const { itemId } = await ctx.newLinkedItem(user.id, {
    item: { access_token_encrypted: cipher.encrypt('access-test') },
    account: { plaid_account_id: account.account_id },
  });
  return { userId: user.id, itemId };
}

/** Each row's categorization, comparable across users (categories by key, rules by name). */
async function categorization(itemId: string) {
  const rows = await file.t.db
    .selectFrom('transactions as t')
    .leftJoin('categories as c', 'c.id', 't.category_id')
    .leftJoin('rules as r', 'r.id', 't.category_rule_id')
    .select([
      't.plaid_transaction_id',
      'c.key as category',
      't.category_source',
      'r.name as rule',
      't.category_confidence',
      't.needs_review',
      't.payee',
      't.notes',
      't.tags',
      't.is_transfer',
      't.excluded_from_reports',
      't.locked_fields',
      't.categorize_pending',
    ])
    .select((eb) =>
      eb
        .selectFrom('transaction_splits as s')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('s.transaction_id', '=', 't.id')
        .as('splits'),
    )
    .where('t.item_id', '=', itemId)
    .orderBy('t.plaid_transaction_id')
    .execute();
  return rows;
}

const history = (): Transaction[] => [
  plaidTxn('gym', { name: 'IRON GYM KIRKLAND WA', merchant_name: null }),
  plaidTxn('halves', { name: 'HALVES DINER' }),
  plaidTxn('move', { name: 'MOVE TO SAVINGS', amount: 200 }),
  plaidTxn('coffee', { name: 'BLUE BOTTLE 123', merchant_name: 'Blue Bottle' }),
  plaidTxn('plain', {
    personal_finance_category: {
      primary: 'TRANSPORTATION',
      detailed: 'TRANSPORTATION_TAXIS_AND_RIDE_SHARES',
    },
  }),
  plaidTxn('unknown', { name: 'XYZZY', merchant_name: null, personal_finance_category: null }),
  plaidTxn('p1', { name: 'IRON GYM PENDING', pending: true }),
];
const script = () =>
  scriptedPlaid({
    '': [page('c1', false, { added: history() })],
    c1: [
      page('c2', false, {
        added: [plaidTxn('posted1', { name: 'IRON GYM PENDING', pending_transaction_id: 'p1' })],
        modified: [plaidTxn('plain', { amount: 99 })],
        removed: [{ transaction_id: 'p1', account_id: 'acc-1' }],
      }),
    ],
  });

/** Syncs `plaid` twice, editing the pending row's notes in between; returns what the backlog hook was given. */
async function syncTwice(deps: (plaid: SyncPlaidPort) => SyncDeps, itemId: string) {
  const plaid = script();
  await syncItem(deps(plaid), { itemId, trigger: 'initial' });
  const afterFirst = await categorization(itemId);
  await file.t.db
    .updateTable('transactions')
    .set({ notes: 'my note', locked_fields: ['notes'] })
    .where('item_id', '=', itemId)
    .where('plaid_transaction_id', '=', 'p1')
    .execute();
  await syncItem(deps(plaid), { itemId, trigger: 'webhook' });
  return { afterFirst, afterSecond: await categorization(itemId) };
}

describe('categorizing a sync run before staging', () => {
  it('commits each new row as the backlog would have categorized it; the backlog takes only splits, changed rows and rows that inherit edits', async () => {
    const backlogOf: Record<string, string[][]> = { before: [], backlog: [] };
    const deps =
      (name: 'before' | 'backlog', precategorize: boolean) =>
      (plaid: SyncPlaidPort): SyncDeps => ({
        ...syncDeps(plaid),
        categorize: async (input) => {
          backlogOf[name]!.push(input.transactions.map((t) => t.plaid_transaction_id ?? '').sort());
          await categorizeSyncedTransactions(input);
        },
        ...(precategorize ? { precategorize: (input) => precategorizeSyncedTransactions(input) } : {}),
      });
    const a = await ledger();
    const b = await ledger();
    const withPre = await syncTwice(deps('before', true), a.itemId);
    const withBacklog = await syncTwice(deps('backlog', false), b.itemId);

    expect(withPre.afterFirst).toEqual(withBacklog.afterFirst);
    expect(withPre.afterSecond).toEqual(withBacklog.afterSecond);
    // The rules really ran (tags and notes as COPY carried them, the split, the transfer) and nothing is left.
    const byId = new Map(withPre.afterSecond.map((r) => [r.plaid_transaction_id, r]));
    expect(byId.get('gym')).toMatchObject({
      category_source: 'rule',
      tags: ['he said "hi"', 'back\\slash'],
      notes: 'gym, tab\there',
    });
    expect(byId.get('halves')).toMatchObject({ splits: 2 });
    expect(byId.get('move')).toMatchObject({ is_transfer: true, excluded_from_reports: true });
    expect(byId.get('coffee')).toMatchObject({
      category: 'FOOD_AND_DRINK_COFFEE',
      category_source: 'learned',
    });
    expect(byId.get('posted1')).toMatchObject({ notes: 'my note', locked_fields: ['notes'] });
    expect(withPre.afterSecond.every((r) => !r.categorize_pending)).toBe(true);
    expect(backlogOf.before).toEqual([['halves'], ['plain', 'posted1']]);
    expect(backlogOf.backlog).toEqual([
      history()
        .map((t) => t.transaction_id)
        .sort(),
      ['plain', 'posted1'],
    ]);
  });

  it('a historical sync commits categorized rows; the backlog is empty afterwards', async () => {
    const { userId, itemId } = await ledger();
    const taxi = { primary: 'TRANSPORTATION', detailed: 'TRANSPORTATION_TAXIS_AND_RIDE_SHARES' };
    const added = Array.from({ length: 600 }, (_, i) =>
      plaidTxn(`h${i}`, {
        name: i % 2 ? 'IRON GYM KIRKLAND WA' : `CAB ${i}`,
        personal_finance_category: taxi,
      }),
    );
    const plaid = scriptedPlaid({ '': [page('c1', false, { added })] });
    let backlog = 0;
    let committed: { source: string; pending: boolean }[] = [];
    await syncItem(
      {
        ...syncDeps(plaid),
        categorize: async (input) => {
          backlog += input.transactions.length;
          await categorizeSyncedTransactions(input);
        },
        precategorize: async (input) => {
          const decided = await precategorizeSyncedTransactions(input);
          return {
            ...decided,
            // Inside the commit, after the rows are written: what the commit wrote.
            record: async (trx) => {
              committed = (
                await trx
                  .selectFrom('transactions')
                  .select(['category_source as source', 'categorize_pending as pending'])
                  .where('item_id', '=', itemId)
                  .execute()
              ).map((r) => ({ source: r.source, pending: r.pending }));
              await decided.record(trx);
            },
          };
        },
      },
      { itemId, trigger: 'initial' },
    );
    expect(committed).toHaveLength(600);
    expect(committed.filter((r) => r.pending)).toEqual([]);
    expect(committed.filter((r) => r.source === 'rule')).toHaveLength(300);
    expect(committed.filter((r) => r.source === 'plaid')).toHaveLength(300);
    expect(backlog).toBe(0);
    const runs = await file.t.db
      .selectFrom('rule_runs')
      .select(['trigger', 'matched', 'changed'])
      .where('user_id', '=', userId)
      .execute();
    expect(runs).toEqual([{ trigger: 'ingest', matched: 300, changed: 600 }]);
    // Each row came with its series key, for the payee the run gave it: the refresh has none to write.
    const stored = await file.t.db
      .selectFrom('transactions')
      .select(['series_key', 'payee', 'raw_name', 'merchant_name', 'amount_minor', 'currency'])
      .where('item_id', '=', itemId)
      .execute();
    expect(stored.filter((r) => r.series_key !== transactionSeriesKey(r))).toEqual([]);
  });
});
