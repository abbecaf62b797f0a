import { describe, expect, it } from 'vitest';
import { classifyPlaidError } from './classify-plaid-error.ts';

const http = (status: number, data: Record<string, unknown> = {}, headers: Record<string, unknown> = {}) => ({
  response: { status, data, headers },
  message: `Request failed with status code ${status}`,
});

describe('classifyPlaidError', () => {
  it.each([
    ['a 500', http(500, { error_type: 'API_ERROR', error_code: 'INTERNAL_SERVER_ERROR' }), 'transient'],
    ['a 502 without a Plaid body', http(502), 'transient'],
    [
      'a 429 rate limit',
      http(429, { error_type: 'RATE_LIMIT_EXCEEDED', error_code: 'TRANSACTIONS_SYNC_LIMIT' }),
      'transient',
    ],
    ['an axios timeout', { code: 'ECONNABORTED', message: 'timeout of 100ms exceeded' }, 'transient'],
    ['a reset connection', { code: 'ECONNRESET', message: 'socket hang up' }, 'transient'],
    [
      'a login-required item',
      http(400, { error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED' }),
      'item',
    ],
    [
      'a revoked permission',
      http(400, { error_type: 'ITEM_ERROR', error_code: 'USER_PERMISSION_REVOKED' }),
      'item',
    ],
    [
      'mutation during pagination',
      http(400, { error_code: 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION' }),
      'restart',
    ],
    [
      'an invalid request',
      http(400, { error_type: 'INVALID_REQUEST', error_code: 'MISSING_FIELDS' }),
      'permanent',
    ],
    ['an unrelated exception', new TypeError('x is undefined'), 'permanent'],
  ])('classifies %s', (_name, error, kind) => {
    expect(classifyPlaidError(error).kind).toBe(kind);
  });

  it('maps item errors to the item status they put the item in', () => {
    const f = classifyPlaidError(http(400, { error_code: 'ITEM_LOGIN_REQUIRED' }));
    expect(f).toMatchObject({ kind: 'item', itemStatus: 'login_required', code: 'ITEM_LOGIN_REQUIRED' });
  });

  it('reads Retry-After seconds on a 429', () => {
    const f = classifyPlaidError(http(429, { error_type: 'RATE_LIMIT_EXCEEDED' }, { 'retry-after': '3' }));
    expect(f).toMatchObject({ kind: 'transient', retryAfterMs: 3000 });
  });
});
