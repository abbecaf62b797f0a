import type { Db } from '../db/create-database.ts';
import type { Row } from '../db/database.ts';
import { deleteUserRow, userRow, userRows } from '../db/user-row.ts';

/** Every query on saved_filters (issue 17): the user's named transaction filters. */

export type SavedFilterRow = Row<'saved_filters'>;

/** The user's filters, by name (case aside). */
export function userSavedFilters(db: Db, userId: string): Promise<SavedFilterRow[]> {
  return userRows(db, 'saved_filters', userId)
    .selectAll()
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy('id')
    .execute();
}

export function userSavedFilter(db: Db, userId: string, id: string): Promise<SavedFilterRow | undefined> {
  return userRow(db, 'saved_filters', userId, id).selectAll().executeTakeFirst();
}

/** The id of the user's filter with this name (case aside), other than `except`, if there is one. */
export async function savedFilterNamed(
  db: Db,
  userId: string,
  name: string,
  except?: string,
): Promise<string | undefined> {
  let q = userRows(db, 'saved_filters', userId)
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (except !== undefined) q = q.where('id', '<>', except);
  return (await q.executeTakeFirst())?.id;
}

export function insertSavedFilter(
  db: Db,
  row: { userId: string; name: string; filter: Record<string, unknown> },
): Promise<SavedFilterRow> {
  return db
    .insertInto('saved_filters')
    .values({ user_id: row.userId, name: row.name, filter: JSON.stringify(row.filter) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateSavedFilter(
  db: Db,
  userId: string,
  id: string,
  change: { name?: string | undefined; filter?: Record<string, unknown> | undefined },
  now: Date,
): Promise<SavedFilterRow | undefined> {
  return db
    .updateTable('saved_filters')
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.filter !== undefined ? { filter: JSON.stringify(change.filter) } : {}),
      updated_at: now,
    })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export function deleteSavedFilter(db: Db, userId: string, id: string): Promise<boolean> {
  return deleteUserRow(db, 'saved_filters', userId, id);
}
