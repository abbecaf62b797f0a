import { testContext, useTestDatabase } from '@finsync/test-support';
import { type CompiledQuery, type KyselyPlugin, CompiledQuery as Query, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TransactionSort } from '../contract/transactions.ts';
import type { UserDb } from '../db/create-database.ts';
import { withUser } from '../db/scoped-transaction.ts';
import { transactionQuery } from './transaction-query.ts';

/*
 * A page of a 20,000-row ledger sorted by payee (either way) is read off the payee index in that order: the plan
 * of the list's own query — first page and the page after a cursor — has no full Sort node, so no page sorts all
 * of the user's rows. Ascending comes straight off the index; descending reads it backward and an Incremental
 * Sort orders only each payee's ties newest first (migration 2026_11_30_1450). Sequential scans are off so the
 * assertion is about which orders an index can give, not costs.
 */

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Presorted Key'?: string[];
  'Scan Direction'?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

/** The SQL and parameters of every query run through the returned handle. */
function capturing(trx: UserDb): { db: UserDb; queries: CompiledQuery[] } {
  const queries: CompiledQuery[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      queries.push(trx.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: trx.withPlugin(plugin) as UserDb, queries };
}

describe('transaction list plans under a sort by payee', () => {
  const file = useTestDatabase();
  let userId: string;

  beforeAll(async () => {
    const ctx = testContext(file.t.db);
    userId = (await ctx.newUser()).id;
    const other = (await ctx.newUser()).id;
    for (const owner of [userId, other]) {
      const on = await ctx.newLinkedItem(owner);
      await sql`
        INSERT INTO transactions (user_id, item_id, account_id, plaid_transaction_id, amount_minor, date, raw_name,
          merchant_name, payee)
        SELECT ${owner}::uuid, ${on.itemId}::uuid, ${on.accountId}::uuid, 'plan-' || g, g % 9000 - 4000,
          date '2024-01-01' + g % 700, 'RAW ' || g % 300, CASE WHEN g % 3 = 0 THEN 'Shop ' || g % 150 END,
          CASE WHEN g % 7 = 0 THEN 'payee ' || g % 40 END
        FROM generate_series(1, 20000) g`.execute(file.t.db);
    }
    await sql`ANALYZE transactions`.execute(file.t.db);
  }, 60_000);

  async function plan(query: CompiledQuery): Promise<PlanNode[]> {
    return withUser(file.t.db, userId, async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const { rows } = await trx.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        Query.raw(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]),
      );
      return nodes(rows[0]!['QUERY PLAN'][0].Plan);
    });
  }

  it.each<TransactionSort>(['payee', '-payee'])(
    '%s: both pages come off an index, unsorted',
    async (sort) => {
      const queries = await withUser(file.t.db, userId, async (trx) => {
        const captured = capturing(trx);
        const first = await transactionQuery.list(captured.db, userId, { limit: 50, sort });
        expect(first.transactions).toHaveLength(50);
        await transactionQuery.list(captured.db, userId, { limit: 50, sort, cursor: first.nextCursor! });
        return captured.queries;
      });
      expect(queries).toHaveLength(2);
      for (const query of queries) {
        const planned = await plan(query);
        expect(planned.map((n) => n['Node Type'])).not.toContain('Sort');
        const scan = planned.find((n) => n['Index Name'] === 'transactions_payee_sort_idx');
        expect(scan?.['Scan Direction']).toBe(sort === 'payee' ? 'Forward' : 'Backward');
        const ties = planned.filter((n) => n['Node Type'] === 'Incremental Sort');
        if (sort === 'payee') expect(ties).toEqual([]);
        // Only the rows of one payee key at a time are sorted.
        else expect(ties.map((n) => n['Presorted Key']?.join())).toEqual([expect.stringContaining('lower(')]);
      }
    },
  );
});
