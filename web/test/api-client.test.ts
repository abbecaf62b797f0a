import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../src/api/api-client.ts';
import { ApiError } from '../src/api/api-error.ts';
import { fakeFetch } from './fake-api-server.ts';

const unauth = { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'no session' } } };

function client(routes: Parameters<typeof fakeFetch>[0]) {
  const fake = fakeFetch(routes);
  const onSessionExpired = vi.fn();
  const api = new ApiClient({ baseUrl: '/api/v1', fetch: fake.fetch, onSessionExpired });
  return { api, calls: fake.calls, onSessionExpired };
}

describe('ApiClient', () => {
  it('sends cookies with every call and the CSRF token only on writes', async () => {
    const { api, calls } = client({
      'GET /api/v1/items': { status: 200, body: { items: [] } },
      'POST /api/v1/x': { status: 200, body: {} },
    });
    api.setCsrfToken('tok-1');
    await api.get('/items');
    await api.post('/x', { a: 1 });
    expect(calls.map((c) => c.credentials)).toEqual(['include', 'include']);
    expect(calls[0]!.headers['x-csrf-token']).toBeUndefined();
    expect(calls[1]!.headers['x-csrf-token']).toBe('tok-1');
    expect(calls[1]!.body).toEqual({ a: 1 });
  });

  it('sends a FormData upload as is, letting the browser set the multipart type, with the CSRF token', async () => {
    const seen: RequestInit[] = [];
    const api = new ApiClient({
      baseUrl: '/api/v1',
      fetch: async (_url, init) => {
        seen.push(init ?? {});
        return new Response('{"id":"x"}', { status: 201, headers: { 'content-type': 'application/json' } });
      },
    });
    api.setCsrfToken('tok-2');
    const form = new FormData();
    form.set('file', new Blob(['Date,Amount\n']), 'statement.csv');
    await expect(api.post('/imports', form)).resolves.toEqual({ id: 'x' });
    const headers = seen[0]!.headers as Record<string, string>;
    expect(seen[0]!.body).toBe(form);
    expect(headers['content-type']).toBeUndefined();
    expect(headers['x-csrf-token']).toBe('tok-2');
  });

  it('revalidates a tagged GET with If-None-Match and reuses the body it holds on 304', async () => {
    const seen: (string | undefined)[] = [];
    let version = 1;
    const api = new ApiClient({
      baseUrl: '/api/v1',
      fetch: async (_url, init) => {
        const sent = (init?.headers as Record<string, string> | undefined)?.['if-none-match'];
        seen.push(sent);
        const etag = `W/"u.${version}"`;
        if (sent === etag) return new Response(null, { status: 304, headers: { etag } });
        return new Response(JSON.stringify({ spentMinor: version }), {
          status: 200,
          headers: { 'content-type': 'application/json', etag },
        });
      },
    });
    const url = '/dashboard/summary';
    const query = { from: '2026-11-01', to: '2026-11-30' };
    expect(await api.get(url, { query })).toEqual({ spentMinor: 1 });
    expect(await api.get(url, { query })).toEqual({ spentMinor: 1 });
    expect(await api.get(url, { query })).toEqual({ spentMinor: 1 });
    version = 2;
    expect(await api.get(url, { query })).toEqual({ spentMinor: 2 });
    expect(await api.get(url, { query: { ...query, to: '2026-11-29' } })).toEqual({ spentMinor: 2 });
    expect(seen).toEqual([undefined, 'W/"u.1"', 'W/"u.1"', 'W/"u.1"', undefined]);
  });

  it('encodes query parameters and leaves out empty ones', async () => {
    const { api, calls } = client({ 'GET /api/v1/transactions': { status: 200, body: {} } });
    await api.get('/transactions', {
      query: { q: 'café & co', from: '', accountId: undefined, pending: false, limit: 200 },
    });
    expect(calls[0]!.url).toBe('/api/v1/transactions?q=caf%C3%A9+%26+co&pending=false&limit=200');
  });

  it('reads the body of a refused refresh, so the browser ends that request (else the page never goes idle)', async () => {
    const answers: Response[] = [];
    const api = new ApiClient({
      baseUrl: '/api/v1',
      fetch: async (url) => {
        const path = String(url);
        const response = path.endsWith('/auth/csrf')
          ? new Response('{"csrfToken":"t"}', { status: 200 })
          : new Response(JSON.stringify(unauth.body), { status: 401 });
        answers.push(response);
        return response;
      },
      onSessionExpired: () => {},
    });
    await expect(api.get('/auth/me')).rejects.toBeInstanceOf(ApiError);
    expect(answers.length).toBeGreaterThanOrEqual(3);
    expect(answers.every((a) => a.bodyUsed)).toBe(true);
  });

  it('refreshes the session once on 401 and retries the request', async () => {
    const { api, calls, onSessionExpired } = client({
      'GET /api/v1/accounts': [unauth, { status: 200, body: { accounts: [] } }],
      'GET /api/v1/auth/csrf': { status: 200, body: { csrfToken: 'csrf-a' } },
      'POST /api/v1/auth/refresh': { status: 200, body: { csrfToken: 'csrf-b', user: {} } },
    });
    await expect(api.get('/accounts')).resolves.toEqual({ accounts: [] });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/v1/accounts',
      'GET /api/v1/auth/csrf',
      'POST /api/v1/auth/refresh',
      'GET /api/v1/accounts',
    ]);
    expect(calls[2]!.headers['x-csrf-token']).toBe('csrf-a');
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it('sends the user to sign-in when the refresh fails, without looping', async () => {
    const { api, calls, onSessionExpired } = client({
      'GET /api/v1/accounts': unauth,
      'GET /api/v1/auth/csrf': { status: 200, body: { csrfToken: 'c' } },
      'POST /api/v1/auth/refresh': unauth,
    });
    const error = await api.get('/accounts').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
  });

  it('shares one refresh between requests that fail at the same time', async () => {
    const { api, calls } = client({
      'GET /api/v1/a': [unauth, { status: 200, body: 1 }],
      'GET /api/v1/b': [unauth, { status: 200, body: 2 }],
      'POST /api/v1/auth/refresh': { status: 200, body: { csrfToken: 'n' } },
    });
    api.setCsrfToken('old');
    await expect(Promise.all([api.get('/a'), api.get('/b')])).resolves.toEqual([1, 2]);
    expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
  });

  it('does not try to refresh for auth calls that opt out', async () => {
    const { api, calls, onSessionExpired } = client({ 'POST /api/v1/auth/login': unauth });
    await expect(api.post('/auth/login', {}, { skipRefresh: true })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(calls).toHaveLength(1);
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it('fetches a fresh CSRF token and retries once when a write is refused for CSRF', async () => {
    const { api, calls } = client({
      'POST /api/v1/x': [
        { status: 403, body: { error: { code: 'CSRF_INVALID', message: 'bad' } } },
        { status: 200, body: { ok: true } },
      ],
      'GET /api/v1/auth/csrf': { status: 200, body: { csrfToken: 'fresh' } },
    });
    api.setCsrfToken('stale');
    await expect(api.post('/x', {})).resolves.toEqual({ ok: true });
    expect(calls.at(-1)!.headers['x-csrf-token']).toBe('fresh');
  });

  it('turns the error body into one ApiError with code, message, details and Retry-After', async () => {
    const { api } = client({
      'POST /api/v1/auth/login': {
        status: 429,
        headers: { 'retry-after': '42' },
        body: { error: { code: 'RATE_LIMITED', message: 'slow down', details: { retryAfterSeconds: 42 } } },
      },
    });
    const error = (await api
      .post('/auth/login', {}, { skipRefresh: true })
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      message: 'slow down',
      retryAfterSeconds: 42,
    });
  });

  it('lists validation messages by field path', async () => {
    const { api } = client({
      'POST /api/v1/auth/signup': {
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'bad',
            details: [{ path: 'body.password', message: 'at least 12 characters' }],
          },
        },
      },
    });
    const error = (await api
      .post('/auth/signup', {}, { skipRefresh: true })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.fieldErrors()).toEqual({ 'body.password': 'at least 12 characters' });
  });

  it('reports a route the server does not have as not available, and a missing object as not found', async () => {
    const { api } = client({
      'GET /api/v1/transactions/1': {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'transaction not found' } },
      },
    });
    const missingRoute = (await api.get('/rules').catch((e: unknown) => e)) as ApiError;
    expect(missingRoute.notAvailable).toBe(true);
    const missingObject = (await api.get('/transactions/1').catch((e: unknown) => e)) as ApiError;
    expect(missingObject.notAvailable).toBe(false);
    expect(missingObject.code).toBe('NOT_FOUND');
  });

  it('reports a network failure as NETWORK_ERROR', async () => {
    const api = new ApiClient({
      baseUrl: '/api/v1',
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    await expect(api.get('/items')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });
});
