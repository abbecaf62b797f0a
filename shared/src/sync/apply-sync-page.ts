import type { AccountBase, RemovedTransaction, Transaction } from 'plaid';
import {
  type SyncedAccount,
  type SyncedTransaction,
  toSyncedAccount,
  toSyncedTransaction,
} from './synced-records.ts';

/** One `/transactions/sync` response, as much of it as the sync needs. */
export interface SyncPage {
  added: Transaction[];
  modified: Transaction[];
  removed: RemovedTransaction[];
  accounts?: AccountBase[];
  next_cursor: string;
  has_more: boolean;
  /** Plaid: NOT_READY, INITIAL_UPDATE_COMPLETE (the last 30 days) or HISTORICAL_UPDATE_COMPLETE (all of it). */
  transactions_update_status?: string;
}

/**
 * Everything a sync run has learned so far, not yet written. Pages are folded in order; the net effect
 * per transaction id wins (added on page 1 and removed on page 3 → only a removal).
 */
export interface SyncPlan {
  readonly startCursor: string | null;
  readonly nextCursor: string | null;
  readonly hasMore: boolean;
  readonly pages: number;
  readonly upserts: ReadonlyMap<string, SyncedTransaction>;
  readonly removed: ReadonlySet<string>;
  readonly accounts: ReadonlyMap<string, SyncedAccount>;
  readonly counts: { readonly added: number; readonly modified: number; readonly removed: number };
  /** The last page said Plaid has the item's whole history (HISTORICAL_UPDATE_COMPLETE). */
  readonly historyComplete: boolean;
}

export function emptySyncPlan(startCursor: string | null): SyncPlan {
  return {
    startCursor,
    nextCursor: startCursor,
    hasMore: true,
    pages: 0,
    upserts: new Map(),
    removed: new Set(),
    accounts: new Map(),
    counts: { added: 0, modified: 0, removed: 0 },
    historyComplete: false,
  };
}

/** Folds one page into the plan. Pure: the input plan is not changed. */
export function applySyncPage(plan: SyncPlan, page: SyncPage): SyncPlan {
  const fold = startSyncPlanFold(plan);
  fold.add(page);
  return fold.plan();
}

/** How far a run's fold has come: pages folded, and transactions to write so far. */
export interface SyncPlanProgress {
  pages: number;
  transactions: number;
  nextCursor: string | null;
  hasMore: boolean;
}

/** A page as the fold read it: its added then modified rows, each converted once, and the ids it removed. */
export interface FoldedPage {
  upserted: readonly SyncedTransaction[];
  removedIds: readonly string[];
  /**
   * The page names a (non-empty) transaction id the fold already held, as a row or a removal, from its
   * starting plan, an earlier page or earlier in this page: what was staged for that id is no longer the
   * plan's row. Told by the fold's own maps, so a run needs no set of its own of every id it staged.
   */
  revisits: boolean;
}

/**
 * Folds a run's pages one after another into a plan, copying `plan` once at the start instead of once per
 * page (applySyncPage per page copied every transaction folded so far: quadratic in a long history's pages).
 * `plan()` hands over the result; the fold is not used after that. The starting plan is not changed.
 */
export function startSyncPlanFold(plan: SyncPlan): {
  add(page: SyncPage): SyncPlanProgress & { folded: FoldedPage };
  plan(): SyncPlan;
} {
  const upserts = new Map(plan.upserts);
  const removed = new Set(plan.removed);
  const accounts = new Map(plan.accounts);
  let { nextCursor, hasMore, pages, historyComplete } = plan;
  const counts = { ...plan.counts };
  return {
    add(page) {
      const upserted: SyncedTransaction[] = [];
      const removedIds: string[] = [];
      let revisits = false;
      for (const list of [page.added, page.modified]) {
        for (const t of list) {
          const synced = toSyncedTransaction(t);
          const id = synced.plaidTransactionId;
          upserted.push(synced);
          const held = upserts.size;
          upserts.set(id, synced);
          // An id held before: the map did not grow, or it was a removal.
          if ((removed.delete(id) || upserts.size === held) && id) revisits = true;
        }
      }
      for (const r of page.removed) {
        const id = r.transaction_id;
        if (!id) continue;
        removedIds.push(id);
        const held = removed.size;
        removed.add(id);
        if (upserts.delete(id) || removed.size === held) revisits = true;
      }
      for (const a of page.accounts ?? []) accounts.set(a.account_id, toSyncedAccount(a));
      nextCursor = page.next_cursor;
      hasMore = page.has_more;
      pages++;
      counts.added += page.added.length;
      counts.modified += page.modified.length;
      counts.removed += page.removed.length;
      historyComplete = page.transactions_update_status === 'HISTORICAL_UPDATE_COMPLETE';
      return {
        pages,
        transactions: upserts.size,
        nextCursor,
        hasMore,
        folded: { upserted, removedIds, revisits },
      };
    },
    plan: () => ({
      startCursor: plan.startCursor,
      nextCursor,
      hasMore,
      pages,
      upserts,
      removed,
      accounts,
      counts,
      historyComplete,
    }),
  };
}

/**
 * A plan fetched from no cursor is the item's whole current history: every stored id it does not send is
 * gone at Plaid (left by a commit that could not finish), so it counts as removed. Pure.
 */
export function withUnsentRemoved(plan: SyncPlan, storedIds: Iterable<string>): SyncPlan {
  const removed = new Set(plan.removed);
  for (const id of storedIds) if (!plan.upserts.has(id)) removed.add(id);
  return { ...plan, removed };
}
