// A rule over a user's whole history, as the API runs it: preview ("N transactions would change") and apply to
// history (a page of 1,000 rows at a time, each page's changes written together). `pnpm bench rules-apply
// [transactions]` (default 50,000; half of them match and change). A scratch PostgreSQL database
// (FINSYNC_TEST_PG_URL or local postgres), analyzed after seeding as a user's tables with history are.
import { migrateToLatest } from '@finsync/migrations';
import { createDatabase, type NewRow } from '@finsync/shared';
import {
  applyRuleToHistory,
  createRule,
  previewRuleForUser,
  seedSystemCategories,
} from '@finsync/shared/categorize-service';
import { createEmptyTestDatabase, testContext } from '@finsync/test-support';
import { sql } from 'kysely';

const count = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 50_000);
const scratch = await createEmptyTestDatabase();
const db = createDatabase({ kind: 'postgres', url: scratch.url, poolMax: 4 });
try {
  await migrateToLatest(db);
  const ctx = testContext(db);
  const user = await ctx.newUser();
  await seedSystemCategories(db, user.id);
  const linked = await ctx.newLinkedItem(user.id);
  const rows: NewRow<'transactions'>[] = Array.from({ length: count }, (_, i) => ({
    user_id: user.id,
    item_id: linked.itemId,
    account_id: linked.accountId,
    plaid_transaction_id: `bench-${i}`,
    amount_minor: 100 + (i % 5_000),
    currency: 'USD',
    date: `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    raw_name: i % 2 ? `SUNRISE BAKERY #${i % 97}` : `OTHER SHOP ${i % 300}`,
    pending: false,
  }));
  for (let i = 0; i < rows.length; i += 2_000)
    await db
      .insertInto('transactions')
      .values(rows.slice(i, i + 2_000))
      .execute();
  await sql`VACUUM ANALYZE`.execute(db);
  const input = {
    name: 'Sunrise',
    conditions: [{ field: 'rawName', op: 'contains', value: 'SUNRISE BAKERY' }],
    actions: [
      {
        type: 'setCategory',
        categoryId: await ctx.categoryId(user.id, 'FOOD_AND_DRINK_OTHER_FOOD_AND_DRINK'),
      },
      { type: 'addTags', tags: ['bread'] },
    ],
  };
  const p0 = performance.now();
  const preview = await previewRuleForUser(db, user.id, input);
  const p1 = performance.now();
  const rule = await createRule(db, user.id, input);
  const a0 = performance.now();
  const applied = await applyRuleToHistory(db, user.id, rule.id);
  const a1 = performance.now();
  const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
  console.log(`rules-apply: one rule over ${count.toLocaleString('en-US')} transactions (PostgreSQL)`);
  console.log(
    `  preview: ${(p1 - p0).toFixed(0)} ms → ${rate(count, p1 - p0)} tx/s read (${preview.changed.toLocaleString('en-US')} would change)`,
  );
  console.log(
    `  apply to history: ${(a1 - a0).toFixed(0)} ms → ${rate(applied.changed, a1 - a0)} changed rows/s (${applied.changed.toLocaleString('en-US')} changed, with their rollups)`,
  );
  console.log(`  peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  console.log(
    `BENCH_JSON ${JSON.stringify({ transactions: count, previewMs: Math.round(p1 - p0), applyMs: Math.round(a1 - a0), changed: applied.changed })}`,
  );
} finally {
  await db.destroy();
  await scratch.drop();
}
