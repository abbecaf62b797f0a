import type { Db, NewRow, RowUpdate } from '@finsync/shared';
import { testContext, useTestDatabase } from '@finsync/test-support';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { withUser } from '../db/scoped-transaction.ts';
import { insertAccounts } from './accounts.ts';
import { insertTransactions } from './transactions.ts';

/*
 * A transaction names its category, its rule, its account (with its user and item) and its import (with its
 * account and user), and each must exist: checked once per statement since migration
 * 2026_11_30_1440_transaction_parents_per_statement, as the four foreign keys checked each row (the owner's two
 * composite keys came with 2026_11_30_0520_transaction_owner_keys, in place of one key per column). These are
 * the foreign keys' guarantees: refused names, on insert and on update, including owners that each exist but
 * do not go together; a deleted parent takes its rows (account, import) or is cleared from them (category,
 * rule), also when the deletion races a write of its rows; no key of a named parent changes; and neither a
 * deletion under REPEATABLE READ nor a TRUNCATE leaves a row behind.
 */
const file = useTestDatabase();

const missing = '00000000-0000-4000-8000-000000000014';

/** The foreign key a write was refused by (anything else is a failure), or 'accepted'. */
async function outcome(write: Promise<unknown>): Promise<string> {
  try {
    await write;
    return 'accepted';
  } catch (error) {
    const e = error as { code?: string; constraint?: string };
    if (e.code === '23503') return e.constraint ?? 'refused';
    throw error;
  }
}

/**
 * A user with two linked accounts, an item without accounts, two manual accounts and a statement import into
 * the first, two categories and a rule; and another user with a linked account.
 */
