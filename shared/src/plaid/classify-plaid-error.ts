import type { ItemStatus } from '../db/database.ts';
import type { PlaidItemErrorCode } from '../errors/domain-error.ts';

/**
 * What a failed Plaid call means for the caller:
 * - transient: retry with backoff (5xx, timeouts, connection resets, 429 rate limits);
 * - restart: TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION — restart pagination from the run's first cursor;
 * - item: the item needs the user (re-login, expired consent, revoked permission) — stop and notify;
 * - permanent: a bug or bad request; retrying will not help.
 */
export type PlaidFailure =
  | { kind: 'transient'; code: string; message: string; status: number | null; retryAfterMs: number | null }
  | { kind: 'restart'; code: string; message: string; status: number | null }
  | { kind: 'item'; code: PlaidItemErrorCode; message: string; status: number | null; itemStatus: ItemStatus }
  | { kind: 'permanent'; code: string; message: string; status: number | null };

const ITEM_STATES: Readonly<Record<PlaidItemErrorCode, ItemStatus>> = {
  ITEM_LOGIN_REQUIRED: 'login_required',
  PENDING_EXPIRATION: 'pending_expiration',
  PENDING_DISCONNECT: 'pending_expiration',
  USER_PERMISSION_REVOKED: 'permission_revoked',
  ACCESS_NOT_GRANTED: 'permission_revoked',
  ITEM_NOT_FOUND: 'removed',
};

const isItemCode = (code: string): code is PlaidItemErrorCode => Object.hasOwn(ITEM_STATES, code);

const TRANSIENT_NETWORK = new Set([
  'ECONNABORTED',
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'EAI_AGAIN',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_SOCKET',
  'ERR_BAD_RESPONSE',
]);

interface AxiosLike {
  code?: string;
  message?: string;
  response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
}

export function classifyPlaidError(error: unknown): PlaidFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as AxiosLike;
  const status = e.response?.status ?? null;
  const data = (e.response?.data ?? {}) as {
    error_code?: unknown;
    error_type?: unknown;
    error_message?: unknown;
  };
  const code = typeof data.error_code === 'string' ? data.error_code : (e.code ?? 'UNKNOWN');
  const message =
    typeof data.error_message === 'string' ? data.error_message : (e.message ?? 'Plaid call failed');
  if (isItemCode(code)) return { kind: 'item', code, message, status, itemStatus: ITEM_STATES[code] };
  if (code === 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION')
    return { kind: 'restart', code, message, status };
  if (status === 429 || data.error_type === 'RATE_LIMIT_EXCEEDED') {
    return { kind: 'transient', code, message, status, retryAfterMs: retryAfter(e.response?.headers) };
  }
  if (status === null) {
    // No response at all: a timeout or a dropped connection.
    return TRANSIENT_NETWORK.has(e.code ?? '') || /timeout|socket hang up|network/i.test(e.message ?? '')
      ? { kind: 'transient', code, message, status, retryAfterMs: null }
      : { kind: 'permanent', code, message, status };
  }
  if (status >= 500 || status === 408 || data.error_type === 'API_ERROR' || code === 'PRODUCT_NOT_READY') {
    return { kind: 'transient', code, message, status, retryAfterMs: null };
  }
  return { kind: 'permanent', code, message, status };
}

function retryAfter(headers: Record<string, unknown> | undefined): number | null {
  const raw = headers?.['retry-after'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 60_000) : null;
}
