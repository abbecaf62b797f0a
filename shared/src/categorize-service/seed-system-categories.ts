import type { Kysely } from 'kysely';
import { systemCategories } from '../categorize/system-categories.ts';
import type { Database } from '../db/database.ts';

/**
 * Creates the user's system categories from Plaid's taxonomy. Idempotent: existing keys are left as the user
 * renamed or hid them. Call inside the signup transaction. Returns how many categories were created.
 */
export async function seedSystemCategories(trx: Kysely<Database>, userId: string): Promise<number> {
  const all = systemCategories();
  const groups = all.filter((c) => c.isGroup);
  const children = all.filter((c) => !c.isGroup);
  const insertedGroups = await trx
    .insertInto('categories')
    .values(
      groups.map((c) => ({
        user_id: userId,
        key: c.key,
        name: c.name,
        kind: c.kind,
        is_system: true,
        is_group: true,
        pfc_primary: c.pfcPrimary,
        pfc_detailed: null,
        sort_order: c.sortOrder,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('id')
    .execute();
  const groupRows = await trx
    .selectFrom('categories')
    .select(['id', 'key'])
    .where('user_id', '=', userId)
    .where(
      'key',
      'in',
      groups.map((g) => g.key),
    )
    .execute();
  const groupId = new Map(groupRows.map((r) => [r.key, r.id]));
  const insertedChildren = await trx
    .insertInto('categories')
    .values(
      children.map((c) => ({
        user_id: userId,
        key: c.key,
        name: c.name,
        kind: c.kind,
        is_system: true,
        is_group: false,
        parent_id: c.parentKey ? (groupId.get(c.parentKey) ?? null) : null,
        pfc_primary: c.pfcPrimary,
        pfc_detailed: c.pfcDetailed,
        sort_order: c.sortOrder,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('id')
    .execute();
  return insertedGroups.length + insertedChildren.length;
}
