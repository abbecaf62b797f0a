import { randomBytes } from 'node:crypto';
import { useTestDatabase } from '@finsync/test-support';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { AccountBase, Transaction, TransactionsSyncResponse } from 'plaid';
import { describe, expect, it } from 'vitest';
import { categorizeSyncedTransactions } from '../categorize-service/categorize-transactions.ts';
import { precategorizeSyncedTransactions } from '../categorize-service/precategorize-synced-transactions.ts';
import { applyRuleToHistory, createRule } from '../categorize-service/rule-commands.ts';
import { seedSystemCategories } from '../categorize-service/seed-system-categories.ts';
import { matchTransfers } from '../categorize-service/transfer-commands.ts';
import { createTokenCipher } from '../crypto/token-cipher.ts';
import { withUser } from '../db/scoped-transaction.ts';
import { commitImport, startImport, undoImport } from '../imports/statement-import-service.ts';
import { plaidTxn } from '../sync/sync-fixtures.test-support.ts';
import { type SyncPlaidPort, syncItem } from '../sync/sync-item.ts';
import { insertPlaidItem } from '../tables/plaid-items.ts';
import { actualRollups, expectedRollups, sortedRollups } from './cash-flow-rollups.test-support.ts';
import { editTransactions } from './transaction-edit.ts';

/*
 * Issue 16's correctness property: after any sequence of writes through the real write paths (a sync commit
 * with its categorization, edits through the API's service, a rule applied to history with split, transfer and
 * exclude actions, transfer pairing, a category's kind, the user's zone, an item's removal), the rollups in
 * cash_flow_daily equal the pure cash-flow definition (figures/cash-flow.ts) computed over the raw rows.
 */
const cipher = createTokenCipher(new Map([['t1', randomBytes(32)]]), 't1');
const clock = () => new Date('2026-11-25T10:00:00Z');
const noWait = {
  attempts: 1,
  baseMs: 1,
  maxMs: 1,
  rateLimitBaseMs: 1,
  random: () => 0,
  sleep: async () => {},
};
const ZONES = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Tokyo'] as const;
const CATEGORY_KEYS = [
  'INCOME_SALARY',
  'FOOD_AND_DRINK_GROCERIES',
  'TRANSFER_OUT_WITHDRAWAL',
  'GENERAL_MERCHANDISE_ONLINE_MARKETPLACES',
] as const;
const IDS = 12;

const account = (id: string): AccountBase =>
  ({
    account_id: id,
    name: id,
    official_name: null,
    mask: '0000',
    type: 'depository',
    subtype: 'checking',
    balances: {
      current: 10,
      available: 10,
      limit: null,
      iso_currency_code: 'USD',
      unofficial_currency_code: null,
    },
  }) as unknown as AccountBase;

const plaidRow = fc
  .record({
    id: fc.integer({ min: 0, max: IDS - 1 }),
    acc: fc.constantFrom('acc-1', 'acc-2'),
    amount: fc.constantFrom(12.34, -12.34, 50, -50, 0, 7.01, -300),
    day: fc.integer({ min: 1, max: 6 }),
    hour: fc.option(fc.integer({ min: 0, max: 23 }), { nil: null }),
    pending: fc.constantFrom(false, false, false, true),
    currency: fc.constantFrom('USD', 'USD', 'EUR'),
    pfc: fc.constantFrom('GENERAL_MERCHANDISE', 'TRANSFER_IN', 'INCOME'),
  })
  .map(
    (r): Transaction =>
      plaidTxn(`t${r.id}`, {
        account_id: r.acc,
        amount: r.amount,
        date: `2026-11-0${r.day}`,
        datetime: r.hour === null ? null : `2026-11-0${r.day}T${String(r.hour).padStart(2, '0')}:30:00Z`,
        pending: r.pending,
        iso_currency_code: r.currency,
        name: r.amount > 0 ? `SHOP ${r.id % 3}` : `PAYROLL ${r.id % 2}`,
        personal_finance_category: {
          primary: r.pfc,
          detailed: r.pfc === 'TRANSFER_IN' ? 'TRANSFER_IN_ACCOUNT_TRANSFER' : `${r.pfc}_OTHER`,
        },
      } as Partial<Transaction>),
  );

