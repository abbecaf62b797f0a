import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** How many passkeys the user has (under their row-level security). */
export async function countPasskeys(db: Kysely<Database>, userId: string): Promise<number> {
  const { count } = await db
    .selectFrom('passkeys')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(count);
}
