import type { Db } from '@finsync/shared';

/** One Plaid item, one account and a few transactions for a user, written as the owner (like the sync worker). */
export async function seedLedger(db: Db, userId: string, n = 3) {
  const item = await db
    .insertInto('plaid_items')
    .values({
      user_id: userId,
      plaid_item_id: `item-${userId}`,
      access_token_encrypted: 'dev1:x:y:z',
      institution_name: 'Test Bank',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = await db
    .insertInto('accounts')
    .values({
      user_id: userId,
      item_id: item.id,
      plaid_account_id: `acc-${userId}`,
      name: 'Checking',
      type: 'depository',
      currency: 'USD',
      current_minor: 123_45,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('balance_snapshots')
    .values({
      user_id: userId,
      account_id: account.id,
      date: '2026-11-01',
      current_minor: 100_00,
      currency: 'USD',
    })
    .execute();
  const category = await db
    .selectFrom('categories')
    .select('id')
    .where('user_id', '=', userId)
    .where('is_group', '=', false)
    .orderBy('sort_order')
    .executeTakeFirstOrThrow();
  const transactions = await db
    .insertInto('transactions')
    .values(
      Array.from({ length: n }, (_, i) => ({
        user_id: userId,
        item_id: item.id,
        account_id: account.id,
        plaid_transaction_id: `tx-${userId}-${i}`,
        amount_minor: i === 0 ? -250_00 : 10_00 * (i + 1),
        currency: 'USD',
        date: `2026-11-${String(10 + i).padStart(2, '0')}`,
        raw_name: i === 0 ? 'PAYROLL ACME' : `COFFEE SHOP ${i}`,
        merchant_name: i === 0 ? null : 'Coffee Shop',
        category_id: i === 1 ? category.id : null,
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('sync_runs')
    .values({ user_id: userId, item_id: item.id, trigger: 'initial', status: 'succeeded' })
    .execute();
  return {
    itemId: item.id,
    accountId: account.id,
    categoryId: category.id,
    transactionIds: transactions.map((t) => t.id),
  };
}
