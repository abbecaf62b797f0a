import { PlaidApiError } from '../plaid/plaid-api-error.ts';

/**
 * What an opaque /transactions/sync cursor encodes: the item, the log position the chain started
 * from, and for intermediate pages the chain's high-water mark and how many netted updates were
 * already delivered.
 */
export interface SyncCursor {
  item: string;
  start: number;
  highWater?: number;
  offset?: number;
  account?: string;
}

export function encodeCursor(cursor: SyncCursor): string {
  const payload = [
    cursor.item,
    cursor.start,
    cursor.highWater ?? '',
    cursor.offset ?? '',
    cursor.account ?? '',
  ];
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

export function decodeCursor(text: string): SyncCursor {
  const invalid = () => PlaidApiError.invalidField('cursor is invalid or malformed');
  if (text.length > 256 || !/^[A-Za-z0-9+/]+=*$/.test(text)) throw invalid();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(payload) || payload.length !== 5) throw invalid();
  const [item, start, highWater, offset, account] = payload as unknown[];
  if (typeof item !== 'string' || !isCount(start)) throw invalid();
  if (highWater !== '' && !isCount(highWater)) throw invalid();
  if (offset !== '' && !isCount(offset)) throw invalid();
  if (typeof account !== 'string') throw invalid();
  return {
    item,
    start,
    ...(highWater === '' ? {} : { highWater: highWater as number }),
    ...(offset === '' ? {} : { offset: offset as number }),
    ...(account === '' ? {} : { account }),
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
