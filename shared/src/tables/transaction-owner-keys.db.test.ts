import type { Db, NewRow } from '@finsync/shared';
import { testContext, useTestDatabase } from '@finsync/test-support';
import { describe, expect, it } from 'vitest';
import { insertAccounts } from './accounts.ts';
import { insertTransactions } from './transactions.ts';

/*
 * A transaction's owner (user, account, item, import) is checked by two composite keys
 * (migration 2026_11_30_0520_transaction_owner_keys) instead of one key per column, so that a sync's commit
 * checks each row's owner once. These are the rows the four single keys refused, and still must be; plus the
 * mismatched owners that only the composite keys refuse, and the deletions that still take a row with them.
 */
const file = useTestDatabase();

/** What PostgreSQL made of an insert: accepted, or refused by a foreign key (anything else is a failure). */
async function outcome(insert: Promise<unknown>): Promise<'accepted' | 'refused'> {
  try {
    await insert;
    return 'accepted';
  } catch (error) {
    if ((error as { code?: string }).code === '23503') return 'refused';
    throw error;
  }
}

const missing = '00000000-0000-4000-8000-000000000000';

async function owners(db: Db) {
  const ctx = testContext(db);
  const user = await ctx.newUser();
  const other = await ctx.newUser();
  const linked = await ctx.newLinkedItem(user.id);
  const otherItem = await ctx.newItem(user.id);
  const otherUsersItem = await ctx.newLinkedItem(other.id);
  const [manualAccount, secondManual] = await insertAccounts(
    db,
    ['Cash', 'Savings'].map((name) => ({
      user_id: user.id,
      source: 'manual',
      name,
      type: 'depository',
      currency: 'USD',
    })),
  );
  const statement = await db
    .insertInto('statement_imports')
    .values({
      user_id: user.id,
      account_id: manualAccount!,
      status: 'committed',
      format: 'csv',
      file_sha256: 'ab',
      byte_size: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let n = 0;
  const synced = (row: Partial<NewRow<'transactions'>> = {}) =>
    insertTransactions(db, [
      {
        user_id: user.id,
        item_id: linked.itemId,
        account_id: linked.accountId,
        plaid_transaction_id: `tx-${n++}`,
        amount_minor: 10_00,
        currency: 'USD',
        date: '2026-11-10',
        raw_name: 'COFFEE SHOP',
        ...row,
      },
    ]);
  const imported = (row: Partial<NewRow<'transactions'>> = {}) =>
    insertTransactions(db, [
      {
        user_id: user.id,
        account_id: manualAccount!,
        import_id: statement.id,
        import_key: `key-${n++}`,
        amount_minor: 5_00,
        currency: 'USD',
        date: '2026-11-11',
        raw_name: 'STATEMENT ROW',
        ...row,
      },
    ]);
  return {
    user,
    other,
    linked,
    otherItem,
    otherUsersItem,
    manualAccount: manualAccount!,
    secondManual: secondManual!,
    statementId: statement.id,
    synced,
    imported,
  };
}

describe("a transaction's owner keys", () => {
  it('refuse a synced row whose account, user or item does not exist or does not go together', async () => {
    const o = await owners(file.t.db);
    expect(await outcome(o.synced())).toBe('accepted');
    expect(await outcome(o.synced({ account_id: missing }))).toBe('refused');
    expect(await outcome(o.synced({ user_id: missing }))).toBe('refused');
    expect(await outcome(o.synced({ item_id: missing }))).toBe('refused');
    // Each exists, but the account is not that user's, or not that item's.
    expect(await outcome(o.synced({ user_id: o.other.id }))).toBe('refused');
    expect(await outcome(o.synced({ item_id: o.otherItem }))).toBe('refused');
    expect(
      await outcome(o.synced({ item_id: o.otherUsersItem.itemId, account_id: o.otherUsersItem.accountId })),
    ).toBe('refused');
  });

  it("refuse an imported row whose import, account or user does not exist or is not the import's", async () => {
    const o = await owners(file.t.db);
    expect(await outcome(o.imported())).toBe('accepted');
    // A statement imported into a linked account carries the account's item, which is checked too.
    const linkedStatement = await file.t.db
      .insertInto('statement_imports')
      .values({
        user_id: o.user.id,
        account_id: o.linked.accountId,
        status: 'committed',
        format: 'ofx',
        file_sha256: 'cd',
        byte_size: 2,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const intoLinked = { import_id: linkedStatement.id, account_id: o.linked.accountId };
    expect(await outcome(o.imported({ ...intoLinked, item_id: o.linked.itemId }))).toBe('accepted');
    expect(await outcome(o.imported({ ...intoLinked, item_id: o.otherItem }))).toBe('refused');
    expect(await outcome(o.imported({ import_id: missing }))).toBe('refused');
    expect(await outcome(o.imported({ account_id: missing }))).toBe('refused');
    expect(await outcome(o.imported({ user_id: missing }))).toBe('refused');
    expect(await outcome(o.imported({ account_id: o.secondManual }))).toBe('refused');
    expect(await outcome(o.imported({ user_id: o.other.id }))).toBe('refused');
  });

  it('go with the item, the account, the import or the user they name when it is deleted', async () => {
    const db = file.t.db;
    const o = await owners(db);
    const [syncedRow] = await o.synced();
    const [importedRow] = await o.imported();
    const [secondImported] = await o.imported();
    const left = async () =>
      (
        await db
          .selectFrom('transactions')
          .select('id')
          .where('user_id', '=', o.user.id)
          .orderBy('id')
          .execute()
      ).map((r) => r.id);
    expect(await left()).toEqual([syncedRow, importedRow, secondImported].sort());
    await db.deleteFrom('plaid_items').where('id', '=', o.linked.itemId).execute();
    expect(await left()).toEqual([importedRow, secondImported].sort());
    await db.deleteFrom('accounts').where('id', '=', o.manualAccount).execute();
    expect(await left()).toEqual([]);

    const again = await owners(db);
    await again.synced();
    await again.imported();
    await db.deleteFrom('statement_imports').where('id', '=', again.statementId).execute();
    expect(
      await db.selectFrom('transactions').select('import_id').where('user_id', '=', again.user.id).execute(),
    ).toEqual([{ import_id: null }]);
    await db.deleteFrom('users').where('id', '=', again.user.id).execute();
    expect(
      await db.selectFrom('transactions').select('id').where('user_id', '=', again.user.id).execute(),
    ).toEqual([]);
  });
});
