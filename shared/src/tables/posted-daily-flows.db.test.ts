import { testContext, useTestDatabase } from '@finsync/test-support';
import { type CompiledQuery, type KyselyPlugin, CompiledQuery as Query, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/create-database.ts';
import { postedDailyFlows } from './transactions.ts';

/*
 * Balance history sums a user's posted movements per account and day from a date on (postedDailyFlows). The
 * read is an index-only scan of transactions_user_date_idx (which carries `pending` and the two columns summed,
 * migration 2026_11_30_1430): no row of the table is visited. Sequential scans are off so the assertion is about
 * what an index can answer, not costs. The oldest posted date is read off the same index.
 */

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

describe('posted daily flows', () => {
  const file = useTestDatabase();
  let userId: string;

  beforeAll(async () => {
    const ctx = testContext(file.t.db);
    userId = (await ctx.newUser()).id;
    const on = await ctx.newLinkedItem(userId);
    // Every 11th row pending (left out), two years of days.
    await sql`
      INSERT INTO transactions (user_id, item_id, account_id, plaid_transaction_id, amount_minor, date, raw_name,
        pending)
      SELECT ${userId}::uuid, ${on.itemId}::uuid, ${on.accountId}::uuid, 'flow-' || g, g % 9000 - 4000,
        date '2024-01-01' + g % 700, 'RAW ' || g % 300, g % 11 = 0
      FROM generate_series(1, 20000) g`.execute(file.t.db);
    await sql`VACUUM ANALYZE transactions`.execute(file.t.db);
  }, 60_000);

  it('are read off an index alone, and sum the posted rows per account and day', async () => {
    const queries: CompiledQuery[] = [];
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        queries.push(file.t.db.getExecutor().compileQuery(args.node, args.queryId));
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const flows = await postedDailyFlows(file.t.db.withPlugin(plugin) as Db, userId, '2024-06-30');
    expect(queries).toHaveLength(1);
    const planned = await file.t.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const { rows } = await trx.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        Query.raw(`EXPLAIN (FORMAT JSON) ${queries[0]!.sql}`, [...queries[0]!.parameters]),
      );
      return nodes(rows[0]!['QUERY PLAN'][0].Plan);
    });
    expect(
      planned.some(
        (n) => n['Node Type'] === 'Index Only Scan' && n['Index Name'] === 'transactions_user_date_idx',
      ),
    ).toBe(true);
    const { rows } = await sql<{ days: string; total: string }>`
      SELECT count(DISTINCT (account_id, date))::text AS days, sum(amount_minor)::text AS total
      FROM transactions WHERE user_id = ${userId} AND NOT pending AND date > '2024-06-30'`.execute(file.t.db);
    expect(String(flows.length)).toBe(rows[0]!.days);
    expect(String(flows.reduce((s, f) => s + f.amountMinor, 0))).toBe(rows[0]!.total);
  });
});
