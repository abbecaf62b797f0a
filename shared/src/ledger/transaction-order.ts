import { type RawBuilder, sql } from 'kysely';
import type { TransactionSort } from '../contract/transactions.ts';
import type { KeysetPosition } from './keyset-cursor.ts';

type Field = 'payee' | 'amount' | 'category' | 'account';

/** Text keys compare lower-cased by code point, so every database collation (and the cursor) agrees. */
const text = (expression: RawBuilder<string | null>) =>
  sql<string>`lower(coalesce(${expression}, '')) COLLATE "C"`;

/** Each field's sort key as the list shows it: the payee shown, the category's and the account's names. */
const KEYS: Record<Field, RawBuilder<string | number>> = {
  payee: text(sql`coalesce(transactions.payee, transactions.merchant_name, transactions.raw_name)`),
  amount: sql<number>`transactions.amount_minor`,
  category: text(sql`(SELECT c.name FROM categories c WHERE c.id = transactions.category_id)`),
  account: text(sql`(SELECT a.name FROM accounts a WHERE a.id = transactions.account_id)`),
};

/**
 * How the list orders and pages under one sort order. By date: (date, id) in that direction. By another
 * field: its key in that direction, ties newest first (date, id descending); the row after a page's last is
 * the one whose (key, then date and id) comes after it, so each row appears once whatever the page size.
 */
export interface TransactionOrder {
  /** The sort key to select beside the row (for the next cursor), or null for the date orders. */
  key: RawBuilder<string | number | null> | null;
  /** The selected key as the cursor carries it (an amount arrives from the driver as a bigint string). */
  readKey(selected: unknown): string | number | undefined;
  orderBy: RawBuilder<unknown>;
  after(position: KeysetPosition): RawBuilder<boolean>;
}

export function transactionOrder(sort: TransactionSort): TransactionOrder {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as Field | 'date';
  if (field === 'date') {
    const direction = sql.raw(descending ? 'DESC' : 'ASC');
    const beyond = sql.raw(descending ? '<' : '>');
    return {
      key: null,
      readKey: () => undefined,
      orderBy: sql`transactions.date ${direction}, transactions.id ${direction}`,
      after: (p) =>
        sql<boolean>`(transactions.date, transactions.id) ${beyond} (${p.date}::date, ${p.id}::uuid)`,
    };
  }
  const key = KEYS[field];
  const beyond = sql.raw(descending ? '<' : '>');
  const reached = sql.raw(descending ? '<=' : '>=');
  return {
    key,
    readKey: (selected) => (field === 'amount' ? Number(selected) : String(selected)),
    orderBy: sql`${key} ${sql.raw(descending ? 'DESC' : 'ASC')}, transactions.date DESC, transactions.id DESC`,
    // The leading bound repeats what the OR implies, so an index in this order starts its scan at the cursor.
    after: (p) =>
      sql<boolean>`(${key} ${reached} ${p.key} AND (${key} ${beyond} ${p.key} OR (${key} = ${p.key} AND (transactions.date, transactions.id) < (${p.date}::date, ${p.id}::uuid))))`,
  };
}
