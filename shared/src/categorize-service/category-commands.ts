import type { Kysely } from 'kysely';
import {
  type CategoryCreate,
  type CategoryUpdate,
  categoryCreateSchema,
  categoryUpdateSchema,
} from '../categorize/category-schema.ts';
import type { Database, Row } from '../db/database.ts';
import { userRow } from '../db/user-row.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import { inTransaction } from './categorization-store.ts';

type Executor = Kysely<Database>;

function parse<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: unknown[] } };
  },
  input: unknown,
): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new DomainError('VALIDATION_FAILED', 'invalid category', parsed.error.issues);
  return parsed.data;
}

async function requireCategory(db: Executor, userId: string, id: string): Promise<Row<'categories'>> {
  const row = await userRow(db, 'categories', userId, id).selectAll().executeTakeFirst();
  if (!row) throw new NotFoundError('category', id);
  return row;
}

/** Refuses a parent that is the category itself or one of its descendants (no cycles). */
async function checkParent(
  db: Executor,
  userId: string,
  categoryId: string | null,
  parentId: string,
): Promise<void> {
  let cursor: string | null = parentId;
  for (let depth = 0; cursor; depth++) {
    if (cursor === categoryId || depth > 20) {
      throw new DomainError(
        'CATEGORY_CYCLE',
        'a category cannot be nested under itself or its subcategories',
      );
    }
    cursor = (await requireCategory(db, userId, cursor)).parent_id;
  }
}

/** A user's own category, optionally nested under another (which becomes a group). */
export async function createCategory(
  db: Executor,
  userId: string,
  input: unknown,
): Promise<Row<'categories'>> {
  const c = parse<CategoryCreate>(categoryCreateSchema, input);
  return inTransaction(db, async (trx) => {
    if (c.parentId) {
      await checkParent(trx, userId, null, c.parentId);
      await trx.updateTable('categories').set({ is_group: true }).where('id', '=', c.parentId).execute();
    }
    return trx
      .insertInto('categories')
      .values({
        user_id: userId,
        key: `user:${crypto.randomUUID()}`,
        name: c.name,
        kind: c.kind,
        parent_id: c.parentId,
        is_group: c.isGroup,
        is_system: false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Rename, hide, move (nest) or reorder a category, system ones included. */
export async function updateCategory(
  db: Executor,
  userId: string,
  categoryId: string,
  input: unknown,
): Promise<Row<'categories'>> {
  const u = parse<CategoryUpdate>(categoryUpdateSchema, input);
  return inTransaction(db, async (trx) => {
    await requireCategory(trx, userId, categoryId);
    if (u.parentId) {
      await checkParent(trx, userId, categoryId, u.parentId);
      await trx.updateTable('categories').set({ is_group: true }).where('id', '=', u.parentId).execute();
    }
    return trx
      .updateTable('categories')
      .set({
        ...(u.name !== undefined ? { name: u.name } : {}),
        ...(u.parentId !== undefined ? { parent_id: u.parentId } : {}),
        ...(u.hidden !== undefined ? { hidden: u.hidden } : {}),
        ...(u.sortOrder !== undefined ? { sort_order: u.sortOrder } : {}),
        updated_at: new Date(),
      })
      .where('user_id', '=', userId)
      .where('id', '=', categoryId)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}
