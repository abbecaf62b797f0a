import type { SyncedAccount, SyncedTransaction } from '@finsync/shared/sync';

/** One linked bank: its access token is stored encrypted with the apps' token cipher. */
export interface PrototypeItem {
  itemId: string;
  institutionName: string | null;
  accessTokenEncrypted: string;
  cursor: string | null;
  /** Plaid's transactions_update_status after the last sync. */
  updateStatus: string | null;
  linkedAt: string;
  lastSyncedAt: string | null;
}

export interface PrototypeAccount extends SyncedAccount {
  itemId: string;
}

/** A synced transaction with the category and payee the categorizer gave it. */
export interface PrototypeTransaction extends SyncedTransaction {
  itemId: string;
  payee: string | null;
  categoryId: string | null;
  categorySource: string;
}

/** Everything the single prototype user has, as kept in the JSON file. */
export interface PrototypeData {
  version: 1;
  items: PrototypeItem[];
  accounts: Record<string, PrototypeAccount>;
  transactions: Record<string, PrototypeTransaction>;
}

export const emptyPrototypeData = (): PrototypeData => ({
  version: 1,
  items: [],
  accounts: {},
  transactions: {},
});
