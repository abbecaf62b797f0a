import type { Kysely } from 'kysely';
import { systemCategories } from '../categorize/system-categories.ts';
import type { Database, NewRow } from '../db/database.ts';

/**
 * Creates the user's system categories from Plaid's taxonomy. Idempotent: existing keys are left as the user
 * renamed or hid them. Call inside the signup transaction. Returns how many categories were created.
 */
export async function seedSystemCategories(trx: Kysely<Database>, userId: string): Promise<number> {
  const all = systemCategories();
  const groups = all.filter((c) => c.isGroup);
  const children = all.filter((c) => !c.isGroup);
  /** Inserts the user's rows of these system categories that are missing; the ids of those it inserted. */
  const insertMissing = (rows: NewRow<'categories'>[]) =>
    trx
      .insertInto('categories')
      .values(rows)
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .returning('id')
      .execute();
  const systemRow = (c: (typeof all)[number]) => ({
    user_id: userId,
    key: c.key,
    name: c.name,
    kind: c.kind,
    is_system: true,
    pfc_primary: c.pfcPrimary,
    sort_order: c.sortOrder,
  });
  const insertedGroups = await insertMissing(
    groups.map((c) => ({ ...systemRow(c), is_group: true, pfc_detailed: null })),
  );
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
  const insertedChildren = await insertMissing(
    children.map((c) => ({
      ...systemRow(c),
      is_group: false,
      parent_id: c.parentKey ? (groupId.get(c.parentKey) ?? null) : null,
      pfc_detailed: c.pfcDetailed,
    })),
  );
  return insertedGroups.length + insertedChildren.length;
}
