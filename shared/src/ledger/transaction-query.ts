import { type Kysely, sql } from 'kysely';
import type { TransactionSort } from '../contract/transactions.ts';
import type { Database } from '../db/database.ts';
import { splitPartsColumn } from '../tables/transaction-splits.ts';
import { decodeCursor, encodeCursor } from './keyset-cursor.ts';
import { transactionOrder } from './transaction-order.ts';
import { type TransactionView, toTransactionView, transactionViewColumns } from './transaction-view.ts';

export interface TransactionFilter {
  from?: string | undefined;
  to?: string | undefined;
  accountId?: string | undefined;
  /** 'none' selects uncategorized transactions. */
  categoryId?: string | undefined;
  q?: string | undefined;
  amountMinMinor?: number | undefined;
  amountMaxMinor?: number | undefined;
  pending?: boolean | undefined;
  needsReview?: boolean | undefined;
  limit: number;
  /** Default '-date' (newest first). */
  sort?: TransactionSort | undefined;
  cursor?: string | undefined;
}

/** `%`, `_` and `\` in a search are literal characters, not patterns. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The user's transactions that match the filter (its cursor and limit aside). */
function matching(db: Kysely<Database>, userId: string, f: Omit<TransactionFilter, 'limit' | 'cursor'>) {
  let query = db.selectFrom('transactions').where('user_id', '=', userId);
  if (f.from) query = query.where('date', '>=', f.from);
  if (f.to) query = query.where('date', '<=', f.to);
  if (f.accountId) query = query.where('account_id', '=', f.accountId);
  if (f.categoryId === 'none') query = query.where('category_id', 'is', null);
  else if (f.categoryId) query = query.where('category_id', '=', f.categoryId);
  if (f.amountMinMinor !== undefined) query = query.where('amount_minor', '>=', f.amountMinMinor);
  if (f.amountMaxMinor !== undefined) query = query.where('amount_minor', '<=', f.amountMaxMinor);
  if (f.pending !== undefined) query = query.where('pending', '=', f.pending);
  if (f.needsReview !== undefined) query = query.where('needs_review', '=', f.needsReview);
  if (f.q) {
    const pattern = likePattern(f.q);
    query = query.where((eb) =>
      eb.or([
        eb('raw_name', 'ilike', pattern),
        eb('merchant_name', 'ilike', pattern),
        eb('payee', 'ilike', pattern),
        eb('notes', 'ilike', pattern),
      ]),
    );
  }
  return query;
}

export const transactionQuery = {
  /**
   * One page in the filter's sort order (newest first by default), keyset-paginated on the sort key, date and
   * id (transaction-order.ts), so deep pages cost the same as the first. Each row says how many parts it is
   * split into (0: not split), counted in the same statement for the page's rows only.
   */
  async list(
    db: Kysely<Database>,
    userId: string,
    f: TransactionFilter,
  ): Promise<{ transactions: (TransactionView & { splitParts: number })[]; nextCursor: string | null }> {
    const sort = f.sort ?? '-date';
    const order = transactionOrder(sort);
    let query = matching(db, userId, f)
      .select(transactionViewColumns)
      .select((order.key ?? sql<string | number | null>`NULL`).as('sort_key'))
      .select((eb) => splitPartsColumn(eb, userId));
    if (f.cursor) query = query.where(order.after(decodeCursor(f.cursor, sort)));
    const rows = await query
      .orderBy(order.orderBy)
      .limit(f.limit + 1)
      .execute();
    const page = rows.slice(0, f.limit);
    const last = page.at(-1);
    return {
      transactions: page.map((r) => ({ ...toTransactionView(r), splitParts: r.split_parts })),
      nextCursor:
        rows.length > f.limit && last
          ? encodeCursor({ date: last.date, id: last.id, key: order.readKey(last.sort_key) }, sort)
          : null,
    };
  },

  /**
   * How many transactions match the filter and their amounts summed per currency (Plaid's sign: positive is
   * money out), summed in PostgreSQL as exact integers — the ledger's sum of what the list shows, not spending.
   */
  async totals(
    db: Kysely<Database>,
    userId: string,
    f: Omit<TransactionFilter, 'limit' | 'cursor'>,
  ): Promise<{ count: number; totals: { currency: string | null; amountMinor: number }[] }> {
    const rows = await matching(db, userId, f)
      .select((eb) => [
        'currency',
        eb.fn.countAll<string>().as('n'),
        eb.fn.sum<string>('amount_minor').as('sum'),
      ])
      .groupBy('currency')
      .orderBy('n', 'desc')
      .execute();
    return {
      count: rows.reduce((n, r) => n + Number(r.n), 0),
      totals: rows.map((r) => ({ currency: r.currency, amountMinor: safeInteger(r.sum) })),
    };
  },

  async get(db: Kysely<Database>, userId: string, id: string): Promise<TransactionView | undefined> {
    const row = await db
      .selectFrom('transactions')
      .select(transactionViewColumns)
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toTransactionView(row);
  },
};

function safeInteger(sum: string | null): number {
  const value = BigInt(sum ?? '0');
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
    throw new RangeError('transaction total is beyond exact integer range');
  return Number(value);
}