async function ledger(db: Db) {
  const ctx = testContext(db);
  const user = await ctx.newUser();
  const other = await ctx.newUser();
  const linked = await ctx.newLinkedItem(user.id);
  const secondLinked = await ctx.newLinkedItem(user.id);
  const otherItem = await ctx.newItem(user.id);
  const otherUsersItem = await ctx.newLinkedItem(other.id);
  const [manual, secondManual] = await insertAccounts(
    db,
    ['Cash', 'Savings'].map((name) => ({
      user_id: user.id,
      source: 'manual',
      name,
      type: 'depository',
      currency: 'USD',
    })),
  );
  const newStatement = async (accountId: string) =>
    (
      await db
        .insertInto('statement_imports')
        .values({
          user_id: user.id,
          account_id: accountId,
          status: 'committed',
          format: 'csv',
          file_sha256: 'ab',
          byte_size: 2,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const statementId = await newStatement(manual!);
  const [groceries, dining] = await Promise.all(
    ['groceries', 'dining'].map(async (key) => {
      const row = await db
        .insertInto('categories')
        .values({ user_id: user.id, key: `test-${key}`, name: key, kind: 'expense' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    }),
  );
  const rule = await db
    .insertInto('rules')
    .values({ user_id: user.id, name: 'Coffee' })
    .returning('id')
    .executeTakeFirstOrThrow();
  let n = 0;
  const syncedRow = (row: Partial<NewRow<'transactions'>> = {}): NewRow<'transactions'> => ({
    user_id: user.id,
    item_id: linked.itemId,
    account_id: linked.accountId,
    plaid_transaction_id: `tx-${n++}`,
    amount_minor: 10_00,
    currency: 'USD',
    date: '2026-11-10',
    raw_name: 'COFFEE SHOP',
    category_id: groceries!,
    category_source: 'rule',
    category_rule_id: rule.id,
    ...row,
  });
  const importedRow = (row: Partial<NewRow<'transactions'>> = {}): NewRow<'transactions'> => ({
    user_id: user.id,
    account_id: manual!,
    import_id: statementId,
    import_key: `key-${n++}`,
    amount_minor: 5_00,
    currency: 'USD',
    date: '2026-11-11',
    raw_name: 'STATEMENT ROW',
    category_id: dining!,
    category_source: 'user',
    ...row,
  });
  return {
    user,
    other,
    linked,
    secondLinked,
    otherItem,
    otherUsersItem,
    manual: manual!,
    secondManual: secondManual!,
    statementId,
    newStatement,
    groceries: groceries!,
    dining: dining!,
    ruleId: rule.id,
    synced: (row: Partial<NewRow<'transactions'>> = {}) => insertTransactions(db, [syncedRow(row)]),
    imported: (row: Partial<NewRow<'transactions'>> = {}) => insertTransactions(db, [importedRow(row)]),
    syncedRow,
    importedRow,
  };
}

/** The user's rows: id, category, rule, by id. */
async function rowsOf(db: Db, userId: string) {
  return db
    .selectFrom('transactions')
    .select(['id', 'category_id', 'category_rule_id'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

describe("a transaction's category, rule, account and import", () => {
  it('are refused on insert when they do not exist', async () => {
    const db = file.t.db;
    const l = await ledger(db);
    expect(await outcome(l.synced())).toBe('accepted');
    expect(await outcome(l.imported())).toBe('accepted');
    expect(await outcome(l.synced({ category_id: missing }))).toBe('transactions_category_id_fkey');
    expect(await outcome(l.synced({ category_rule_id: missing }))).toBe('transactions_category_rule_id_fkey');
    // One statement with one missing name writes none of its rows.
    expect(
      await outcome(
        insertTransactions(db, [l.syncedRow(), l.syncedRow({ category_id: missing }), l.syncedRow()]),
      ),
    ).toBe('transactions_category_id_fkey');
    expect(await rowsOf(db, l.user.id)).toHaveLength(2);
  });

  it('refuse a synced row whose account, user or item does not exist or does not go together', async () => {
    const l = await ledger(file.t.db);
    const refused = 'transactions_item_account_fkey';
    expect(await outcome(l.synced({ account_id: missing }))).toBe(refused);
    expect(await outcome(l.synced({ user_id: missing }))).toBe(refused);
    expect(await outcome(l.synced({ item_id: missing }))).toBe(refused);
    // Each exists, but the account is not that user's, or not that item's.
    expect(await outcome(l.synced({ user_id: l.other.id }))).toBe(refused);
    expect(await outcome(l.synced({ item_id: l.otherItem }))).toBe(refused);
    expect(await outcome(l.synced({ item_id: l.secondLinked.itemId }))).toBe(refused);
    expect(
      await outcome(l.synced({ item_id: l.otherUsersItem.itemId, account_id: l.otherUsersItem.accountId })),
    ).toBe(refused);
  });

  it("refuse an imported row whose import, account or user does not exist or is not the import's", async () => {
    const l = await ledger(file.t.db);
    const refused = 'transactions_import_account_fkey';
    // A statement imported into a linked account carries the account's item, which is checked too.
    const intoLinked = {
      import_id: await l.newStatement(l.linked.accountId),
      account_id: l.linked.accountId,
    };
    expect(await outcome(l.imported({ ...intoLinked, item_id: l.linked.itemId }))).toBe('accepted');
    expect(await outcome(l.imported({ ...intoLinked, item_id: l.otherItem }))).toBe(
      'transactions_item_account_fkey',
    );
    expect(await outcome(l.imported({ import_id: missing }))).toBe(refused);
    expect(await outcome(l.imported({ account_id: missing }))).toBe(refused);
    expect(await outcome(l.imported({ user_id: missing }))).toBe(refused);
    expect(await outcome(l.imported({ account_id: l.secondManual }))).toBe(refused);
    expect(await outcome(l.imported({ account_id: l.linked.accountId }))).toBe(refused);
    expect(await outcome(l.imported({ user_id: l.other.id }))).toBe(refused);
  });

  it("are checked as the app role writes them, though it sees only its user's rows", async () => {
    const db = file.t.db;
    const l = await ledger(db);
    const write = (row: NewRow<'transactions'>) =>
      withUser(db, l.user.id, (trx) => trx.insertInto('transactions').values(row).execute());
    expect(await outcome(write(l.syncedRow()))).toBe('accepted');
    expect(await outcome(write(l.syncedRow({ category_id: missing })))).toBe('transactions_category_id_fkey');
    expect(await outcome(write(l.importedRow({ import_id: missing })))).toBe(
      'transactions_import_account_fkey',
    );
    const recategorize = (categoryId: string) =>
      withUser(db, l.user.id, (trx) =>
        trx
          .updateTable('transactions')
          .set({ category_id: categoryId })
          .where('user_id', '=', l.user.id)
          .execute(),
      );
    expect(await outcome(recategorize(missing))).toBe('transactions_category_id_fkey');
    expect(await outcome(recategorize(l.dining))).toBe('accepted');
  });

  it('are refused on update when the new one does not exist', async () => {
    const db = file.t.db;
    const l = await ledger(db);
    const [syncedId] = await l.synced();
    const [importedId] = await l.imported();
    const set = (id: string, row: RowUpdate<'transactions'>) =>
      outcome(db.updateTable('transactions').set(row).where('id', '=', id).execute());
    expect(await set(syncedId!, { category_id: missing })).toBe('transactions_category_id_fkey');
    expect(await set(syncedId!, { category_rule_id: missing })).toBe('transactions_category_rule_id_fkey');
    expect(await set(syncedId!, { account_id: l.secondLinked.accountId })).toBe(
      'transactions_item_account_fkey',
    );
    expect(await set(importedId!, { import_id: missing })).toBe('transactions_import_account_fkey');
    expect(await set(syncedId!, { category_id: l.dining, notes: 'moved' })).toBe('accepted');
    // A sync's upsert updates a stored row through INSERT … ON CONFLICT DO UPDATE.
    const stored = await db
      .selectFrom('transactions')
      .selectAll()
      .where('id', '=', syncedId!)
      .executeTakeFirstOrThrow();
    expect(
      await outcome(
        db
          .insertInto('transactions')
          .values(l.syncedRow({ plaid_transaction_id: stored.plaid_transaction_id }))
          .onConflict((oc) =>
            oc.columns(['item_id', 'plaid_transaction_id']).doUpdateSet({ category_id: missing }),
          )
          .execute(),
      ),
    ).toBe('transactions_category_id_fkey');
    // Moving a synced row to the account and item that go together is allowed.
    expect(
      await set(syncedId!, { account_id: l.secondLinked.accountId, item_id: l.secondLinked.itemId }),
    ).toBe('accepted');
  });

  it("is cleared from its rows when the category is deleted, and only that category's", async () => {
    const db = file.t.db;
    const l = await ledger(db);
    const [groceryRow] = await l.synced();
    const [diningRow] = await l.imported();
    await withUser(db, l.user.id, (trx) =>
      trx.deleteFrom('categories').where('id', '=', l.groceries).execute(),
    );
    expect(await rowsOf(db, l.user.id)).toEqual(
      [
        { id: groceryRow, category_id: null, category_rule_id: l.ruleId },
        { id: diningRow, category_id: l.dining, category_rule_id: null },
      ].sort((a, b) => a.id!.localeCompare(b.id!)),
    );
  });

  it('is cleared from its rows when the rule is deleted', async () => {
    const db = file.t.db;
    const l = await ledger(db);
    const [row] = await l.synced();
    await withUser(db, l.user.id, (trx) => trx.deleteFrom('rules').where('id', '=', l.ruleId).execute());
    expect(await rowsOf(db, l.user.id)).toEqual([
      { id: row, category_id: l.groceries, category_rule_id: null },
    ]);
  });

  it('takes its rows with it when the account, the item, the import or the user is deleted', async () => {
    const db = file.t.db;
    const l = await ledger(db);
    const [onLinked] = await l.synced();
    const [onSecond] = await l.synced({
      account_id: l.secondLinked.accountId,
      item_id: l.secondLinked.itemId,
    });
    const [imported] = await l.imported();
    // A second statement into the same manual account: deleting the account deletes it, and its rows.
    const [onSecondStatement] = await l.imported({ import_id: await l.newStatement(l.manual) });
    const left = async () => (await rowsOf(db, l.user.id)).map((r) => r.id);
    expect(await left()).toEqual([onLinked, onSecond, imported, onSecondStatement].sort());
    await withUser(db, l.user.id, (trx) =>
      trx.deleteFrom('accounts').where('id', '=', l.linked.accountId).execute(),
    );
    expect(await left()).toEqual([onSecond, imported, onSecondStatement].sort());
    await db.deleteFrom('plaid_items').where('id', '=', l.secondLinked.itemId).execute();
    expect(await left()).toEqual([imported, onSecondStatement].sort());
    await withUser(db, l.user.id, (trx) =>
      trx.deleteFrom('statement_imports').where('id', '=', l.statementId).execute(),
    );
    expect(await left()).toEqual([onSecondStatement]);
    await db.deleteFrom('accounts').where('id', '=', l.manual).execute();
    expect(await left()).toEqual([]);

    const again = await ledger(db);
    await again.synced();
    await again.imported();
    await withUser(db, again.user.id, (trx) =>
      trx.deleteFrom('users').where('id', '=', again.user.id).execute(),
    );
    expect(await rowsOf(db, again.user.id)).toEqual([]);
  });

  it('keep their keys while rows name them', async () => {
    const db = file.t.db;
    const l = await ledger(db);
    await l.synced();
    await l.imported();
    const other = await testContext(db).newUser();
    const renamed = '00000000-0000-4000-8000-000000000041';
    expect(
      await outcome(
        db.updateTable('categories').set({ id: renamed }).where('id', '=', l.groceries).execute(),
      ),
    ).toBe('transactions_category_id_fkey');
    expect(
      await outcome(db.updateTable('rules').set({ id: renamed }).where('id', '=', l.ruleId).execute()),
    ).toBe('transactions_category_rule_id_fkey');
    expect(
      await outcome(
        db.updateTable('accounts').set({ user_id: other.id }).where('id', '=', l.linked.accountId).execute(),
      ),
    ).toBe('transactions_item_account_fkey');
    expect(
      await outcome(
        db
          .updateTable('statement_imports')
          .set({ user_id: other.id })
          .where('id', '=', l.statementId)
          .execute(),
      ),
    ).toBe('transactions_import_account_fkey');
    // A parent no row names may change.
    expect(
      await outcome(
        db
          .updateTable('accounts')
          .set({ user_id: other.id })
          .where('id', '=', l.secondLinked.accountId)
          .execute(),
      ),
    ).toBe('accepted');
  });

  it('are not left behind by a deletion under REPEATABLE READ: such a deletion is refused', async () => {
    const db = file.t.db;
    const l = await ledger(db);
    await l.synced();
    await l.imported();
    const before = await rowsOf(db, l.user.id);
    for (const [table, id] of [
      ['categories', l.groceries],
      ['rules', l.ruleId],
      ['accounts', l.linked.accountId],
      ['statement_imports', l.statementId],
    ] as const)
      await expect(
        db
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute((trx) => trx.deleteFrom(table).where('id', '=', id).execute()),
      ).rejects.toThrow(/READ COMMITTED/);
    expect(await rowsOf(db, l.user.id)).toEqual(before);
  });

  it('does not hold up an edit that leaves the keys alone while the category is being deleted', async () => {
    const db = file.t.db;
    const l = await ledger(db);
    const [row] = await l.synced();
    const deleter = new pg.Client({ connectionString: file.t.url });
    await deleter.connect();
    try {
      await deleter.query('BEGIN');
      await deleter.query('SELECT 1 FROM categories WHERE id = $1 FOR UPDATE', [l.groceries]);
      // As with a foreign key, an update that keeps the row's category does not lock it: this neither waits
      // nor deadlocks with the deletion (which would wait for this row to clear its category).
      await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL lock_timeout = '5s'`.execute(trx);
        await trx.updateTable('transactions').set({ notes: 'edited' }).where('id', '=', row!).execute();
      });
    } finally {
      await deleter.query('ROLLBACK');
      await deleter.end();
    }
  });
});

describe('a parent deleted by another connection while its rows are written', () => {
  /** Runs `fn` with a writer's and a deleter's connection, each closed after. */
  const withConnections = async (
    fn: (writer: pg.Client, deleter: pg.Client) => Promise<void>,
  ): Promise<void> => {
    const [writer, deleter] = [0, 1].map(() => new pg.Client({ connectionString: file.t.url }));
    try {
      await writer!.connect();
      await deleter!.connect();
      await fn(writer!, deleter!);
    } finally {
      await writer!.end();
      await deleter!.end();
    }
  };
  /** A wait, on `observer`'s connection, until `client`'s backend waits for a lock. */
  const waitingForLock = async (observer: pg.Client, client: pg.Client) => {
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    return async () => {
      for (;;) {
        const { rows } = await observer.query(
          `SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`,
          [pid],
        );
        if (rows.length > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
  };
  const insertSql = `INSERT INTO transactions (user_id, item_id, account_id, plaid_transaction_id, amount_minor,
      date, raw_name, category_id) VALUES ($1, $2, $3, $4, 100, '2026-11-12', 'RACE', $5)`;

  for (const [parent, after] of [
    ['categories', 'keeps the rows, without the category'],
    ['accounts', 'takes the rows'],
  ] as const)
    it(`waits for the uncommitted write when it came first, then ${after} (${parent})`, async () => {
      const db = file.t.db;
      const l = await ledger(db);
      await withConnections(async (writer, deleter) => {
        const deleterWaits = await waitingForLock(writer, deleter);
        await writer.query('BEGIN');
        await writer.query(insertSql, [
          l.user.id,
          l.linked.itemId,
          l.linked.accountId,
          'race-1',
          l.groceries,
        ]);
        const id = parent === 'categories' ? l.groceries : l.linked.accountId;
        const deleting = deleter.query(`DELETE FROM ${parent} WHERE id = $1`, [id]);
        deleting.catch(() => {});
        await deleterWaits();
        await writer.query('COMMIT');
        await deleting;
      });
      const rows = await rowsOf(db, l.user.id);
      if (parent === 'categories') expect(rows.map((r) => r.category_id)).toEqual([null]);
      else expect(rows).toEqual([]);
    });

  it('refuses the write when the deletion came first and commits', async () => {
    const db = file.t.db;
    const l = await ledger(db);
    await withConnections(async (writer, deleter) => {
      const writerWaits = await waitingForLock(deleter, writer);
      await deleter.query('BEGIN');
      await deleter.query('DELETE FROM categories WHERE id = $1', [l.groceries]);
      const writing = writer.query(insertSql, [
        l.user.id,
        l.linked.itemId,
        l.linked.accountId,
        'race-2',
        l.groceries,
      ]);
      writing.catch(() => {});
      await writerWaits();
      await deleter.query('COMMIT');
      await expect(writing).rejects.toMatchObject({
        code: '23503',
        constraint: 'transactions_category_id_fkey',
      });
    });
    expect(await rowsOf(db, l.user.id)).toEqual([]);
  });
});

// Last: the truncations empty the tables for every test.
describe('a truncation of a parent', () => {
  it('is refused while rows name it, and goes through with the rows truncated in the same command', async () => {
    const db = file.t.db;
    const l = await ledger(db);
    await l.synced();
    await l.imported();
    // The imported row names the import, the synced row the rule.
    await expect(sql`TRUNCATE statement_imports`.execute(db)).rejects.toThrow(/truncate/);
    await expect(sql`TRUNCATE rules, rule_runs`.execute(db)).rejects.toThrow(/truncate/);
    expect(await rowsOf(db, l.user.id)).toHaveLength(2);
    await sql`TRUNCATE statement_imports, transactions CASCADE`.execute(db);
    expect(await rowsOf(db, l.user.id)).toEqual([]);
  });
});
