import type { TransactionSort } from '../contract/transactions.ts';
import { DomainError } from '../errors/domain-error.ts';

/**
 * Position after the last row of a page: its date and id, and under a sort by another field that field's key
 * (text for payee, category and account; an integer for amount). Opaque to clients.
 */
export interface KeysetPosition {
  date: string;
  id: string;
  key?: string | number | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What kind of key a sort order's cursor carries (none for the date orders). */
const KEY_KIND: Record<TransactionSort, 'none' | 'text' | 'integer'> = {
  '-date': 'none',
  date: 'none',
  payee: 'text',
  '-payee': 'text',
  category: 'text',
  '-category': 'text',
  account: 'text',
  '-account': 'text',
  amount: 'integer',
  '-amount': 'integer',
};

/**
 * Newest first (the default) keeps its first cursor format, `date|id`; other orders name themselves, so a
 * cursor is never read under an order it was not issued for: `sort|date|id|key as JSON`.
 */
export function encodeCursor(position: KeysetPosition, sort: TransactionSort = '-date'): string {
  const text =
    sort === '-date'
      ? `${position.date}|${position.id}`
      : `${sort}|${position.date}|${position.id}|${JSON.stringify(position.key ?? null)}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** A calendar date PostgreSQL accepts as written: 'YYYY-MM-DD', year 0001 or later, that exists. */
function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date.startsWith('0000')) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

function parseKey(
  json: string | undefined,
  kind: 'none' | 'text' | 'integer',
): KeysetPosition['key'] | false {
  if (json === undefined) return false;
  let key: unknown;
  try {
    key = JSON.parse(json);
  } catch {
    return false; // not JSON: not a cursor this API issued, refused below like any other
  }
  if (kind === 'none') return key === null ? undefined : false;
  if (kind === 'integer') return Number.isSafeInteger(key) ? (key as number) : false;
  return typeof key === 'string' && key.length <= 1000 ? key : false;
}

function readPosition(text: string, sort: TransactionSort): KeysetPosition | null {
  if (sort === '-date') {
    const [date, id, ...rest] = text.split('|');
    return rest.length === 0 && date !== undefined && id !== undefined ? { date, id } : null;
  }
  const [issuedFor, date, id] = text.split('|', 3);
  if (issuedFor !== sort || date === undefined || id === undefined) return null;
  const key = parseKey(text.slice(`${issuedFor}|${date}|${id}|`.length), KEY_KIND[sort]);
  if (key === false || text.length <= `${issuedFor}|${date}|${id}|`.length) return null;
  return { date, id, key };
}

/**
 * Reads a cursor this API issued for this sort order; anything else (not canonical base64url, another order's
 * cursor, an impossible date, a malformed id or key) is a 400 naming `querystring.cursor`, never a query.
 */
export function decodeCursor(cursor: string, sort: TransactionSort = '-date'): KeysetPosition {
  const decoded = Buffer.from(cursor, 'base64url');
  const position =
    decoded.toString('base64url') === cursor ? readPosition(decoded.toString('utf8'), sort) : null;
  if (!position || !isRealDate(position.date) || !UUID.test(position.id))
    throw new DomainError('VALIDATION_FAILED', 'invalid cursor', [
      { path: 'querystring.cursor', message: `not a cursor this API issued for sort ${sort}` },
    ]);
  return position;
}
