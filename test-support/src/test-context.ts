import { randomBytes } from 'node:crypto';
import type { Db, NewRow } from '@finsync/shared';
import { insertAccounts, insertPlaidItem, insertTransactions } from '@finsync/shared/tables';

const suffix = () => randomBytes(5).toString('hex');

export interface LinkedItem {
  itemId: string;
  accountId: string;
}

export interface Ledger extends LinkedItem {
  /** The user's first (system) expense category, set on the second transaction. */
  categoryId: string;
  transactionIds: string[];
}

/**
 * Factories for test data, written as the owner (like the sync worker), in the immich style: each `new…`
 * makes one thing with defaults a test may override, so set-up is one line per fact the test cares about.
 */
export class TestContext {
  readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  /** A user row (no password a sign-in accepts); for a signed-in user use the API's sign-up. */
  async newUser(overrides: Partial<NewRow<'users'>> = {}): Promise<{ id: string; email: string }> {
    return this.db
      .insertInto('users')
      .values({ email: `u-${suffix()}@example.test`, password_hash: 'x', ...overrides })
      .returning(['id', 'email'])
      .executeTakeFirstOrThrow();
  }

  /** A Plaid item ("Test Bank") of the user, with no accounts; its id. */
  async newItem(userId: string, overrides: Partial<NewRow<'plaid_items'>> = {}): Promise<string> {
    const item = await insertPlaidItem(this.db, {
      user_id: userId,
      plaid_item_id: `item-${userId}-${suffix()}`,
      access_token_encrypted: 'dev1:x:y:z',
      institution_name: 'Test Bank',
      ...overrides,
    });
    return item.id;
  }

  /** A linked Plaid item ("Test Bank") with one USD checking account. */
  async newLinkedItem(
    userId: string,
    overrides: { item?: Partial<NewRow<'plaid_items'>>; account?: Partial<NewRow<'accounts'>> } = {},
  ): Promise<LinkedItem> {
    const itemId = await this.newItem(userId, overrides.item);
    const [accountId] = await insertAccounts(this.db, [
      {
        user_id: userId,
        item_id: itemId,
        plaid_account_id: `acc-${userId}-${suffix()}`,
        name: 'Checking',
        type: 'depository',
        currency: 'USD',
        current_minor: 123_45,
        ...overrides.account,
      },
    ]);
    return { itemId, accountId: accountId! };
  }

  /** Transactions on an item's account; each row gets a unique Plaid id unless it gives one. */
  newTransactions(
    userId: string,
    on: LinkedItem,
    rows: readonly Partial<NewRow<'transactions'>>[],
  ): Promise<string[]> {
    return insertTransactions(
      this.db,
      rows.map((r) => ({
        user_id: userId,
        item_id: on.itemId,
        account_id: on.accountId,
        plaid_transaction_id: `tx-${suffix()}`,
        amount_minor: 10_00,
        currency: 'USD',
        date: '2026-11-10',
        raw_name: 'COFFEE SHOP',
        ...r,
      })),
    );
  }

  /** The user's category with this key (a system category's key is its Plaid detailed code); its id. */
  async categoryId(userId: string, key: string): Promise<string> {
    const row = await this.db
      .selectFrom('categories')
      .select('id')
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** One of the user's spending (expense, not group) categories: what a spending budget is set on. */
  async spendingCategory(userId: string): Promise<string> {
    const row = await this.db
      .selectFrom('categories')
      .select('id')
      .where('user_id', '=', userId)
      .where('kind', '=', 'expense')
      .where('is_group', '=', false)
      .orderBy('sort_order')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * A small synced ledger: one item and account with a balance snapshot, `n` transactions in November 2026
   * (the first a -250.00 payroll, the others coffee, the second categorized) and one succeeded sync run.
   */
  async newLedger(userId: string, n = 3): Promise<Ledger> {
    const linked = await this.newLinkedItem(userId, {
      item: { plaid_item_id: `item-${userId}` },
      account: { plaid_account_id: `acc-${userId}` },
    });
    await this.db
      .insertInto('balance_snapshots')
      .values({
        user_id: userId,
        account_id: linked.accountId,
        date: '2026-11-01',
        current_minor: 100_00,
        currency: 'USD',
      })
      .execute();
    const category = await this.db
      .selectFrom('categories')
      .select('id')
      .where('user_id', '=', userId)
      .where('is_group', '=', false)
      .orderBy('sort_order')
      .executeTakeFirstOrThrow();
    const transactionIds = await this.newTransactions(
      userId,
      linked,
      Array.from({ length: n }, (_, i) => ({
        plaid_transaction_id: `tx-${userId}-${i}`,
        amount_minor: i === 0 ? -250_00 : 10_00 * (i + 1),
        date: `2026-11-${String(10 + i).padStart(2, '0')}`,
        raw_name: i === 0 ? 'PAYROLL ACME' : `COFFEE SHOP ${i}`,
        merchant_name: i === 0 ? null : 'Coffee Shop',
        category_id: i === 1 ? category.id : null,
      })),
    );
    await this.db
      .insertInto('sync_runs')
      .values({ user_id: userId, item_id: linked.itemId, trigger: 'initial', status: 'succeeded' })
      .execute();
    return { ...linked, categoryId: category.id, transactionIds };
  }
}

export const testContext = (db: Db): TestContext => new TestContext(db);
