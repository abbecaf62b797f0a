import { randomBytes } from 'node:crypto';
import type { OwnerDb } from '@finsync/shared';
import { createTokenCipher } from '@finsync/shared/crypto';
import { insertPlaidItem, type SyncDeps, syncItem } from '@finsync/shared/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMIT_SLICE } from '../../shared/src/sync/commit-in-slices.ts';
import { page, plaidTxn, scriptedPlaid } from '../../shared/src/sync/sync-fixtures.test-support.ts';
import {
  type OneConnectionStorage,
  openEmbeddedPglite,
  openPostgresPoolOfOne,
} from '../support/one-connection-storage.ts';

/*
 * Issue 13: on the embedded database's one connection, a first sync committed its whole history (~3,200 rows
 * into transactions, its indexes, row triggers and the rollup recompute) in one transaction, holding every
 * request for 1–2.7 s. Now a large commit goes in slices of COMMIT_SLICE staged rows, each its own
 * transaction, and the cursor moves with the last one. What is checked is structural: how many transaction
 * rows any one database transaction writes (rows whose xmin is that transaction's id), not a time. And a
 * crash between slices: the rows committed are exactly the slices committed, the item records what is left,
 * and the next run finishes that commit (or, if the staged rows were lost, refetches the whole history and
 * deletes what Plaid no longer has).
 */

type Transaction = ReturnType<typeof plaidTxn>;
const cipher = createTokenCipher(new Map([['t1', randomBytes(32)]]), 't1');
const clock = () => new Date('2026-11-25T10:00:00Z');

const storages: [string, () => Promise<OneConnectionStorage>, number | undefined][] = [
  // The demo's storage, at its default slice.
  ['embedded PGlite', openEmbeddedPglite, undefined],
  // PostgreSQL commits in one transaction by default; the same slicing is checked there at the same size.
  ['PostgreSQL with a pool of one connection', openPostgresPoolOfOne, COMMIT_SLICE],
];

/** A history spread over a year, its rows in no date order (as Plaid sends them: by modification time). */
const history = (n: number, prefix: string): Transaction[] =>
  Array.from({ length: n }, (_, i) =>
    plaidTxn(`${prefix}${String(i).padStart(4, '0')}`, {
      amount: (((i * 37) % 9_000) - 2_000) / 100,
      date: `2026-${String(((i * 7) % 11) + 1).padStart(2, '0')}-${String(((i * 13) % 27) + 1).padStart(2, '0')}`,
    }),
  );
/** The order a sliced commit moves staged rows in: date, then Plaid id. */
const commitOrder = (txns: readonly Transaction[]) =>
  [...txns].sort((a, b) =>
    a.date === b.date ? (a.transaction_id < b.transaction_id ? -1 : 1) : a.date < b.date ? -1 : 1,
  );

/** What a transaction's callback gets. */
type Trx = Parameters<Parameters<ReturnType<OwnerDb['transaction']>['execute']>[0]>[0];

/**
 * The handle, each of whose transactions also records how many rows of `transactions` it wrote (inserted or
 * updated: their xmin is its id), read inside it just before it commits.
 */
