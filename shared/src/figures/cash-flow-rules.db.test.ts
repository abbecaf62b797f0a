import { testContext, useTestDatabase } from '@finsync/test-support';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedSystemCategories } from '../categorize-service/seed-system-categories.ts';
import { actualRollups, expectedRollups, sortedRollups } from '../ledger/cash-flow-rollups.test-support.ts';
import { countedDay } from './cash-flow.ts';

/*
 * The rows at the edges of the cash-flow rules (migration 2026_11_30_1500), counted by each place in SQL that
 * counts them: the inserting statement's add to the rollups, the recompute (cash_flow_refresh), the triggers
 * that mark the days a change touches (an update and a split then recompute only those days), and the rules'
 * SQL functions row by row — each equal to figures/cash-flow.ts. A place that read a rule its own way (a day
 * in UTC, a lower-case code, an unofficial code dropped) would count one of these rows apart from the others.
 */
const ZONE = 'America/Los_Angeles';

interface Edge {
  name: string;
  date: string;
  /** ISO text, as PostgreSQL reads it (to the microsecond). */
  datetime: string | null;
  amountMinor: number;
  currency: string | null;
  unofficialCurrency: string | null;
  category: 'salary' | 'groceries' | 'withdrawal' | null;
  pending?: boolean;
  isTransfer?: boolean;
  excluded?: boolean;
}

const edge = (name: string, extra: Partial<Edge> = {}): Edge => ({
  name,
  date: '2026-11-04',
  datetime: null,
  amountMinor: 12_34,
  currency: 'USD',
  unofficialCurrency: null,
  category: 'groceries',
  ...extra,
});

const EDGES: Edge[] = [
  edge('no posting time: the bank date'),
  // 23:59:59.999999 on 3 November in Los Angeles (PST, UTC-8): the 3rd, never the 4th.
  edge('a microsecond before local midnight', { datetime: '2026-11-04T07:59:59.999999Z' }),
  edge('local midnight', { date: '2026-11-03', datetime: '2026-11-04T08:00:00Z' }),
  // Daylight time ends at 02:00 on 1 November: 23:59 PDT on 31 October is 06:59 UTC, 00:30 PDT 07:30 UTC.
  edge('the evening before the clocks go back', { date: '2026-11-01', datetime: '2026-11-01T06:59:00Z' }),
  edge('just after midnight, still daylight time', { date: '2026-10-31', datetime: '2026-11-01T07:30:00Z' }),
  edge('an unofficial code only, lower-case', { currency: null, unofficialCurrency: 'doge' }),
  edge('an unofficial code beside an official one', { currency: 'EUR', unofficialCurrency: 'DOGE' }),
  edge('a lower-case code', { currency: 'usd' }),
  edge('no code: the user’s own currency', { currency: null }),
  edge('money in, uncategorized: income', { amountMinor: -50_00, category: null }),
  edge('money in, income category', { amountMinor: -900_00, category: 'salary' }),
  edge('a refund in a spending category', { amountMinor: -5_00 }),
  edge('pending', { pending: true }),
  edge('flagged a transfer', { isTransfer: true }),
  edge('excluded from reports', { excluded: true }),
  edge('a transfer-kind category', { category: 'withdrawal' }),
];

