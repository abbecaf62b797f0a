import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

type Db = Kysely<Database>;

/** The merchant's learned category and how many corrections in a row taught it; undefined when none. */
export async function learnedMerchant(
  db: Db,
  userId: string,
  merchantKey: string,
): Promise<{ categoryId: string; hits: number } | undefined> {
  const row = await db
    .selectFrom('learned_merchants')
    .select(['category_id', 'hits'])
    .where('user_id', '=', userId)
    .where('merchant_key', '=', merchantKey)
    .executeTakeFirst();
  return row ? { categoryId: row.category_id, hits: row.hits } : undefined;
}

/** A correction teaches the merchant `categoryId`: one more hit if it already had it, else a fresh start. */
export async function teachMerchant(
  db: Db,
  userId: string,
  merchantKey: string,
  categoryId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('learned_merchants')
    .values({ user_id: userId, merchant_key: merchantKey, category_id: categoryId, hits: 1, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['user_id', 'merchant_key']).doUpdateSet({
        category_id: categoryId,
        hits: sql<number>`CASE WHEN learned_merchants.category_id = excluded.category_id
          THEN learned_merchants.hits + 1 ELSE 1 END`,
        updated_at: now,
      }),
    )
    .execute();
}

/** Puts the merchant's learned row back as it was: `prior`, or no row at all. */
export async function restoreMerchant(
  db: Db,
  userId: string,
  merchantKey: string,
  prior: { categoryId: string; hits: number } | null,
  now: Date,
): Promise<void> {
  if (!prior) {
    await db
      .deleteFrom('learned_merchants')
      .where('user_id', '=', userId)
      .where('merchant_key', '=', merchantKey)
      .execute();
    return;
  }
  await db
    .insertInto('learned_merchants')
    .values({
      user_id: userId,
      merchant_key: merchantKey,
      category_id: prior.categoryId,
      hits: prior.hits,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'merchant_key']).doUpdateSet({
        category_id: prior.categoryId,
        hits: prior.hits,
        updated_at: now,
      }),
    )
    .execute();
}
