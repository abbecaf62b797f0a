import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySyncPage, emptySyncPlan, type SyncPage, startSyncPlanFold } from './apply-sync-page.ts';
import { plaidTxn, page as syncPage } from './sync-fixtures.test-support.ts';
import { toSyncedTransaction } from './synced-records.ts';

/** A page with nothing in it but `p`: the last one, after cursor 'c1', unless `p` says otherwise. */
const page = (p: Partial<SyncPage>): SyncPage => syncPage('c1', false, p);

describe('applySyncPage', () => {
  it('converts amounts to integer minor units keeping Plaid’s sign (positive = money out)', () => {
    const plan = applySyncPage(
      emptySyncPlan(null),
      page({ added: [plaidTxn('a', { amount: 12.34 }), plaidTxn('b', { amount: -1500.1 })] }),
    );
    expect(plan.upserts.get('a')?.amountMinor).toBe(1234);
    expect(plan.upserts.get('b')?.amountMinor).toBe(-150010);
  });

  it('nets a transaction added on one page and removed on a later page to a removal', () => {
    let plan = applySyncPage(
      emptySyncPlan(null),
      page({ added: [plaidTxn('a')], has_more: true, next_cursor: 'c1' }),
    );
    plan = applySyncPage(
      plan,
      page({ removed: [{ transaction_id: 'a', account_id: 'acc-1' }], next_cursor: 'c2' }),
    );
    expect(plan.upserts.has('a')).toBe(false);
    expect(plan.removed.has('a')).toBe(true);
    expect(plan.nextCursor).toBe('c2');
    expect(plan.pages).toBe(2);
    expect(plan.hasMore).toBe(false);
  });

  it('keeps the latest version of a transaction modified on a later page', () => {
    let plan = applySyncPage(
      emptySyncPlan(null),
      page({ added: [plaidTxn('a', { amount: 1 })], has_more: true }),
    );
    plan = applySyncPage(plan, page({ modified: [plaidTxn('a', { amount: 2 })] }));
    expect(plan.upserts.get('a')?.amountMinor).toBe(200);
    expect(plan.counts).toEqual({ added: 1, modified: 1, removed: 0 });
  });

  it('does not change the plan it was given', () => {
    const start = emptySyncPlan('c0');
    applySyncPage(start, page({ added: [plaidTxn('a')] }));
    expect(start.upserts.size).toBe(0);
    expect(start.nextCursor).toBe('c0');
  });

  it('applying the same page twice leaves the same transactions and removals', () => {
    const txn = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd'),
      cents: fc.integer({ min: -100_000, max: 100_000 }),
    });
    fc.assert(
      fc.property(fc.array(txn), fc.subarray(['a', 'b', 'c', 'd']), (added, removedIds) => {
        const p = page({
          added: added.map((t) => plaidTxn(t.id, { amount: t.cents / 100 })),
          removed: removedIds.map((id) => ({ transaction_id: id, account_id: 'acc-1' })),
        });
        const once = applySyncPage(emptySyncPlan(null), p);
        const twice = applySyncPage(once, p);
        expect([...twice.upserts.entries()]).toEqual([...once.upserts.entries()]);
        expect([...twice.removed].sort()).toEqual([...once.removed].sort());
      }),
    );
  });

  it('a run folding its pages one after another ends with the plan of applying them page by page, without changing the plan it started from', () => {
    const txn = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      cents: fc.integer({ min: -100_000, max: 100_000 }),
    });
    const pageArb = fc.record({
      added: fc.array(txn, { maxLength: 4 }),
      modified: fc.array(txn, { maxLength: 3 }),
      removed: fc.subarray(['a', 'b', 'c', 'd', 'e']),
      status: fc.constantFrom(undefined, 'HISTORICAL_UPDATE_COMPLETE'),
    });
    fc.assert(
      fc.property(fc.array(pageArb, { maxLength: 6 }), (specs) => {
        const pages = specs.map((s, i) =>
          page({
            added: s.added.map((t) => plaidTxn(t.id, { amount: t.cents / 100 })),
            modified: s.modified.map((t) => plaidTxn(t.id, { amount: t.cents / 100, pending: true })),
            removed: s.removed.map((id) => ({ transaction_id: id, account_id: 'acc-1' })),
            next_cursor: `c${i + 1}`,
            has_more: i < specs.length - 1,
            ...(s.status ? { transactions_update_status: s.status } : {}),
          }),
        );
        const start = applySyncPage(emptySyncPlan('c0'), page({ added: [plaidTxn('z')], has_more: true }));
        const fold = startSyncPlanFold(start);
        const progress = pages.map((p) => fold.add(p));
        const folded = fold.plan();
        const stepwise = pages.reduce(applySyncPage, start);
        expect(folded).toEqual(stepwise);
        expect(progress.map((p) => p.pages)).toEqual(pages.map((_, i) => start.pages + i + 1));
        expect(progress.at(-1)?.transactions ?? start.upserts.size).toBe(stepwise.upserts.size);
        // Each page as the fold read it (what the run stages): its added then modified rows, converted, and
        // whether it names an id held before it (from the starting plan, an earlier page or itself).
        const held = new Set(['z']);
        expect(progress.map((p) => p.folded)).toEqual(
          pages.map((p) => {
            const ids = [...p.added, ...p.modified].map((t) => t.transaction_id);
            ids.push(...p.removed.map((r) => r.transaction_id));
            let revisits = false;
            for (const id of ids) {
              if (held.has(id)) revisits = true;
              held.add(id);
            }
            return {
              upserted: [...p.added, ...p.modified].map(toSyncedTransaction),
              removedIds: p.removed.map((r) => r.transaction_id),
              revisits,
            };
          }),
        );
        expect([...start.upserts.keys()]).toEqual(['z']);
        expect(start.pages).toBe(1);
      }),
    );
  });
});