describe('the cash-flow rules in SQL count the edge rows as figures/cash-flow.ts does', () => {
  const file = useTestDatabase();
  let userId: string;
  let accountId: string;
  let categoryOf: Record<NonNullable<Edge['category']>, string>;

  beforeAll(async () => {
    const ctx = testContext(file.t.db);
    userId = (await ctx.newUser({ email: 'rules@example.test', currency: 'USD', timezone: ZONE })).id;
    await seedSystemCategories(file.t.db, userId);
    categoryOf = {
      salary: await ctx.categoryId(userId, 'INCOME_SALARY'),
      groceries: await ctx.categoryId(userId, 'FOOD_AND_DRINK_GROCERIES'),
      withdrawal: await ctx.categoryId(userId, 'TRANSFER_OUT_WITHDRAWAL'),
    };
    const item = await file.t.db
      .insertInto('plaid_items')
      .values({ user_id: userId, plaid_item_id: 'rules-item', access_token_encrypted: 'k:x:y:z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    accountId = (
      await file.t.db
        .insertInto('accounts')
        .values({
          user_id: userId,
          item_id: item.id,
          plaid_account_id: 'rules-acc',
          name: 'A',
          type: 'depository',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });

  const rollups = async () => sortedRollups(await actualRollups(file.t.db, userId));
  const expected = async () => sortedRollups(await expectedRollups(file.t.db, userId));
  const rebuilt = async () => {
    await sql`SELECT cash_flow_refresh(${userId}::uuid, NULL)`.execute(file.t.db);
    return rollups();
  };

  it('when added by the inserting statement, recomputed, and recomputed for the days a change touches', async () => {
    // One statement, as a sync commit inserts: the rollups are added to from its rows (no recompute).
    await sql`
      INSERT INTO transactions (user_id, item_id, account_id, plaid_transaction_id, raw_name, amount_minor, date,
                                datetime, currency, unofficial_currency, category_id, pending, is_transfer,
                                excluded_from_reports)
      SELECT ${userId}::uuid, a.item_id, a.id, e.name, e.name, e.amount_minor, e.date, e.datetime, e.currency,
             e.unofficial_currency, e.category_id, e.pending, e.is_transfer, e.excluded
      FROM accounts a, jsonb_to_recordset(${JSON.stringify(
        EDGES.map((e) => ({
          name: e.name,
          amount_minor: e.amountMinor,
          date: e.date,
          datetime: e.datetime,
          currency: e.currency,
          unofficial_currency: e.unofficialCurrency,
          category_id: e.category && categoryOf[e.category],
          pending: e.pending ?? false,
          is_transfer: e.isTransfer ?? false,
          excluded: e.excluded ?? false,
        })),
      )}::jsonb) AS e(name text, amount_minor bigint, date date, datetime timestamptz, currency text,
                      unofficial_currency text, category_id uuid, pending boolean, is_transfer boolean,
                      excluded boolean)
      WHERE a.id = ${accountId}`.execute(file.t.db);
    const added = await rollups();
    // The edges land on the days and keys they are about (a check of the test's rows, not of the code).
    const expectedKeys = (await expected()).groups.map(([k]) => k.split('|'));
    expect(expectedKeys.map(([day]) => day)).toEqual(
      expect.arrayContaining(['2026-10-31', '2026-11-01', '2026-11-03', '2026-11-04']),
    );
    expect(expectedKeys.map(([, , , currency]) => currency)).toEqual(
      expect.arrayContaining(['', 'USD', 'EUR', 'DOGE']),
    );
    expect(added).toEqual(await expected());
    expect(await rebuilt()).toEqual(added);

    // Each row moved by a cent, in one statement: the days it marks (its old and new) are recomputed at commit.
    await file.t.db.deleteFrom('cash_flow_daily').where('user_id', '=', userId).execute();
    await sql`SELECT cash_flow_refresh(${userId}::uuid, NULL)`.execute(file.t.db);
    await sql`UPDATE transactions SET amount_minor = amount_minor + 1 WHERE user_id = ${userId}`.execute(
      file.t.db,
    );
    expect(await rollups()).toEqual(await expected());

    // The bank's date moves two days later, so a wrong day marked leaves the old day's figures standing.
    await sql`UPDATE transactions SET date = date + 2, datetime = datetime + interval '2 days'
              WHERE user_id = ${userId}`.execute(file.t.db);
    expect(await rollups()).toEqual(await expected());

    // Split parts replace their transaction; a transfer-kind part is dropped.
    const split = await file.t.db
      .selectFrom('transactions')
      .select(['id', 'amount_minor'])
      .where('user_id', '=', userId)
      .where('plaid_transaction_id', '=', 'a microsecond before local midnight')
      .executeTakeFirstOrThrow();
    await file.t.db
      .insertInto('transaction_splits')
      .values([
        { user_id: userId, transaction_id: split.id, category_id: categoryOf.withdrawal, amount_minor: 1_00 },
        {
          user_id: userId,
          transaction_id: split.id,
          category_id: categoryOf.salary,
          amount_minor: split.amount_minor - 1_00,
        },
      ])
      .execute();
    expect(await rollups()).toEqual(await expected());
    expect(await rebuilt()).toEqual(await expected());
  });

  it('row by row, in the rules’ own SQL functions', async () => {
    // Over the rows the test above stored and moved.
    const rows = await file.t.db
      .selectFrom('transactions')
      .select([
        'plaid_transaction_id',
        'date',
        'datetime',
        'currency',
        'unofficial_currency',
        'pending',
        'is_transfer',
        'excluded_from_reports',
        sql<string>`to_char(cash_flow_day(datetime, date, ${ZONE}), 'YYYY-MM-DD')`.as('day'),
        sql<string>`cash_flow_currency_key(currency, unofficial_currency)`.as('key'),
        sql<boolean>`cash_flow_counts(pending, is_transfer, excluded_from_reports)`.as('counts'),
        sql<boolean>`cash_flow_in_currency(cash_flow_currency_key(currency, unofficial_currency), 'usd', 'USD')`.as(
          'in_usd',
        ),
      ])
      .where('user_id', '=', userId)
      .execute();
    expect(rows).toHaveLength(EDGES.length);
    for (const r of rows) {
      const code = r.currency ?? r.unofficial_currency;
      expect([r.plaid_transaction_id, r.day, r.key, r.counts, r.in_usd]).toEqual([
        r.plaid_transaction_id,
        countedDay(r, ZONE),
        (code ?? '').toUpperCase(),
        !r.pending && !r.is_transfer && !r.excluded_from_reports,
        code === null || code.toUpperCase() === 'USD',
      ]);
    }
  });
});
