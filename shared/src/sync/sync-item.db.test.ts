import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@finsync/test-support';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { transactionSeriesKey } from '../categorize/transaction-series-key.ts';
import { createTokenCipher } from '../crypto/token-cipher.ts';
import { insertPlaidItem } from '../tables/plaid-items.ts';
import { page, plaidTxn, scriptedPlaid } from './sync-fixtures.test-support.ts';
import {
  CATEGORIZE_BATCH,
  drainCategorizeBacklog,
  type SyncDeps,
  type SyncPlaidPort,
  syncItem,
} from './sync-item.ts';

const cipher = createTokenCipher(new Map([['t1', randomBytes(32)]]), 't1');
const clock = () => new Date('2026-11-25T10:00:00Z');
const noWait = {
  attempts: 3,
  baseMs: 1,
  maxMs: 2,
  rateLimitBaseMs: 1,
  random: () => 0,
  sleep: async () => {},
};
const httpError = (status: number, data: Record<string, unknown>) => ({
  response: { status, data, headers: {} },
});

let tdb: TestDatabase;
let userId: string;

beforeAll(async () => {
  tdb = await createTestDatabase(inject('pgTemplate' as never));
  const user = await tdb.db
    .insertInto('users')
    .values({ email: 'sync@example.test', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  userId = user.id;
});
afterAll(async () => {
  await tdb?.drop();
});

async function newItem(): Promise<string> {
  const item = await insertPlaidItem(tdb.db, {
    user_id: userId,
    plaid_item_id: `item-${randomBytes(4).toString('hex')}`,
    access_token_encrypted: cipher.encrypt('access-test'),
  });
  return item.id;
}

const deps = (plaid: SyncPlaidPort): SyncDeps => ({ db: tdb.db, plaid, cipher, clock, retry: noWait });
const rows = (itemId: string) =>
  tdb.db
    .selectFrom('transactions')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('plaid_transaction_id')
    .execute();
const cursorOf = async (itemId: string) =>
  (
    await tdb.db
      .selectFrom('plaid_items')
      .select('sync_cursor')
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow()
  ).sync_cursor;

describe('syncItem against PostgreSQL', () => {
  it('writes every page, the accounts, balances and the cursor, and records the run', async () => {
    const itemId = await newItem();
    const plaid = scriptedPlaid({
      '': [page('c1', true, { added: [plaidTxn('t1'), plaidTxn('t2', { amount: -50 })] })],
      c1: [page('c2', false, { added: [plaidTxn('t3', { pending: true })] })],
    });
    const result = await syncItem(deps(plaid), { itemId, trigger: 'initial' });
    expect(result).toMatchObject({ outcome: 'succeeded', pages: 2, added: 3 });
    const txns = await rows(itemId);
    expect(txns.map((t) => [t.plaid_transaction_id, t.amount_minor, t.pending])).toEqual([
      ['t1', 1234, false],
      ['t2', -5000, false],
      ['t3', 1234, true],
    ]);
    expect(await cursorOf(itemId)).toBe('c2');
    const acct = await tdb.db
      .selectFrom('accounts')
      .selectAll()
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect([acct.current_minor, acct.available_minor]).toEqual([100050, 90025]);
    const snap = await tdb.db
      .selectFrom('balance_snapshots')
      .selectAll()
      .where('account_id', '=', acct.id)
      .execute();
    expect(snap).toEqual([expect.objectContaining({ date: '2026-11-25', current_minor: 100050 })]);
    const run = await tdb.db
      .selectFrom('sync_runs')
      .selectAll()
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'succeeded', pages: 2, added: 3, trigger: 'initial' });
  });

  it('leaves rows and cursor untouched when a later page fails for good', async () => {
    const itemId = await newItem();
    await syncItem(deps(scriptedPlaid({ '': [page('c1', false, { added: [plaidTxn('a')] })] })), {
      itemId,
      trigger: 'initial',
    });
    const plaid = scriptedPlaid({
      c1: [
        page('c2', true, { added: [plaidTxn('b')], removed: [{ transaction_id: 'a', account_id: 'acc-1' }] }),
      ],
      c2: [{ throw: httpError(400, { error_type: 'INVALID_REQUEST', error_code: 'INVALID_FIELD' }) }],
    });
    await expect(syncItem(deps(plaid), { itemId, trigger: 'manual' })).rejects.toMatchObject({
      code: 'PLAID_ERROR',
    });
    expect((await rows(itemId)).map((t) => t.plaid_transaction_id)).toEqual(['a']);
    expect(await cursorOf(itemId)).toBe('c1');
  });

  it('a crash between staging and commit leaves the old rows and cursor; the next run deletes what it staged and commits', async () => {
    const itemId = await newItem();
    await syncItem(deps(scriptedPlaid({ '': [page('c1', false, { added: [plaidTxn('a')] })] })), {
      itemId,
      trigger: 'initial',
    });
    const next = () =>
      page('c2', false, {
        added: Array.from({ length: 40 }, (_, i) =>
          plaidTxn(`n${i}`, { name: `Tab\there, line\nbreak ${i}` }),
        ),
        modified: [plaidTxn('a', { amount: 99 })],
      });
    // The process dies as it opens the commit: nothing it asks of the database afterwards happens.
    let dead = false;
    const dying = new Proxy(tdb.db, {
      get(target, property) {
        if (dead) throw new Error('the process died');
        if (property === 'transaction') {
          dead = true;
          throw new Error('the process died');
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(
      syncItem({ ...deps(scriptedPlaid({ c1: [next()] })), db: dying }, { itemId, trigger: 'webhook' }),
    ).rejects.toThrow('the process died');
    expect((await rows(itemId)).map((t) => [t.plaid_transaction_id, t.amount_minor])).toEqual([['a', 1234]]);
    expect(await cursorOf(itemId)).toBe('c1');
    const staged = () =>
      tdb.db
        .selectFrom('sync_staged_transactions')
        .select('plaid_transaction_id')
        .where('item_id', '=', itemId)
        .execute();
    expect(await staged()).toHaveLength(41);

    const result = await syncItem(deps(scriptedPlaid({ c1: [next()] })), { itemId, trigger: 'webhook' });
    expect(result).toMatchObject({ outcome: 'succeeded', added: 40, modified: 1 });
    const after = await rows(itemId);
    expect(after).toHaveLength(41);
    expect(after.find((t) => t.plaid_transaction_id === 'a')?.amount_minor).toBe(9900);
    expect(after.find((t) => t.plaid_transaction_id === 'n7')?.raw_name).toBe('Tab\there, line\nbreak 7');
    expect(await cursorOf(itemId)).toBe('c2');
    expect(await staged()).toEqual([]);
    const runs = await tdb.db
      .selectFrom('sync_runs')
      .select(['trigger', 'status'])
      .where('item_id', '=', itemId)
      .orderBy('started_at')
      .execute();
    expect(runs.map((r) => r.status).sort()).toEqual(['abandoned', 'succeeded', 'succeeded']);
  });

  it('retries a 500 and restarts from the first cursor after a mutation during pagination', async () => {
    const itemId = await newItem();
    const plaid = scriptedPlaid({
      '': [page('c1', true, { added: [plaidTxn('stale')] }), page('c1b', true, { added: [plaidTxn('x')] })],
      c1: [{ throw: httpError(400, { error_code: 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION' }) }],
      c1b: [
        { throw: httpError(500, { error_type: 'API_ERROR' }) },
        page('c2', false, { added: [plaidTxn('y')] }),
      ],
    });
    const result = await syncItem(deps(plaid), { itemId, trigger: 'initial' });
    expect(result).toMatchObject({ outcome: 'succeeded', restarts: 1 });
    expect((await rows(itemId)).map((t) => t.plaid_transaction_id)).toEqual(['x', 'y']);
    expect(await cursorOf(itemId)).toBe('c2');
  });

  it('posted transaction keeps the category, notes and payee the user gave its pending version', async () => {
    const itemId = await newItem();
    await syncItem(
      deps(scriptedPlaid({ '': [page('c1', false, { added: [plaidTxn('pend', { pending: true })] })] })),
      {
        itemId,
        trigger: 'initial',
      },
    );
    const cat = await tdb.db
      .insertInto('categories')
      .values({ user_id: userId, key: `food-${itemId}`, name: 'Food', kind: 'expense' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pendingRow = (await rows(itemId))[0]!;
    await tdb.db
      .updateTable('transactions')
      .set({
        category_id: cat.id,
        category_source: 'user',
        notes: 'team lunch',
        payee: 'Corner Cafe',
        locked_fields: ['category', 'notes', 'payee'],
      })
      .where('id', '=', pendingRow.id)
      .execute();
    const plaid = scriptedPlaid({
      c1: [
        page('c2', false, {
          added: [
            plaidTxn('posted', { pending_transaction_id: 'pend', amount: 15, merchant_name: 'CAFE#12' }),
          ],
          removed: [{ transaction_id: 'pend', account_id: 'acc-1' }],
        }),
      ],
      c2: [
        page('c3', false, {
          modified: [plaidTxn('posted', { amount: 15.5, merchant_name: 'CAFE #12 NEW' })],
        }),
      ],
    });
    await syncItem(deps(plaid), { itemId, trigger: 'webhook' });
    await syncItem(deps(plaid), { itemId, trigger: 'webhook' });
    const after = await rows(itemId);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      id: pendingRow.id,
      plaid_transaction_id: 'posted',
      pending: false,
      amount_minor: 1550,
      merchant_name: 'CAFE #12 NEW',
      payee: 'Corner Cafe',
      category_id: cat.id,
      category_source: 'user',
      notes: 'team lunch',
    });
  });

  it('updates an unlocked payee from Plaid but never a locked one; the series key follows the payee', async () => {
    const itemId = await newItem();
    const plaid = scriptedPlaid({
      '': [page('c1', false, { added: [plaidTxn('free'), plaidTxn('locked')] })],
      c1: [
        page('c2', false, {
          modified: [
            plaidTxn('free', { merchant_name: 'New' }),
            plaidTxn('locked', { merchant_name: 'New' }),
          ],
        }),
      ],
    });
    await syncItem(deps(plaid), { itemId, trigger: 'initial' });
    // Each row is inserted with its series key (transactionSeriesKey), for the payee it gets.
    const first = await rows(itemId);
    expect(first.map((t) => t.series_key)).toEqual(first.map((t) => transactionSeriesKey(t)));
    expect(first.map((t) => t.series_key)).toEqual(['shop|out|USD', 'shop|out|USD']);
    const mine = { ...first[1]!, payee: 'Mine' };
    await tdb.db
      .updateTable('transactions')
      .set({ payee: 'Mine', locked_fields: ['payee'], series_key: transactionSeriesKey(mine) })
      .where('id', '=', mine.id)
      .execute();
    await syncItem(deps(plaid), { itemId, trigger: 'webhook' });
    // The staged key is for Plaid's merchant name: a locked payee's row is left to the recurring refresh.
    expect((await rows(itemId)).map((t) => [t.plaid_transaction_id, t.payee, t.series_key])).toEqual([
      ['free', 'New', 'new|out|USD'],
      ['locked', 'Mine', null],
    ]);
  });

  it('refuses to commit when another sync moved the cursor meanwhile', async () => {
    const itemId = await newItem();
    const plaid = scriptedPlaid({ '': [page('c1', false, { added: [plaidTxn('a')] })] });
    const racing: SyncPlaidPort = {
      ...plaid,
      transactionsSync: (async (req: Parameters<SyncPlaidPort['transactionsSync']>[0]) => {
        await tdb.db
          .updateTable('plaid_items')
          .set({ sync_cursor: 'moved' })
          .where('id', '=', itemId)
          .execute();
        return plaid.transactionsSync(req);
      }) as SyncPlaidPort['transactionsSync'],
    };
    await expect(syncItem(deps(racing), { itemId, trigger: 'manual' })).rejects.toMatchObject({
      code: 'SYNC_CONFLICT',
    });
    expect(await rows(itemId)).toEqual([]);
  });

  it('marks the item login_required, records one notification and stops on ITEM_LOGIN_REQUIRED', async () => {
    const itemId = await newItem();
    const loginRequired = {
      throw: httpError(400, { error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED' }),
    };
    const plaid = scriptedPlaid({ '': [loginRequired, loginRequired] });
    const result = await syncItem(deps(plaid), { itemId, trigger: 'schedule' });
    expect(result).toMatchObject({ outcome: 'item_error', status: 'login_required', statusChanged: true });
    expect(plaid.calls).toBe(1);
    const again = await syncItem(deps(plaid), { itemId, trigger: 'schedule' });
    expect(again).toMatchObject({ outcome: 'skipped' });
    const notes = await tdb.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .execute();
    expect(notes.filter((n) => (n.payload as { itemId?: string }).itemId === itemId)).toEqual([
      expect.objectContaining({ kind: 'reauth_required', status: 'pending' }),
    ]);
  });

  it('fetches the item’s accounts when a transaction names an account opened since link', async () => {
    const itemId = await newItem();
    const plaid = scriptedPlaid({
      '': [page('c1', false, { added: [plaidTxn('n1', { account_id: 'acc-new' })] })],
    });
    await syncItem(deps(plaid), { itemId, trigger: 'webhook' });
    const txn = await tdb.db
      .selectFrom('transactions')
      .innerJoin('accounts', 'accounts.id', 'transactions.account_id')
      .select(['accounts.plaid_account_id', 'accounts.name'])
      .where('transactions.item_id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(txn).toEqual({ plaid_account_id: 'acc-new', name: 'New card' });
  });

  it('categorizes new and changed rows after the commit; a failing hook keeps the commit and the next sync categorizes the rows it left', async () => {
    const itemId = await newItem();
    const seen: (string | null)[][] = [];
    const plaid = scriptedPlaid({
      '': [page('c1', false, { added: [plaidTxn('k1'), plaidTxn('k2')] })],
      c1: [page('c2', false, { modified: [plaidTxn('k1'), plaidTxn('k2', { amount: 99 })] })],
      c2: [page('c3', false, { added: [plaidTxn('k3')] })],
      c3: [page('c3', false, {})],
    });
    const categorize: SyncDeps['categorize'] = async ({ trx, transactions }) => {
      seen.push(transactions.map((t) => t.plaid_transaction_id).sort());
      await trx
        .updateTable('transactions')
        .set({ category_source: 'rule' })
        .where(
          'id',
          'in',
          transactions.map((t) => t.id),
        )
        .execute();
    };
    await syncItem({ ...deps(plaid), categorize }, { itemId, trigger: 'initial' });
    await syncItem({ ...deps(plaid), categorize }, { itemId, trigger: 'webhook' });
    expect(seen).toEqual([['k1', 'k2'], ['k2']]);
    expect((await rows(itemId)).map((t) => t.category_source)).toEqual(['rule', 'rule']);
    const failing: SyncDeps['categorize'] = async () => {
      throw new Error('classifier down');
    };
    await expect(
      syncItem({ ...deps(plaid), categorize: failing }, { itemId, trigger: 'webhook' }),
    ).rejects.toThrow(/classifier down/);
    // The commit stands (rows and cursor); the row the hook failed on is still flagged, uncategorized.
    expect((await rows(itemId)).map((t) => t.plaid_transaction_id)).toEqual(['k1', 'k2', 'k3']);
    expect(await cursorOf(itemId)).toBe('c3');
    const pending = await tdb.db
      .selectFrom('transactions')
      .select(['plaid_transaction_id', 'categorize_pending'])
      .where('item_id', '=', itemId)
      .orderBy('plaid_transaction_id')
      .execute();
    expect(pending.map((r) => r.categorize_pending)).toEqual([false, false, true]);
    // A sync with nothing new drains what the failed run left.
    await syncItem({ ...deps(plaid), categorize }, { itemId, trigger: 'webhook' });
    expect(seen.at(-1)).toEqual(['k3']);
    expect((await rows(itemId)).map((t) => t.category_source)).toEqual(['rule', 'rule', 'rule']);
  });

  it('categorizes a large history in batches of CATEGORIZE_BATCH, each row once, none left flagged', async () => {
    await drainCategorizeBacklog({ db: tdb.db }, userId); // nothing another test left
    const itemId = await newItem();
    const added = Array.from({ length: CATEGORIZE_BATCH * 2 + 17 }, (_, i) => plaidTxn(`h${i}`));
    const plaid = scriptedPlaid({ '': [page('c1', false, { added })] });
    const batches: string[][] = [];
    const categorize: SyncDeps['categorize'] = async ({ transactions }) => {
      batches.push(transactions.map((t) => t.id));
    };
    await syncItem({ ...deps(plaid), categorize }, { itemId, trigger: 'initial' });
    expect(batches.map((b) => b.length)).toEqual([CATEGORIZE_BATCH, CATEGORIZE_BATCH, 17]);
    expect(new Set(batches.flat()).size).toBe(added.length);
    const flagged = await tdb.db
      .selectFrom('transactions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('item_id', '=', itemId)
      .where('categorize_pending', '=', true)
      .executeTakeFirstOrThrow();
    expect(Number(flagged.n)).toBe(0);
  });

  it('asks Plaid for the next page, and lets the request take its asynchronous steps, before it folds, categorizes and stages the page it has', async () => {
    const itemId = await newItem();
    const plaid = scriptedPlaid({
      '': [page('c1', true, { added: [plaidTxn('p1')] })],
      c1: [page('c2', true, { added: [plaidTxn('p2')] })],
      c2: [page('c3', false, { added: [plaidTxn('p3')] })],
    });
    const events: string[] = [];
    const logged: SyncPlaidPort = {
      ...plaid,
      // As an HTTP client does: a chain of promises, then the write to the socket on a later tick.
      transactionsSync: (async (req: Parameters<SyncPlaidPort['transactionsSync']>[0]) => {
        events.push(`request ${req.cursor ?? 'start'}`);
        for (let i = 0; i < 10; i++) await Promise.resolve();
        await new Promise((r) => process.nextTick(r));
        events.push(`sent ${req.cursor ?? 'start'}`);
        return plaid.transactionsSync(req);
      }) as SyncPlaidPort['transactionsSync'],
    };
    const result = await syncItem(deps(logged), {
      itemId,
      trigger: 'initial',
      onProgress: (p) => {
        if (p.phase === 'fetching') events.push(`page ${p.pages} folded`);
      },
    });
    expect(result).toMatchObject({ outcome: 'succeeded', pages: 3, added: 3 });
    expect(events).toEqual([
      'request start',
      'sent start',
      'request c1',
      'sent c1',
      'page 1 folded',
      'request c2',
      'sent c2',
      'page 2 folded',
      'page 3 folded',
    ]);
    expect((await rows(itemId)).map((t) => t.plaid_transaction_id)).toEqual(['p1', 'p2', 'p3']);
    expect(await cursorOf(itemId)).toBe('c3');
  });

  it("stages each page's rows while the next page is fetched; a later page that changes or removes a staged row leaves the run's final rows", async () => {
    const itemId = await newItem();
    // The item's account is known before the run (linking stores it).
    await syncItem(deps(scriptedPlaid({ '': [page('c0', false, {})] })), { itemId, trigger: 'initial' });
    const stagedNow = async () =>
      (
        await tdb.db
          .selectFrom('sync_staged_transactions')
          .select('plaid_transaction_id')
          .where('item_id', '=', itemId)
          .orderBy('plaid_transaction_id')
          .execute()
      ).map((r) => r.plaid_transaction_id);
    const seenWhileFetching: string[][] = [];
    const plaid = scriptedPlaid({
      c0: [page('c1', true, { added: [plaidTxn('a'), plaidTxn('b')] })],
      c1: [page('c2', true, { added: [plaidTxn('c')] })],
      c2: [
        page('c3', false, {
          modified: [plaidTxn('a', { amount: 99 })],
          removed: [{ transaction_id: 'b', account_id: 'acc-1' }],
          added: [plaidTxn('d')],
        }),
      ],
    });
    const fetching: SyncPlaidPort = {
      ...plaid,
      transactionsSync: (async (req: Parameters<SyncPlaidPort['transactionsSync']>[0]) => {
        if (req.cursor !== 'c0') {
          // The page before is being staged now; give it a moment, as a request to Plaid would.
          await new Promise((r) => setTimeout(r, 100));
          seenWhileFetching.push(await stagedNow());
        }
        return plaid.transactionsSync(req);
      }) as SyncPlaidPort['transactionsSync'],
    };
    const result = await syncItem(deps(fetching), { itemId, trigger: 'webhook' });
    expect(result).toMatchObject({ outcome: 'succeeded', pages: 3 });
    expect(seenWhileFetching).toEqual([
      ['a', 'b'],
      ['a', 'b', 'c'],
    ]);
    expect((await rows(itemId)).map((t) => [t.plaid_transaction_id, t.amount_minor])).toEqual([
      ['a', 9900],
      ['c', 1234],
      ['d', 1234],
    ]);
    expect(await stagedNow()).toEqual([]);
    expect(await cursorOf(itemId)).toBe('c3');
  });
});
