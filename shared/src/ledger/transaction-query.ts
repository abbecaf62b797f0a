import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { decodeCursor, encodeCursor } from './keyset-cursor.ts';
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
  cursor?: string | undefined;
}

/** `%`, `_` and `\` in a search are literal characters, not patterns. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const transactionQuery = {
  /** One page, newest first, keyset-paginated on (date, id) so deep pages cost the same as the first. */
  async list(
    db: Kysely<Database>,
    userId: string,
    f: TransactionFilter,
  ): Promise<{ transactions: TransactionView[]; nextCursor: string | null }> {
    let query = db.selectFrom('transactions').select(transactionViewColumns).where('user_id', '=', userId);
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
    if (f.cursor) {
      const after = decodeCursor(f.cursor);
      query = query.where((eb) =>
        eb.or([eb('date', '<', after.date), eb.and([eb('date', '=', after.date), eb('id', '<', after.id)])]),
      );
    }
    const rows = await query
      .orderBy('date', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit + 1)
      .execute();
    const page = rows.slice(0, f.limit);
    const last = page.at(-1);
    return {
      transactions: page.map(toTransactionView),
      nextCursor: rows.length > f.limit && last ? encodeCursor({ date: last.date, id: last.id }) : null,
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
