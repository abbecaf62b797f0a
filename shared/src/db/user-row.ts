import type { SelectQueryBuilder } from 'kysely';
import { changedAny } from './changed-any.ts';
import type { Db } from './create-database.ts';
import type { Database } from './database.ts';

/** The tables whose rows each belong to one user. */
export type OwnedTable = {
  [T in keyof Database]: Database[T] extends { user_id: unknown } ? T : never;
}[keyof Database];

/** The tables whose rows each belong to one user and are named by an id. */
export type UserTable = {
  [T in keyof Database]: Database[T] extends { id: unknown; user_id: unknown } ? T : never;
}[keyof Database];

/**
 * The user's row of `table` with this id, to select from: `userRow(db, 'budgets', userId, id).select('kind')`.
 * The user is a condition of its own, so the query is right with or without row-level security (the owner
 * handle of a worker, or a user's transaction).
 */
export function userRow<T extends UserTable>(
  db: Db,
  table: T,
  userId: string,
  id: string,
): SelectQueryBuilder<Database, T, object> {
  return db
    .selectFrom(table as UserTable)
    .where('user_id', '=', userId)
    .where('id', '=', id) as unknown as SelectQueryBuilder<Database, T, object>;
}

/** All the user's rows of `table`, to select from and narrow: `userRows(db, 'budgets', userId).select('id')`. */
export function userRows<T extends OwnedTable>(
  db: Db,
  table: T,
  userId: string,
): SelectQueryBuilder<Database, T, object> {
  return db.selectFrom(table as OwnedTable).where('user_id', '=', userId) as unknown as SelectQueryBuilder<
    Database,
    T,
    object
  >;
}

/** Deletes the user's row of `table` with this id; false when there was none (another user's is none). */
export async function deleteUserRow(db: Db, table: UserTable, userId: string, id: string): Promise<boolean> {
  return changedAny(db.deleteFrom(table).where('user_id', '=', userId).where('id', '=', id));
}
