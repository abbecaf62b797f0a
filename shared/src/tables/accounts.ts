import type { Db } from '../db/create-database.ts';
import type { SyncedAccount } from '../sync/synced-records.ts';

/** Upserts an item's accounts with their balances; returns plaid_account_id → accounts.id for the item. */
export async function upsertAccounts(
  trx: Db,
  owner: { userId: string; itemId: string },
  accounts: readonly SyncedAccount[],
  at: Date,
): Promise<Map<string, string>> {
  if (accounts.length > 0) {
    await trx
      .insertInto('accounts')
      .values(
        accounts.map((a) => ({
          user_id: owner.userId,
          item_id: owner.itemId,
          plaid_account_id: a.plaidAccountId,
          name: a.name,
          official_name: a.officialName,
          mask: a.mask,
          type: a.type,
          subtype: a.subtype,
          currency: a.currency,
          unofficial_currency: a.unofficialCurrency,
          current_minor: a.currentMinor,
          available_minor: a.availableMinor,
          limit_minor: a.limitMinor,
          balance_updated_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['item_id', 'plaid_account_id']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          official_name: eb.ref('excluded.official_name'),
          mask: eb.ref('excluded.mask'),
          type: eb.ref('excluded.type'),
          subtype: eb.ref('excluded.subtype'),
          currency: eb.ref('excluded.currency'),
          unofficial_currency: eb.ref('excluded.unofficial_currency'),
          current_minor: eb.ref('excluded.current_minor'),
          available_minor: eb.ref('excluded.available_minor'),
          limit_minor: eb.ref('excluded.limit_minor'),
          balance_updated_at: eb.ref('excluded.balance_updated_at'),
          updated_at: at,
        })),
      )
      .execute();
  }
  return accountIdsForItem(trx, owner.itemId);
}

export async function accountIdsForItem(db: Db, itemId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'plaid_account_id'])
    .where('item_id', '=', itemId)
    .$narrowType<{ plaid_account_id: string }>() // an item's accounts are Plaid accounts
    .execute();
  return new Map(rows.map((r) => [r.plaid_account_id, r.id]));
}