function countingWrites(db: OwnerDb): { db: OwnerDb; written: number[] } {
  const written: number[] = [];
  const counting = new Proxy(db, {
    get(target, property) {
      if (property === 'transaction') {
        return () => {
          const builder = target.transaction();
          return {
            execute: <T>(fn: (trx: Trx) => Promise<T>) =>
              builder.execute(async (trx) => {
                const result = await fn(trx);
                const row = await trx
                  .selectFrom('transactions')
                  .select((eb) => eb.fn.countAll<string>().as('n'))
                  // xmin: the id of the transaction that wrote the row version (a system column); compared as
                  // text, as xid8 prints the same number while the server's xid epoch is 0 (a test database).
                  .where((eb) =>
                    eb(
                      eb.cast(eb.ref('xmin' as never), 'text'),
                      '=',
                      eb.cast(eb.fn('pg_current_xact_id', []), 'text'),
                    ),
                  )
                  .executeTakeFirstOrThrow();
                written.push(Number(row.n));
                return result;
              }),
          };
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: counting, written };
}

/** The handle of a process that dies as it opens its (transactions + 1)-th transaction. */
function dyingAfter(db: OwnerDb, transactions: number): OwnerDb {
  let opened = 0;
  let dead = false;
  return new Proxy(db, {
    get(target, property) {
      if (dead) throw new Error('the process died');
      if (property === 'transaction' && ++opened > transactions) {
        dead = true;
        throw new Error('the process died');
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe.each(storages)('a large sync commit on %s', (_name, open, commitSlice) => {
  let db: OwnerDb;
  let close: () => Promise<void>;
  let userId: string;
  beforeAll(async () => {
    ({ db, close } = await open());
    const user = await db
      .insertInto('users')
      .values({ email: 'sliced@example.test', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    userId = user.id;
  }, 240_000);
  afterAll(async () => {
    await close?.();
  });

  const newItem = async () =>
    (
      await insertPlaidItem(db, {
        user_id: userId,
        plaid_item_id: `item-${randomBytes(4).toString('hex')}`,
        access_token_encrypted: cipher.encrypt('access-test'),
      })
    ).id;
  const deps = (handle: OwnerDb, plaid: SyncDeps['plaid']): SyncDeps => ({
    db: handle,
    plaid,
    cipher,
    clock,
    ...(commitSlice ? { commitSlice } : {}),
  });
  const storedIds = async (itemId: string) =>
    (
      await db
        .selectFrom('transactions')
        .select('plaid_transaction_id')
        .where('item_id', '=', itemId)
        .orderBy('plaid_transaction_id')
        .execute()
    ).map((r) => r.plaid_transaction_id);
  const itemState = (itemId: string) =>
    db
      .selectFrom('plaid_items')
      .select(['sync_cursor', 'unfinished_commit', 'history_complete'])
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
  const stagedCount = async (itemId: string) =>
    Number(
      (
        await db
          .selectFrom('sync_staged_transactions')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('item_id', '=', itemId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const ids = (txns: readonly Transaction[]) => txns.map((t) => t.transaction_id).sort();

  it('commits a 3,000-row history with no transaction writing more than COMMIT_SLICE rows', async () => {
    const itemId = await newItem();
    const rows = history(3_000, 'h');
    const plaid = scriptedPlaid({
      '': [page('c1', true, { added: rows.slice(0, 500) })],
      ...Object.fromEntries(
        [1, 2, 3, 4, 5].map((p) => [
          `c${p}`,
          [
            page(`c${p + 1}`, p < 5, {
              added: rows.slice(p * 500, p * 500 + 500),
              ...(p === 5 ? { transactions_update_status: 'HISTORICAL_UPDATE_COMPLETE' } : {}),
            }),
          ],
        ]),
      ),
    });
    const counted = countingWrites(db);
    const result = await syncItem(deps(counted.db, plaid), { itemId, trigger: 'initial' });
    expect(result).toMatchObject({
      outcome: 'succeeded',
      added: 3_000,
      changed: 3_000,
      historyComplete: true,
    });
    // The commit's slices, then the categorize batches (which rewrite each row once to unflag it).
    expect(Math.max(...counted.written)).toBeLessThanOrEqual(COMMIT_SLICE);
    expect(counted.written.filter((n) => n > 0).length).toBeGreaterThanOrEqual((2 * 3_000) / COMMIT_SLICE);
    expect(await storedIds(itemId)).toEqual(ids(rows));
    expect(await itemState(itemId)).toEqual({
      sync_cursor: 'c6',
      unfinished_commit: null,
      history_complete: true,
    });
    expect(await stagedCount(itemId)).toBe(0);
  }, 120_000);

  /** An item synced once (row `a`, cursor c1) whose next run, from c1 to c2, brings `n` rows and dies. */
  async function crashAfterSlices(slicesCommitted: number, n: number) {
    const itemId = await newItem();
    await syncItem(deps(db, scriptedPlaid({ '': [page('c1', false, { added: [plaidTxn('a')] })] })), {
      itemId,
      trigger: 'initial',
    });
    const rows = history(n, 'n');
    const plaid = scriptedPlaid({
      c1: [page('c2', false, { added: rows, modified: [plaidTxn('a', { amount: 5 })] })],
    });
    // The opening transaction commits the first slice; each later one the next.
    await expect(
      syncItem(deps(dyingAfter(db, slicesCommitted), plaid), { itemId, trigger: 'webhook' }),
    ).rejects.toThrow('the process died');
    return { itemId, rows };
  }
  const slice = commitSlice ?? COMMIT_SLICE;

  it('a crash after slice k leaves exactly k slices committed and the old cursor; the next run finishes the commit', async () => {
    const n = slice * 4 + 17;
    const { itemId, rows } = await crashAfterSlices(3, n);
    // What is committed is the first 3 slices in commit order (row `a`'s change among them or not), no more.
    const ordered = commitOrder([...rows, plaidTxn('a')]);
    const committed = ordered.slice(0, 3 * slice).map((t) => t.transaction_id);
    expect(await storedIds(itemId)).toEqual([...new Set([...committed, 'a'])].sort());
    const state = await itemState(itemId);
    expect(state.sync_cursor).toBe('c1');
    expect(state.unfinished_commit).toMatchObject({ nextCursor: 'c2', remaining: n + 1 - 3 * slice });
    expect(await stagedCount(itemId)).toBe(n + 1);

    // The next run finishes that commit without asking Plaid for c1 again, then fetches from c2.
    const next = scriptedPlaid({ c2: [page('c3', false, { added: [plaidTxn('z')] })] });
    const result = await syncItem(deps(db, next), { itemId, trigger: 'webhook' });
    expect(result).toMatchObject({ outcome: 'succeeded', added: 1 });
    expect(next.calls).toBe(1);
    expect(await storedIds(itemId)).toEqual(ids([...rows, plaidTxn('a'), plaidTxn('z')]));
    const a = await db
      .selectFrom('transactions')
      .select('amount_minor')
      .where('item_id', '=', itemId)
      .where('plaid_transaction_id', '=', 'a')
      .executeTakeFirstOrThrow();
    expect(a.amount_minor).toBe(500);
    expect(await itemState(itemId)).toMatchObject({ sync_cursor: 'c3', unfinished_commit: null });
    expect(await stagedCount(itemId)).toBe(0);
  }, 120_000);

  it('when the staged rows of an unfinished commit are lost, the next run refetches the whole history and deletes what Plaid no longer has; user edits stay', async () => {
    const n = slice * 3 + 5;
    const { itemId, rows } = await crashAfterSlices(2, n);
    // What a PostgreSQL crash does to the unlogged staging table.
    await db.deleteFrom('sync_staged_transactions').where('item_id', '=', itemId).execute();
    const ordered = commitOrder(rows);
    const ghost = ordered[0] as Transaction; // committed, then gone at Plaid (added-then-removed: never sent)
    const kept = ordered[1] as Transaction;
    await db
      .updateTable('transactions')
      .set({ notes: 'mine', locked_fields: ['notes'] })
      .where('item_id', '=', itemId)
      .where('plaid_transaction_id', '=', kept.transaction_id)
      .execute();
    const now = [...rows.filter((t) => t !== ghost), plaidTxn('a', { amount: 5 })];
    const full = scriptedPlaid({ '': [page('f1', false, { added: now })] });
    const result = await syncItem(deps(db, full), { itemId, trigger: 'webhook' });
    expect(result).toMatchObject({ outcome: 'succeeded', added: now.length });
    expect(await storedIds(itemId)).toEqual(ids(now));
    const keptRow = await db
      .selectFrom('transactions')
      .select('notes')
      .where('item_id', '=', itemId)
      .where('plaid_transaction_id', '=', kept.transaction_id)
      .executeTakeFirstOrThrow();
    expect(keptRow.notes).toBe('mine');
    expect(await itemState(itemId)).toMatchObject({ sync_cursor: 'f1', unfinished_commit: null });
    expect(await stagedCount(itemId)).toBe(0);

    // Re-applying the same whole history over the rows it wrote changes nothing (upserts keyed by Plaid id).
    await db.updateTable('plaid_items').set({ sync_cursor: null }).where('id', '=', itemId).execute();
    const again = scriptedPlaid({ '': [page('f2', false, { added: now })] });
    const replay = await syncItem(deps(db, again), { itemId, trigger: 'webhook' });
    expect(replay).toMatchObject({ outcome: 'succeeded', changed: 0 });
    expect(await storedIds(itemId)).toEqual(ids(now));
  }, 120_000);
});