type Op =
  | { kind: 'sync'; added: Transaction[]; modified: Transaction[]; removed: number[] }
  | {
      kind: 'edit';
      ids: number[];
      change: 'category' | 'uncategorize' | 'transfer' | 'untransfer' | 'exclude' | 'include';
      category: number;
    }
  | { kind: 'rule'; action: 'split' | 'category' | 'exclude' | 'transfer'; category: number; other: number }
  | { kind: 'pairTransfers' }
  | { kind: 'categoryKind'; txn: number; to: 'income' | 'expense' | 'transfer' }
  | { kind: 'timezone'; zone: (typeof ZONES)[number] }
  | { kind: 'removeItem' }
  | { kind: 'import'; rows: { day: number; amount: number; name: string }[]; undo: boolean };

const cat = fc.integer({ min: 0, max: CATEGORY_KEYS.length - 1 });
const syncArb = fc.record({
  kind: fc.constant('sync' as const),
  added: fc.array(plaidRow, { maxLength: 6 }),
  modified: fc.array(plaidRow, { maxLength: 3 }),
  removed: fc.array(fc.integer({ min: 0, max: IDS - 1 }), { maxLength: 2 }),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: syncArb },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      ids: fc.array(fc.integer({ min: 0, max: IDS - 1 }), { minLength: 1, maxLength: 3 }),
      change: fc.constantFrom('category', 'uncategorize', 'transfer', 'untransfer', 'exclude', 'include'),
      category: cat,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('rule' as const),
      action: fc.constantFrom('split', 'category', 'exclude', 'transfer'),
      category: cat,
      other: cat,
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'pairTransfers' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('categoryKind' as const),
      txn: fc.integer({ min: 0, max: IDS - 1 }),
      to: fc.constantFrom('income', 'expense', 'transfer'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('timezone' as const), zone: fc.constantFrom(...ZONES) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'removeItem' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('import' as const),
      rows: fc.array(
        fc.record({
          day: fc.integer({ min: 1, max: 6 }),
          amount: fc.constantFrom(-12.34, 50, -3.5, 2000),
          name: fc.constantFrom('SHOP 1', 'PAYROLL 0', 'CAFE'),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      undo: fc.boolean(),
    }),
  },
);

describe('cash-flow rollups', () => {
  const file = useTestDatabase();

  interface Ledger {
    userId: string;
    itemId: string;
    cursor: number;
    categoryIds: string[];
  }

  async function newLedger(): Promise<Ledger> {
    const user = await file.t.db
      .insertInto('users')
      .values({
        email: `${randomBytes(6).toString('hex')}@example.test`,
        password_hash: 'x',
        timezone: 'UTC',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await seedSystemCategories(file.t.db, user.id);
    const categories = await file.t.db
      .selectFrom('categories')
      .select(['id', 'key'])
      .where('user_id', '=', user.id)
      .where('key', 'in', [...CATEGORY_KEYS])
      .execute();
    const ledger: Ledger = {
      userId: user.id,
      itemId: '',
      cursor: 0,
      categoryIds: CATEGORY_KEYS.map((k) => categories.find((c) => c.key === k)!.id),
    };
    await newItem(ledger);
    return ledger;
  }

  async function newItem(ledger: Ledger): Promise<void> {
    const item = await insertPlaidItem(file.t.db, {
      user_id: ledger.userId,
      plaid_item_id: `item-${randomBytes(4).toString('hex')}`,
      access_token_encrypted: cipher.encrypt('access-test'),
    });
    ledger.itemId = item.id;
    ledger.cursor = 0;
  }

  async function idsOf(ledger: Ledger, picks: number[]): Promise<string[]> {
    const rows = await file.t.db
      .selectFrom('transactions')
      .select('id')
      .where('user_id', '=', ledger.userId)
      .where(
        'plaid_transaction_id',
        'in',
        picks.map((p) => `t${p}`),
      )
      .execute();
    return rows.map((r) => r.id);
  }

  async function run(ledger: Ledger, op: Op): Promise<void> {
    const { userId } = ledger;
    switch (op.kind) {
      case 'sync': {
        const page = {
          accounts: [account('acc-1'), account('acc-2')],
          added: op.added,
          modified: op.modified,
          removed: op.removed.map((r) => ({ transaction_id: `t${r}` })),
          next_cursor: `c${ledger.cursor + 1}`,
          has_more: false,
        };
        const plaid = {
          transactionsSync: async () => ({ data: page as unknown as TransactionsSyncResponse }),
          accountsGet: async () => ({ data: { accounts: page.accounts } }),
        } as unknown as SyncPlaidPort;
        const result = await syncItem(
          {
            db: file.t.db,
            plaid,
            cipher,
            clock,
            retry: noWait,
            categorize: categorizeSyncedTransactions,
            precategorize: (input) => precategorizeSyncedTransactions(input),
          },
          { itemId: ledger.itemId, trigger: 'manual' },
        );
        expect(result.outcome).toBe('succeeded');
        ledger.cursor++;
        return;
      }
      case 'edit': {
        const ids = await idsOf(ledger, op.ids);
        if (!ids.length) return;
        const change = {
          category: { categoryId: ledger.categoryIds[op.category] },
          uncategorize: { categoryId: null },
          transfer: { isTransfer: true },
          untransfer: { isTransfer: false },
          exclude: { excludedFromReports: true },
          include: { excludedFromReports: false },
        }[op.change];
        // Through the app role and row-level security, as the API runs it.
        await withUser(file.t.db, userId, (trx) => editTransactions(trx, userId, ids, change, clock())).catch(
          (error: { code?: string }) => {
            // Clearing the transfer flag of a row in a transfer-kind category is refused: a valid answer.
            if (error.code !== 'VALIDATION_FAILED') throw error;
          },
        );
        return;
      }
      case 'rule': {
        const categoryId = ledger.categoryIds[op.category]!;
        const actions = {
          split: [
            {
              type: 'split',
              splits: [
                { method: 'percent', percent: 40, categoryId },
                { method: 'remainder', categoryId: ledger.categoryIds[op.other] },
              ],
            },
          ],
          category: [{ type: 'setCategory', categoryId }],
          exclude: [{ type: 'excludeFromReports', value: true }],
          transfer: [{ type: 'markTransfer', value: true }],
        }[op.action];
        const rule = await createRule(file.t.db, userId, {
          name: `rule ${op.action}`,
          conditions: [{ field: 'rawName', op: 'contains', value: op.other % 2 ? 'SHOP' : 'PAYROLL' }],
          actions,
        });
        await applyRuleToHistory(file.t.db, userId, rule.id, { now: clock() });
        return;
      }
      case 'pairTransfers':
        await matchTransfers(file.t.db, userId, { now: clock() });
        return;
      case 'categoryKind': {
        // The category of one of the rows (its own or its first part's), so that the change matters.
        const row = await file.t.db
          .selectFrom('transactions as r')
          .leftJoin('transaction_splits as s', 's.transaction_id', 'r.id')
          .select(['r.category_id', 's.category_id as split_category_id'])
          .where('r.user_id', '=', userId)
          .where('r.plaid_transaction_id', '=', `t${op.txn}`)
          .executeTakeFirst();
        const categoryId = row?.split_category_id ?? row?.category_id;
        if (!categoryId) return;
        await file.t.db.updateTable('categories').set({ kind: op.to }).where('id', '=', categoryId).execute();
        return;
      }
      case 'timezone':
        await file.t.db.updateTable('users').set({ timezone: op.zone }).where('id', '=', userId).execute();
        return;
      case 'import': {
        // A statement file into a new manual account, through the import service as the API runs it; some undone.
        const csv = [
          'Date,Description,Amount',
          ...op.rows.map((r, i) => `2026-11-0${r.day},${r.name} ${i},${r.amount.toFixed(2)}`),
        ].join('\n');
        await withUser(file.t.db, userId, async (trx) => {
          const preview = await startImport(trx, userId, {
            newAccount: { name: 'Cash box', type: 'checking', currency: 'USD', openingBalanceMinor: 0 },
            fileName: 'statement.csv',
            bytes: Buffer.from(csv),
          });
          const committed = await commitImport(trx, userId, preview.id, { now: clock() });
          expect(committed.counts.imported).toBe(op.rows.length);
          if (op.undo) await undoImport(trx, userId, preview.id);
        });
        return;
      }
      case 'removeItem':
        await file.t.db.deleteFrom('plaid_items').where('id', '=', ledger.itemId).execute();
        await newItem(ledger);
        return;
    }
  }

  it('equal the pure definition over the raw rows after any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(syncArb, fc.array(opArb, { minLength: 1, maxLength: 10 }), async (first, ops) => {
        const ledger = await newLedger();
        for (const op of [first, ...ops]) {
          await run(ledger, op);
          const [expected, actual] = await Promise.all([
            expectedRollups(file.t.db, ledger.userId),
            actualRollups(file.t.db, ledger.userId),
          ]);
          expect(sortedRollups(actual)).toEqual(sortedRollups(expected));
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('are backfilled by the migration and rebuilt whole by cash_flow_refresh', async () => {
    const ledger = await newLedger();
    await run(ledger, {
      kind: 'sync',
      added: fc.sample(plaidRow, { numRuns: 10, seed: 7 }),
      modified: [],
      removed: [],
    });
    const before = await actualRollups(file.t.db, ledger.userId);
    expect(before.groups.size).toBeGreaterThan(0);
    await sql`DELETE FROM cash_flow_daily WHERE user_id = ${ledger.userId}`.execute(file.t.db);
    await sql`SELECT cash_flow_refresh(${ledger.userId}::uuid, NULL)`.execute(file.t.db);
    expect(sortedRollups(await actualRollups(file.t.db, ledger.userId)).groups).toEqual(
      sortedRollups(before).groups,
    );
  });

  // A recompute of many days at once (a historical sync, an import, a zone change) is the same one function
  // as a recompute of a few days (migration 2026_11_30_1100): no second copy of the definition to drift.
  it('have one recompute, cash_flow_refresh', async () => {
    const { rows } = await sql<{ proname: string }>`
      SELECT proname FROM pg_proc WHERE proname LIKE 'cash\\_flow\\_refresh%'`.execute(file.t.db);
    expect(rows.map((r) => r.proname)).toEqual(['cash_flow_refresh']);
  });

  // The recompute looks a row's category up among the user's own (migration 2026_11_30_1210): a category
  // id of another user's counts as none, as the definition has it.
  it("count a row filed under another user's category as uncategorized", async () => {
    const [ledger, other] = [await newLedger(), await newLedger()];
    await run(ledger, {
      kind: 'sync',
      added: fc.sample(plaidRow, { numRuns: 6, seed: 11 }),
      modified: [],
      removed: [],
    });
    await file.t.db
      .updateTable('transactions')
      .set({ category_id: other.categoryIds[0]! })
      .where('user_id', '=', ledger.userId)
      .execute();
    await sql`SELECT cash_flow_refresh(${ledger.userId}::uuid, NULL)`.execute(file.t.db);
    const [expected, actual] = [
      await expectedRollups(file.t.db, ledger.userId),
      await actualRollups(file.t.db, ledger.userId),
    ];
    expect(expected.groups.size).toBeGreaterThan(0);
    expect(sortedRollups(actual)).toEqual(sortedRollups(expected));
  });

  it('are recomputed alike for many days at once', async () => {
    const days = Array.from({ length: 40 }, (_, i) =>
      new Date(Date.UTC(2026, 9, 20 + i)).toISOString().slice(0, 10),
    );
    await fc.assert(
      fc.asyncProperty(syncArb, fc.array(opArb, { maxLength: 4 }), async (first, ops) => {
        const ledger = await newLedger();
        for (const op of [first, ...ops]) await run(ledger, op);
        const expected = await expectedRollups(file.t.db, ledger.userId);
        await sql`DELETE FROM cash_flow_daily WHERE user_id = ${ledger.userId}`.execute(file.t.db);
        await sql`SELECT cash_flow_refresh(${ledger.userId}::uuid, ${days}::date[])`.execute(file.t.db);
        const actual = await actualRollups(file.t.db, ledger.userId);
        expect(sortedRollups(actual)).toEqual(sortedRollups(expected));
      }),
      { numRuns: 6 },
    );
  }, 120_000);

  it('show a user only their own rows under row-level security', async () => {
    const [a, b] = [await newLedger(), await newLedger()];
    for (const ledger of [a, b])
      await run(ledger, {
        kind: 'sync',
        added: fc.sample(plaidRow, { numRuns: 5, seed: 3 }),
        modified: [],
        removed: [],
      });
    const seen = await withUser(file.t.db, a.userId, (trx) =>
      trx.selectFrom('cash_flow_daily').select('user_id').distinct().execute(),
    );
    expect(seen.map((r) => r.user_id)).toEqual([a.userId]);
    const versions = await withUser(file.t.db, a.userId, (trx) =>
      trx.selectFrom('ledger_versions').select('user_id').execute(),
    );
    expect(versions.map((r) => r.user_id)).toEqual([a.userId]);
  });
});
