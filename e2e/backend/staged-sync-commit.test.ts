import { randomBytes } from 'node:crypto';
import type { OwnerDb, Row } from '@finsync/shared';
import { createTokenCipher } from '@finsync/shared/crypto';
import { insertPlaidItem, type SyncedTransaction, syncItem, toSyncedTransaction } from '@finsync/shared/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page, plaidTxn, scriptedPlaid } from '../../shared/src/sync/sync-fixtures.test-support.ts';
import { startSyncRun } from '../../shared/src/tables/sync-runs.ts';
import { STAGE_SLICE, stageSyncedTransactions } from '../../shared/src/tables/sync-staged-transactions.ts';
import {
  type OneConnectionStorage,
  openEmbeddedPglite,
  openPostgresPoolOfOne,
} from '../support/one-connection-storage.ts';

/*
 * A sync's rows are staged before its commit (COPY on PostgreSQL, slices on the embedded database) and moved
 * into transactions by one INSERT … SELECT. On both storages with ONE connection (the demo's PGlite, a pool of
 * one), a history of several slices, then changes, removals and a pending row posting, end with exactly the
 * rows Plaid sent, field for field, and nothing left staged.
 */

const cipher = createTokenCipher(new Map([['t1', randomBytes(32)]]), 't1');
const clock = () => new Date('2026-11-25T10:00:00Z');

const storages: [string, () => Promise<OneConnectionStorage>][] = [
  ['embedded PGlite', openEmbeddedPglite],
  ['PostgreSQL with a pool of one connection', openPostgresPoolOfOne],
];
/** What a stored row holds of Plaid's fields, in SyncedTransaction's shape. */
function storedAsSynced(r: Row<'transactions'>): SyncedTransaction {
  return {
    plaidTransactionId: r.plaid_transaction_id as string,
    plaidAccountId: 'acc-1',
    amountMinor: r.amount_minor as SyncedTransaction['amountMinor'],
    currency: r.currency,
    unofficialCurrency: r.unofficial_currency,
    date: r.date,
    authorizedDate: r.authorized_date,
    datetime: r.datetime ? r.datetime.toISOString() : null,
    authorizedDatetime: r.authorized_datetime ? r.authorized_datetime.toISOString() : null,
    rawName: r.raw_name as string,
    merchantName: r.merchant_name,
    pending: r.pending,
    pendingTransactionId: r.pending_transaction_id,
    paymentChannel: r.payment_channel,
    pfcPrimary: r.pfc_primary,
    pfcDetailed: r.pfc_detailed,
    pfcConfidence: r.pfc_confidence,
  };
}

const history = Array.from({ length: STAGE_SLICE * 4 + 3 }, (_, i) =>
  plaidTxn(`h${String(i).padStart(4, '0')}`, {
    amount: (((i * 37) % 90_000) - 30_000) / 100,
    date: `2026-${String((i % 11) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    datetime: i % 3 === 0 ? `2026-03-0${(i % 9) + 1}T1${i % 10}:15:00.000Z` : null,
    authorized_date: i % 5 === 0 ? '2026-02-02' : null,
    name: i % 50 === 0 ? `Caf\u00e9 \\ tab\there "quoted"\nnext line ${i}` : `Shop ${i}`,
    merchant_name: i % 4 === 0 ? null : `Merchant ${i % 13}`,
    iso_currency_code: i % 97 === 0 ? null : 'USD',
    unofficial_currency_code: i % 97 === 0 ? 'BTC' : null,
    pending: i % 61 === 0,
  }),
);

describe.each(storages)('the staged sync commit on %s', (_name, open) => {
  let db: OwnerDb;
  let close: () => Promise<void>;
  let itemId: string;
  beforeAll(async () => {
    ({ db, close } = await open());
    const user = await db
      .insertInto('users')
      .values({ email: 'staged@example.test', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const item = await insertPlaidItem(db, {
      user_id: user.id,
      plaid_item_id: `item-${randomBytes(4).toString('hex')}`,
      access_token_encrypted: cipher.encrypt('access-test'),
    });
    itemId = item.id;
  }, 240_000);
  afterAll(async () => {
    await close?.();
  });

  const stored = async () =>
    (
      await db
        .selectFrom('transactions')
        .selectAll()
        .where('item_id', '=', itemId)
        .orderBy('plaid_transaction_id')
        .execute()
    ).map(storedAsSynced);
  const staged = async () =>
    Number(
      (
        await db
          .selectFrom('sync_staged_transactions')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const byId = (a: SyncedTransaction, b: SyncedTransaction) =>
    a.plaidTransactionId < b.plaidTransactionId ? -1 : 1;

  it('writes a history of several slices field for field, then changes, removals and a posting', async () => {
    const plaid = scriptedPlaid({
      '': [page('c1', true, { added: history.slice(0, 600) })],
      c1: [page('c2', false, { added: history.slice(600) })],
    });
    const first = await syncItem({ db, plaid, cipher, clock }, { itemId, trigger: 'initial' });
    expect(first).toMatchObject({ outcome: 'succeeded', added: history.length, changed: history.length });
    expect(await stored()).toEqual(history.map(toSyncedTransaction).sort(byId));
    expect(await staged()).toBe(0);

    const pendingId = history.find((t) => t.pending)?.transaction_id as string;
    const posted = plaidTxn('posted-1', { pending_transaction_id: pendingId, amount: 7.5 });
    const changed = plaidTxn('h0001', { amount: 1, name: 'Renamed' });
    const unchanged = history[2] as (typeof history)[number];
    const plaid2 = scriptedPlaid({
      c2: [
        page('c3', false, {
          added: [posted],
          modified: [changed, unchanged],
          removed: [
            { transaction_id: pendingId, account_id: 'acc-1' },
            { transaction_id: 'h0003', account_id: 'acc-1' },
          ],
        }),
      ],
    });
    const second = await syncItem({ db, plaid: plaid2, cipher, clock }, { itemId, trigger: 'webhook' });
    // The unchanged row is not rewritten; the pending row became the posted one in place.
    expect(second).toMatchObject({ outcome: 'succeeded', changed: 2 });
    const expected = history
      .filter((t) => ![pendingId, 'h0003', 'h0001'].includes(t.transaction_id))
      .concat(changed, posted)
      .map(toSyncedTransaction)
      .sort(byId);
    expect(await stored()).toEqual(expected);
    expect(await staged()).toBe(0);
    const item = await db
      .selectFrom('plaid_items')
      .select('sync_cursor')
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(item.sync_cursor).toBe('c3');
  }, 120_000);

  it("refuses rows for a run that does not exist, and an item's deletion takes its staged rows", async () => {
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'staged@example.test')
      .executeTakeFirstOrThrow();
    const item = await insertPlaidItem(db, {
      user_id: user.id,
      plaid_item_id: `item-${randomBytes(4).toString('hex')}`,
      access_token_encrypted: cipher.encrypt('access-test'),
    });
    const rows = history.slice(0, 3).map((t) => ({ txn: toSyncedTransaction(t), categorized: null }));
    const missingRun = { runId: '00000000-0000-4000-8000-000000000016', itemId: item.id };
    await expect(stageSyncedTransactions(db, missingRun, rows)).rejects.toThrow();
    const runId = await startSyncRun(db, { userId: user.id, itemId: item.id, trigger: 'initial' }, clock());
    await stageSyncedTransactions(db, { runId, itemId: item.id }, rows);
    expect(await staged()).toBe(3);
    await db.deleteFrom('plaid_items').where('id', '=', item.id).execute();
    expect(await staged()).toBe(0);
  });
});
