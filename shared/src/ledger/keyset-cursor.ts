import { DomainError } from '../errors/domain-error.ts';

/** Position after the last row of a page ordered by (date DESC, id DESC). Opaque to clients. */
export interface KeysetPosition {
  date: string;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.date}|${position.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): KeysetPosition {
  const [date, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const ok =
    rest.length === 0 &&
    date !== undefined &&
    /^\d{4}-\d{2}-\d{2}$/.test(date) &&
    id !== undefined &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  if (!ok)
    throw new DomainError('VALIDATION_FAILED', 'invalid cursor', [
      { path: 'cursor', message: 'invalid cursor' },
    ]);
  return { date, id };
}
