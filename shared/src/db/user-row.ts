import type { SelectQueryBuilder } from 'kysely';
import type { Db } from './create-database.ts';
import type { Database } from './database.ts';

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
