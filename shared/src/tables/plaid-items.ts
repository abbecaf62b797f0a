import { changedAny } from '../db/changed-any.ts';
import type { Db } from '../db/create-database.ts';
import type { ItemStatus, NewRow, Row } from '../db/database.ts';
import { userRow } from '../db/user-row.ts';

export type PlaidItem = Row<'plaid_items'>;

export async function insertPlaidItem(db: Db, item: NewRow<'plaid_items'>): Promise<PlaidItem> {
  // Re-linking the same Plaid item (update mode gone wrong, double submit) refreshes it instead of duplicating.
  return db
    .insertInto('plaid_items')
    .values(item)
    .onConflict((oc) =>
      oc.column('plaid_item_id').doUpdateSet((eb) => ({
        access_token_encrypted: eb.ref('excluded.access_token_encrypted'),
        institution_id: eb.ref('excluded.institution_id'),
        institution_name: eb.ref('excluded.institution_name'),
        webhook_url: eb.ref('excluded.webhook_url'),
        status: 'active',
        last_error: null,
        updated_at: new Date(),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findPlaidItem(db: Db, itemId: string): Promise<PlaidItem | undefined> {
  return db.selectFrom('plaid_items').selectAll().where('id', '=', itemId).executeTakeFirst();
}

export function findPlaidItemByPlaidId(db: Db, plaidItemId: string): Promise<PlaidItem | undefined> {
  return db.selectFrom('plaid_items').selectAll().where('plaid_item_id', '=', plaidItemId).executeTakeFirst();
}

/** The user's item unless it was removed, with what removing it at Plaid needs; undefined otherwise. */
export function findLiveUserItem(
  db: Db,
  userId: string,
  itemId: string,
): Promise<Pick<PlaidItem, 'id' | 'access_token_encrypted'> | undefined> {
  return db
    .selectFrom('plaid_items')
    .select(['id', 'access_token_encrypted'])
    .where('user_id', '=', userId)
    .where('id', '=', itemId)
    .where('status', '!=', 'removed')
    .executeTakeFirst();
}

/** Locks the item row for the rest of the transaction and returns its cursor (commit-time compare-and-set). */
export async function lockItemCursor(trx: Db, itemId: string): Promise<string | null | undefined> {
  const row = await trx
    .selectFrom('plaid_items')
    .select('sync_cursor')
    .where('id', '=', itemId)
    .forUpdate()
    .executeTakeFirst();
  return row ? row.sync_cursor : undefined;
}

export async function saveSyncCursor(
  trx: Db,
  itemId: string,
  cursor: string | null,
  at: Date,
  historyComplete = false,
): Promise<void> {
  await trx
    .updateTable('plaid_items')
    .set({
      sync_cursor: cursor,
      last_synced_at: at,
      last_error: null,
      updated_at: at,
      // Once complete, always complete: later incremental pages need not repeat it.
      ...(historyComplete ? { history_complete: true } : {}),
    })
    .where('id', '=', itemId)
    .execute();
}

/** Sets the status; returns true when it changed (callers notify and reschedule on transitions only). */
export async function setItemStatus(
  db: Db,
  itemId: string,
  status: ItemStatus,
  at: Date,
  error: { code: string; message: string } | null = null,
  extra: { consentExpiresAt?: Date | null } = {},
): Promise<boolean> {
  return changedAny(
    db
      .updateTable('plaid_items')
      .set({
        status,
        last_error: error ? JSON.stringify({ ...error, at: at.toISOString() }) : null,
        updated_at: at,
        ...(extra.consentExpiresAt !== undefined ? { consent_expires_at: extra.consentExpiresAt } : {}),
      })
      .where('id', '=', itemId)
      .where('status', '!=', status),
  );
}

export async function recordItemError(
  db: Db,
  itemId: string,
  error: { code: string; message: string },
  at: Date,
) {
  await db
    .updateTable('plaid_items')
    .set({ last_error: JSON.stringify({ ...error, at: at.toISOString() }), updated_at: at })
    .where('id', '=', itemId)
    .execute();
}

export async function listActiveItemIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('plaid_items').select('id').where('status', '=', 'active').execute();
  return rows.map((r) => r.id);
}

/** The user's items unless removed, oldest first. */
export function userItems(db: Db, userId: string): Promise<PlaidItem[]> {
  return db
    .selectFrom('plaid_items')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', '!=', 'removed')
    .orderBy('created_at')
    .execute();
}

export function findUserItem(db: Db, userId: string, itemId: string): Promise<PlaidItem | undefined> {
  return userRow(db, 'plaid_items', userId, itemId).selectAll().executeTakeFirst();
}

/** The owner of an item, or undefined when there is no such item. */
export async function itemOwnerId(db: Db, itemId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('plaid_items')
    .select('user_id')
    .where('id', '=', itemId)
    .executeTakeFirst();
  return row?.user_id;
}

/** The user's items that talk to Plaid (`live`: all but removed; `active`: only active), with their tokens. */
export function userItemTokens(
  db: Db,
  userId: string,
  which: 'live' | 'active',
): Promise<Pick<PlaidItem, 'id' | 'access_token_encrypted'>[]> {
  const query = db
    .selectFrom('plaid_items')
    .select(['id', 'access_token_encrypted'])
    .where('user_id', '=', userId);
  return (
    which === 'live' ? query.where('status', '!=', 'removed') : query.where('status', '=', 'active')
  ).execute();
}

/** The user's active or erring items whose last error is older than `cutoff` with no good sync since. */
export function failingItems(
  db: Db,
  userId: string,
  cutoff: Date,
): Promise<Pick<PlaidItem, 'id' | 'last_synced_at' | 'created_at'>[]> {
  return db
    .selectFrom('plaid_items')
    .select(['id', 'last_synced_at', 'created_at'])
    .where('user_id', '=', userId)
    .where('status', 'in', ['active', 'error'])
    .where('last_error', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('last_synced_at', '<', cutoff),
        eb.and([eb('last_synced_at', 'is', null), eb('created_at', '<', cutoff)]),
      ]),
    )
    .execute();
}

/** A page of every item's encrypted token, by id after `afterId` (key rotation walks them all). */
export function itemTokensAfter(
  db: Db,
  afterId: string,
  limit: number,
): Promise<Pick<PlaidItem, 'id' | 'access_token_encrypted'>[]> {
  return db
    .selectFrom('plaid_items')
    .select(['id', 'access_token_encrypted'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Compare-and-set of the encrypted token: true when the row still held `from` and now holds `to`. */
export async function replaceAccessToken(
  db: Db,
  itemId: string,
  from: string,
  to: string,
  at: Date,
): Promise<boolean> {
  return changedAny(
    db
      .updateTable('plaid_items')
      .set({ access_token_encrypted: to, updated_at: at })
      .where('id', '=', itemId)
      .where('access_token_encrypted', '=', from),
  );
}
