import { sql } from 'kysely';
import type { Db } from '../db/create-database.ts';
import type { NewRow, Row } from '../db/database.ts';
import { userRow } from '../db/user-row.ts';
import { LIABILITY_ACCOUNT_TYPES } from '../presentation/account-kinds.ts';
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

/** Inserts accounts that no Plaid sync owns (manual accounts, the demo's sample household); returns their ids. */
export async function insertAccounts(db: Db, rows: readonly NewRow<'accounts'>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insertInto('accounts').values(rows).returning('id').execute();
  return inserted.map((r) => r.id);
}

/**
 * A manual account's balance follows its rows: the opening balance, less money out (positive amounts), for
 * an asset; plus money out for a card or loan, whose balance is what is owed. Plaid accounts keep Plaid's.
 */
export async function refreshManualBalance(db: Db, accountId: string): Promise<void> {
  await sql`
    UPDATE accounts a SET
      current_minor = coalesce(a.opening_balance_minor, 0)
        + CASE WHEN a.type IN (${sql.join(LIABILITY_ACCOUNT_TYPES)}) THEN 1 ELSE -1 END
          * coalesce((SELECT sum(t.amount_minor) FROM transactions t WHERE t.account_id = a.id AND NOT t.pending), 0),
      balance_updated_at = now(),
      updated_at = now()
    WHERE a.id = ${accountId} AND a.source = 'manual'`.execute(db);
}

/** The user's accounts by name. */
export function userAccounts(db: Db, userId: string): Promise<Row<'accounts'>[]> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function userAccountExists(db: Db, userId: string, accountId: string): Promise<boolean> {
  const row = await userRow(db, 'accounts', userId, accountId).select('id').executeTakeFirst();
  return row !== undefined;
}

/** The user's visible cash accounts whose available (else current) balance is below `thresholdMinor`. */
export async function lowBalanceAccountIds(
  db: Db,
  userId: string,
  thresholdMinor: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('accounts')
    .select('id')
    .where('user_id', '=', userId)
    .where('type', '=', 'depository')
    .where('hidden', '=', false)
    .where(sql<number>`coalesce(available_minor, current_minor)`, '<', thresholdMinor)
    .execute();
  return rows.map((r) => r.id);
}
