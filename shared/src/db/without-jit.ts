import { sql } from 'kysely';
import type { Db } from './create-database.ts';

/**
 * Runs `fn`'s queries with PostgreSQL's JIT compiler off (SET LOCAL, in a transaction of their own; inside the
 * caller's transaction as they are). For a read whose cost estimate crosses jit_above_cost but that runs in
 * tens of milliseconds — a report's rows with a correlated subquery per row — compiling the plan costs more
 * than it saves (~30 ms of a 78 ms query at 17k rows).
 */
export function withoutJit<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx);
    return fn(trx);
  });
}
