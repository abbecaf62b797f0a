import type { SavedFilter, SavedFilterSpec } from '../contract/saved-filters.ts';
import { SavedFilterSpec as SavedFilterSchema } from '../contract/saved-filters.ts';
import type { Db } from '../db/create-database.ts';
import { userRow } from '../db/user-row.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import { userAccountExists } from '../tables/accounts.ts';
import {
  deleteSavedFilter,
  insertSavedFilter,
  type SavedFilterRow,
  savedFilterNamed,
  updateSavedFilter,
  userSavedFilters,
} from '../tables/saved-filters.ts';

/**
 * Saved transaction filters (issue 17): the user's named filters. A filter may only name the user's own
 * account and category (another user's is NOT_FOUND, as if it did not exist), and names are unique per user
 * whatever their case (CONFLICT naming body.name).
 */

function toSavedFilter(row: SavedFilterRow): SavedFilter {
  return {
    id: row.id,
    name: row.name,
    // Parsed, never cast: the stored JSON is read back through the same schema that let it in.
    filter: SavedFilterSchema.parse(row.filter),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function requireOwnReferences(db: Db, userId: string, filter: SavedFilterSpec): Promise<void> {
  if (filter.accountId && !(await userAccountExists(db, userId, filter.accountId)))
    throw new NotFoundError('account', filter.accountId);
  if (filter.categoryId && filter.categoryId !== 'none') {
    const category = await userRow(db, 'categories', userId, filter.categoryId)
      .select('id')
      .executeTakeFirst();
    if (!category) throw new NotFoundError('category', filter.categoryId);
  }
}

const nameTaken = (name: string) =>
  new DomainError('CONFLICT', `a saved filter is already named "${name}"`, [
    { path: 'body.name', message: 'already used by another saved filter' },
  ]);

async function requireFreeName(db: Db, userId: string, name: string, except?: string): Promise<void> {
  if (await savedFilterNamed(db, userId, name, except)) throw nameTaken(name);
}

/** Two saves of one name at once: the unique index refuses the second, which reads as the same conflict. */
async function sameNameRace<T>(name: string | undefined, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    const pg = error as { code?: string };
    if (name !== undefined && pg.code === '23505') throw nameTaken(name);
    throw error;
  }
}

export async function listSavedFilters(db: Db, userId: string): Promise<{ filters: SavedFilter[] }> {
  return { filters: (await userSavedFilters(db, userId)).map(toSavedFilter) };
}

export async function createSavedFilter(
  db: Db,
  userId: string,
  body: { name: string; filter: SavedFilterSpec },
): Promise<SavedFilter> {
  await requireOwnReferences(db, userId, body.filter);
  await requireFreeName(db, userId, body.name);
  return toSavedFilter(
    await sameNameRace(body.name, insertSavedFilter(db, { userId, name: body.name, filter: body.filter })),
  );
}

export async function changeSavedFilter(
  db: Db,
  userId: string,
  id: string,
  change: { name?: string | undefined; filter?: SavedFilterSpec | undefined },
  now: Date,
): Promise<SavedFilter> {
  if (change.filter) await requireOwnReferences(db, userId, change.filter);
  if (change.name !== undefined) await requireFreeName(db, userId, change.name, id);
  const row = await sameNameRace(change.name, updateSavedFilter(db, userId, id, change, now));
  if (!row) throw new NotFoundError('saved filter', id);
  return toSavedFilter(row);
}

export async function removeSavedFilter(db: Db, userId: string, id: string): Promise<void> {
  if (!(await deleteSavedFilter(db, userId, id))) throw new NotFoundError('saved filter', id);
}
