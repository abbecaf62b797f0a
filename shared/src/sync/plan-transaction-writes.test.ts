import { describe, expect, it } from 'vitest';
import { applySyncPage, emptySyncPlan, type SyncPage } from './apply-sync-page.ts';
import {
  planTransactionWrites,
  referencedPlaidIds,
  type StoredTransactionRef,
} from './plan-transaction-writes.ts';
import { plaidTxn, page as syncPage } from './sync-fixtures.test-support.ts';

/** A page with nothing in it but `p`: the last one, after cursor 'c1', unless `p` says otherwise. */
const page = (p: Partial<SyncPage>): SyncPage => syncPage('c1', false, p);

const stored = (id: string, over: Partial<StoredTransactionRef> = {}): StoredTransactionRef => ({
  id: `row-${id}`,
  plaidTransactionId: id,
  lockedFields: [],
  categoryId: null,
  categorySource: 'none',
  categoryRuleId: null,
  categoryConfidence: null,
  payee: 'Shop',
  notes: null,
  tags: [],
  excludedFromReports: false,
  ...over,
});

const postedReplacingPending = page({
  added: [plaidTxn('posted', { pending_transaction_id: 'pend' })],
  removed: [{ transaction_id: 'pend', account_id: 'acc-1' }],
});

describe('planTransactionWrites', () => {
  it('names the pending id and the posted id as the rows it needs to read', () => {
    expect(referencedPlaidIds(applySyncPage(emptySyncPlan(null), postedReplacingPending)).sort()).toEqual([
      'pend',
      'posted',
    ]);
  });

  it('turns the stored pending row into the posted transaction so its edits and id survive', () => {
    const plan = applySyncPage(emptySyncPlan('c0'), postedReplacingPending);
    const pending = stored('pend', {
      lockedFields: ['category', 'notes'],
      categoryId: 'cat-1',
      notes: 'dinner',
    });
    const writes = planTransactionWrites(plan, new Map([['pend', pending]]));
    expect(writes.renames).toEqual([{ rowId: 'row-pend', toPlaidTransactionId: 'posted' }]);
    expect(writes.deletes).toEqual([]);
    expect(writes.upserts.map((t) => t.plaidTransactionId)).toEqual(['posted']);
  });

  it('copies the pending row’s locked edits onto a posted row that already exists, then deletes the pending one', () => {
    const plan = applySyncPage(emptySyncPlan('c0'), postedReplacingPending);
    const pending = stored('pend', {
      lockedFields: ['category', 'payee', 'tags'],
      categoryId: 'cat-1',
      categorySource: 'user',
      payee: 'My cafe',
      tags: ['work'],
    });
    const writes = planTransactionWrites(
      plan,
      new Map([
        ['pend', pending],
        ['posted', stored('posted')],
      ]),
    );
    expect(writes.renames).toEqual([]);
    expect(writes.deletes).toEqual(['pend']);
    expect(writes.inherits).toEqual([
      expect.objectContaining({
        targetPlaidTransactionId: 'posted',
        lockedFields: expect.arrayContaining(['category', 'payee', 'tags']),
        category: { id: 'cat-1', source: 'user', ruleId: null, confidence: null },
        payee: 'My cafe',
        tags: ['work'],
      }),
    ]);
  });

  it('never replaces a field the posted row’s own user locked', () => {
    const plan = applySyncPage(emptySyncPlan('c0'), postedReplacingPending);
    const writes = planTransactionWrites(
      plan,
      new Map([
        ['pend', stored('pend', { lockedFields: ['payee'], payee: 'Old' })],
        ['posted', stored('posted', { lockedFields: ['payee'], payee: 'Newer edit' })],
      ]),
    );
    expect(writes.inherits.every((e) => e.payee === undefined)).toBe(true);
  });

  it('keeps a pending row Plaid did not remove and copies its edits to the posted one', () => {
    const plan = applySyncPage(
      emptySyncPlan('c0'),
      page({ added: [plaidTxn('posted', { pending_transaction_id: 'pend' })] }),
    );
    const writes = planTransactionWrites(
      plan,
      new Map([['pend', stored('pend', { lockedFields: ['notes'], notes: 'n' })]]),
    );
    expect(writes.renames).toEqual([]);
    expect(writes.deletes).toEqual([]);
    expect(writes.inherits[0]).toMatchObject({ targetPlaidTransactionId: 'posted', notes: 'n' });
  });

  it('deletes removed transactions and inserts new ones when nothing is pending', () => {
    const plan = applySyncPage(
      emptySyncPlan('c0'),
      page({ added: [plaidTxn('x')], removed: [{ transaction_id: 'gone', account_id: 'acc-1' }] }),
    );
    const writes = planTransactionWrites(plan, new Map());
    expect(writes).toEqual({
      renames: [],
      inherits: [],
      upserts: [expect.objectContaining({ plaidTransactionId: 'x', amountMinor: 1234 })],
      deletes: ['gone'],
    });
  });
});
