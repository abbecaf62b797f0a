import type { UserDb } from '../db/create-database.ts';
import { deleteUserRow, userRow } from '../db/user-row.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import { reassignCategory } from '../tables/transactions.ts';
import { inTransaction } from './categorization-store.ts';

/**
 * Deletes a user's category, moving its transactions, splits and learned merchants to `reassignTo` (or leaving
 * them uncategorized, to review). Its subcategories move up to its parent. Returns how many transactions moved.
 */
export async function deleteCategory(
  db: UserDb,
  userId: string,
  categoryId: string,
  reassignTo: string | null,
): Promise<number> {
  if (reassignTo === categoryId)
    throw new DomainError('VALIDATION_FAILED', 'cannot reassign a category to itself');
  return inTransaction(db, async (trx) => {
    const category = await userRow(trx, 'categories', userId, categoryId)
      .select(['id', 'parent_id'])
      .executeTakeFirst();
    if (!category) throw new NotFoundError('category', categoryId);
    if (reassignTo) {
      const target = await userRow(trx, 'categories', userId, reassignTo).select('id').executeTakeFirst();
      if (!target) throw new NotFoundError('category', reassignTo);
    }
    const moved = await reassignCategory(trx, userId, categoryId, reassignTo, new Date());
    await trx
      .updateTable('transaction_splits')
      .set({ category_id: reassignTo })
      .where('user_id', '=', userId)
      .where('category_id', '=', categoryId)
      .execute();
    if (reassignTo) {
      await trx
        .updateTable('learned_merchants')
        .set({ category_id: reassignTo })
        .where('user_id', '=', userId)
        .where('category_id', '=', categoryId)
        .execute();
    }
    await trx
      .updateTable('categories')
      .set({ parent_id: category.parent_id })
      .where('user_id', '=', userId)
      .where('parent_id', '=', categoryId)
      .execute();
    await deleteUserRow(trx, 'categories', userId, categoryId);
    return moved;
  });
}
