import { z } from 'zod';
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

/** A staged row's place in the order a sliced commit moves them: date, then Plaid id (unique in a run). */
const stagedKey = z.object({ date: z.string(), plaidTransactionId: z.string() });
export type StagedKey = z.infer<typeof stagedKey>;

const unfinishedCommit = z.object({
  /** The run whose staged rows are being committed (possibly a dead one: the item's next run finishes it). */
  runId: z.string(),
  /** Where the item's cursor goes when the last slice commits, and whether history is then complete. */
  nextCursor: z.string().nullable(),
  historyComplete: z.boolean(),
  /** The last staged key committed; every staged row of the run after it is still to be committed. */
  after: stagedKey.nullable(),
  /** How many staged rows are left after `after`: fewer means the staging table lost them (a crash). */
  remaining: z.number().int().positive(),
});
/**
 * A sync commit under way in slices (plaid_items.unfinished_commit): the rows up to `after` are committed,
 * the cursor is still the old one, and the run's rows after `after` are staged, `remaining` of them.
 */
export type UnfinishedCommit = z.infer<typeof unfinishedCommit>;

/** The item's unfinished commit, parsed (a stored value of another shape is an error, not a guess). */
export function unfinishedCommitOf(item: Pick<PlaidItem, 'unfinished_commit'>): UnfinishedCommit | null {
  return item.unfinished_commit === null ? null : unfinishedCommit.parse(item.unfinished_commit);
}

/**
 * Locks the item row for the rest of the transaction and returns its cursor and unfinished commit
 * (commit-time compare-and-set); undefined when the item is gone.
 */
export async function lockItemSyncState(
  trx: Db,
  itemId: string,
): Promise<{ cursor: string | null; unfinished: UnfinishedCommit | null } | undefined> {
  const row = await trx
    .selectFrom('plaid_items')
    .select(['sync_cursor', 'unfinished_commit'])
    .where('id', '=', itemId)
    .forUpdate()
    .executeTakeFirst();
  return row ? { cursor: row.sync_cursor, unfinished: unfinishedCommitOf(row) } : undefined;
}

/** Records how far a sliced commit has got (in the slice's transaction), or that none is under way (null). */
export async function saveUnfinishedCommit(
  trx: Db,
  itemId: string,
  unfinished: UnfinishedCommit | null,
): Promise<void> {
  await trx
    .updateTable('plaid_items')
    .set({ unfinished_commit: unfinished === null ? null : JSON.stringify(unfinished) })
    .where('id', '=', itemId)
    .execute();
}

/**
 * Gives up an unfinished commit whose staged rows are lost: the item resyncs its whole history from no cursor,
 * and that run deletes the rows Plaid no longer has (see syncItem).
 */
export async function restartItemHistory(trx: Db, itemId: string, at: Date): Promise<void> {
  await trx
    .updateTable('plaid_items')
    .set({ unfinished_commit: null, sync_cursor: null, updated_at: at })
    .where('id', '=', itemId)
    .execute();
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
      unfinished_commit: null,
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
