import { DomainError } from '../errors/domain-error.ts';

/** Position after the last row of a page ordered by (date DESC, id DESC). Opaque to clients. */
export interface KeysetPosition {
  date: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.date}|${position.id}`, 'utf8').toString('base64url');
}

/** A calendar date PostgreSQL accepts as written: 'YYYY-MM-DD', year 0001 or later, that exists. */
function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date.startsWith('0000')) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/**
 * Reads a cursor this API issued; anything else (not canonical base64url, an impossible date, a malformed id)
 * is a 400 naming `querystring.cursor`, never a query.
 */
export function decodeCursor(cursor: string): KeysetPosition {
  const decoded = Buffer.from(cursor, 'base64url');
  const [date, id, ...rest] = decoded.toString('utf8').split('|');
  const ok =
    decoded.toString('base64url') === cursor &&
    rest.length === 0 &&
    date !== undefined &&
    isRealDate(date) &&
    id !== undefined &&
    UUID.test(id);
  if (!ok)
    throw new DomainError('VALIDATION_FAILED', 'invalid cursor', [
      { path: 'querystring.cursor', message: 'not a cursor this API issued' },
    ]);
  return { date, id };
}
