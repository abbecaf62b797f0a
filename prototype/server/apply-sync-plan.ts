import type { SyncedAccount, SyncedTransaction, SyncPlan } from '@finsync/shared/sync';
import type { PrototypeData, PrototypeTransaction } from './prototype-data.ts';

export type Categorizer = (
  t: SyncedTransaction,
) => Pick<PrototypeTransaction, 'payee' | 'categoryId' | 'categorySource'>;

/**
 * The data after one item's sync plan: accounts and transactions upserted, removals deleted, the cursor moved.
 * Pure: returns new data and leaves the input alone.
 */
export function applySyncPlan(
  data: PrototypeData,
  itemId: string,
  result: { plan: SyncPlan; updateStatus: string | null; accounts?: readonly SyncedAccount[] },
  categorize: Categorizer,
  now: Date,
): PrototypeData {
  const { plan } = result;
  const accounts = { ...data.accounts };
  for (const a of [...(result.accounts ?? []), ...plan.accounts.values()]) {
    accounts[a.plaidAccountId] = { ...a, itemId };
  }
  const transactions = { ...data.transactions };
  for (const id of plan.removed) delete transactions[id];
  for (const t of plan.upserts.values()) {
    transactions[t.plaidTransactionId] = { ...t, itemId, ...categorize(t) };
  }
  const items = data.items.map((item) =>
    item.itemId === itemId
      ? {
          ...item,
          cursor: plan.nextCursor,
          updateStatus: result.updateStatus,
          lastSyncedAt: now.toISOString(),
        }
      : item,
  );
  return { ...data, items, accounts, transactions };
}
