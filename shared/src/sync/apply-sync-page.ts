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
  const upserts = new Map(plan.upserts);
  const removed = new Set(plan.removed);
  for (const t of [...page.added, ...page.modified]) {
    const synced = toSyncedTransaction(t);
    upserts.set(synced.plaidTransactionId, synced);
    removed.delete(synced.plaidTransactionId);
  }
  for (const r of page.removed) {
    if (!r.transaction_id) continue;
    upserts.delete(r.transaction_id);
    removed.add(r.transaction_id);
  }
  const accounts = new Map(plan.accounts);
  for (const a of page.accounts ?? []) accounts.set(a.account_id, toSyncedAccount(a));
  return {
    startCursor: plan.startCursor,
    nextCursor: page.next_cursor,
    hasMore: page.has_more,
    pages: plan.pages + 1,
    upserts,
    removed,
    accounts,
    counts: {
      added: plan.counts.added + page.added.length,
      modified: plan.counts.modified + page.modified.length,
      removed: plan.counts.removed + page.removed.length,
    },
    historyComplete: page.transactions_update_status === 'HISTORICAL_UPDATE_COMPLETE',
  };
}
