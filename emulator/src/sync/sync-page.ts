import type { NettedUpdate } from '../items/change-log.ts';
import type { SandboxItem } from '../items/sandbox-item.ts';
import { PlaidApiError } from '../plaid/plaid-api-error.ts';
import type { RemovedTransaction, Transaction } from '../plaid/plaid-objects.ts';
import { decodeCursor, encodeCursor, type SyncCursor } from './sync-cursor.ts';

export interface SyncPageRequest {
  cursor: string | undefined;
  count: number;
  accountId: string | undefined;
}

export interface SyncPage {
  added: Transaction[];
  modified: Transaction[];
  removed: RemovedTransaction[];
  nextCursor: string;
  hasMore: boolean;
}

const CHAIN_CACHE_SIZE = 4;
const chains = new WeakMap<SandboxItem, Map<string, NettedUpdate[]>>();

/**
 * One page of /transactions/sync. A chain of pages nets the log between the cursor it started from
 * and the log position at its first page (the high-water mark); if the log grows past that mark
 * before the chain finishes, the next page fails with TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION
 * and the client must restart from the chain's first cursor.
 */
export function syncPage(item: SandboxItem, request: SyncPageRequest): SyncPage {
  let cursor: SyncCursor;
  if (!request.cursor) cursor = { item: item.itemId, start: 0 };
  else if (request.cursor === 'now') {
    return {
      added: [],
      modified: [],
      removed: [],
      nextCursor: encodeCursor(base(item, request, item.log.seq)),
      hasMore: false,
    };
  } else cursor = decodeCursor(request.cursor);

  if (cursor.item !== item.itemId)
    throw PlaidApiError.invalidField('cursor not associated with access_token');
  if ((cursor.account ?? undefined) !== request.accountId) {
    throw PlaidApiError.invalidField('cursor was not created for the account_id in this request');
  }
  if (cursor.start > item.log.seq || (cursor.highWater ?? 0) > item.log.seq)
    throw PlaidApiError.invalidField('cursor is invalid or malformed');
  if (cursor.highWater !== undefined && item.log.seq > cursor.highWater)
    throw PlaidApiError.mutationDuringPagination();

  const highWater = cursor.highWater ?? item.log.seq;
  const offset = cursor.offset ?? 0;
  const updates = nettedChain(item, cursor.start, highWater, request.accountId);
  const page = updates.slice(offset, offset + request.count);
  const hasMore = offset + page.length < updates.length;

  const added: Transaction[] = [];
  const modified: Transaction[] = [];
  const removed: RemovedTransaction[] = [];
  for (const u of page) {
    if (u.kind === 'added') added.push(u.snapshot!);
    else if (u.kind === 'modified') modified.push(u.snapshot!);
    else removed.push({ transaction_id: u.transactionId, account_id: u.accountId });
  }
  const next: SyncCursor = hasMore
    ? { ...base(item, request, cursor.start), highWater, offset: offset + page.length }
    : base(item, request, highWater);
  return { added, modified, removed, nextCursor: encodeCursor(next), hasMore };
}

function base(item: SandboxItem, request: SyncPageRequest, start: number): SyncCursor {
  return { item: item.itemId, start, ...(request.accountId ? { account: request.accountId } : {}) };
}

function nettedChain(
  item: SandboxItem,
  start: number,
  highWater: number,
  accountId: string | undefined,
): NettedUpdate[] {
  let cache = chains.get(item);
  if (!cache) {
    cache = new Map();
    chains.set(item, cache);
  }
  const key = `${start}:${highWater}:${accountId ?? ''}`;
  let updates = cache.get(key);
  if (!updates) {
    updates = item.log.net(start, highWater, accountId);
    if (cache.size >= CHAIN_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, updates);
  }
  return updates;
}
