import { sql } from 'kysely';
import type { OwnerDb, UserDb } from './create-database.ts';

/** The non-owner role that row-level security applies to (created by migration 2026_11_25_0003_api_security). */
export const APP_ROLE = 'finsync_app';

export interface RowScope {
  /** The authenticated user: policies show only rows with this user_id. */
  userId?: string | undefined;
  /** A key the caller already holds (lower-cased e-mail, token hash) that reveals exactly its own row. */
  lookup?: string | undefined;
}

/**
 * Runs `fn` in a transaction under the app role with the scope set LOCAL to the transaction, so the
 * setting never leaks to the next user of a pooled connection. Works the same on PostgreSQL and PGlite.
 */
export async function scopedTransaction<T>(
  db: OwnerDb,
  scope: RowScope,
  fn: (trx: UserDb) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('role', ${APP_ROLE}, true), set_config('app.user_id', ${scope.userId ?? ''}, true),
      set_config('app.lookup', ${scope.lookup ?? ''}, true)`.execute(trx);
    return fn(trx as unknown as UserDb);
  });
}

/** The authenticated request's queries: every row outside `userId`'s is invisible, whatever the query says. */
export function withUser<T>(db: OwnerDb, userId: string, fn: (trx: UserDb) => Promise<T>): Promise<T> {
  return scopedTransaction(db, { userId }, fn);
}

/** Inside a scoped transaction opened by lookup: from here on, act as the user the lookup identified. */
export async function assumeUser(trx: UserDb, userId: string): Promise<void> {
  await sql`SELECT set_config('app.user_id', ${userId}, true)`.execute(trx);
}
