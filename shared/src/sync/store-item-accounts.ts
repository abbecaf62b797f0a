import type { Db } from '../db/create-database.ts';
import { upsertAccounts } from '../tables/accounts.ts';
import { recordBalanceSnapshots } from '../tables/balance-snapshots.ts';
import type { SyncedAccount } from './synced-records.ts';

/**
 * Stores an item's accounts as Plaid reported them and, from the balances just written, each account's
 * snapshot for the day: whoever writes Plaid's accounts (link, sync, balance refresh) records their history
 * too. Runs in the caller's transaction.
 */
export async function storeItemAccounts(
  trx: Db,
  owner: { userId: string; itemId: string },
  accounts: readonly SyncedAccount[],
  at: Date,
): Promise<void> {
  await upsertAccounts(trx, owner, accounts, at);
  await recordBalanceSnapshots(trx, owner.itemId, at);
}
