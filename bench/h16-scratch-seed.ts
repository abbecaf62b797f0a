// scratch (not committed): a kept database with the api-dashboard seed, for EXPLAIN.
import { migrateToLatest } from '@finsync/migrations';
import { createDatabase } from '@finsync/shared';
import { sql } from 'kysely';

const url = 'postgres://postgres@127.0.0.1:5432/finsync_h16_scratch';
const db = createDatabase({ kind: 'postgres', url, poolMax: 2 });
await migrateToLatest(db);
const user = await db
  .insertInto('users')
  .values({ email: 'b@x.test', password_hash: 'x' })
  .returning('id')
  .executeTakeFirstOrThrow();
const { seedSystemCategories } = await import('@finsync/shared/categorize');
await seedSystemCategories(db, user.id);
const item = await db
  .insertInto('plaid_items')
  .values({ user_id: user.id, plaid_item_id: 'bench-item', access_token_encrypted: 'x:y:z:w' })
  .returning('id')
  .executeTakeFirstOrThrow();
const account = await db
  .insertInto('accounts')
  .values({
    user_id: user.id,
    item_id: item.id,
    plaid_account_id: 'bench-acc',
    name: 'Checking',
    type: 'depository',
    currency: 'USD',
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const t0 = performance.now();
await sql`
    INSERT INTO transactions (user_id, item_id, account_id, plaid_transaction_id, amount_minor, currency, date,
                              raw_name, category_id, is_transfer, pending)
    SELECT ${user.id}::uuid, ${item.id}::uuid, ${account.id}::uuid, 'bench-' || g,
           CASE WHEN g % 15 = 0 THEN -(200000 + g % 50000) ELSE 100 + (g * 7919) % 20000 END,
           'USD', DATE '2026-11-30' - (g % 700), 'MERCHANT ' || (g % 500),
           (SELECT id FROM categories c WHERE c.user_id = ${user.id}::uuid AND NOT c.is_group
              ORDER BY c.sort_order OFFSET (g % 40) LIMIT 1),
           g % 50 = 0, g % 97 = 0
    FROM generate_series(1, 100000) g`.execute(db);
console.log('insert+rollup ms', performance.now() - t0, user.id);
await sql`ANALYZE`.execute(db);
await db.destroy();
