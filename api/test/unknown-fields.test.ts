import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedInLedger, startTestApp, UNLIMITED_SIGN_INS } from './support/test-app.ts';

/** A parameter or field no operation has: a typo of a real one is answered the same way. */
const UNKNOWN = 'zzNotAField';

interface Operation {
  method: string;
  path: string;
  json: boolean;
}

/**
 * A body whose schema is a union of objects is read by its discriminator first: these operations are sent a
 * valid one beside the unknown field. (Each of their objects is declared strict in the contract.)
 */
const DISCRIMINATOR: Record<string, object> = { 'POST /api/v1/reports': { kind: 'weekly' } };

/**
 * A field the API does not know is refused, not ignored: a script that typed `search` for `q`, or
 * `accountID` for `accountId`, would otherwise be answered with every transaction, as if it had asked for them.
 */
describe('unknown query parameters and body fields', () => {
  const f = signedInLedger(2, () => startTestApp({ rateLimits: UNLIMITED_SIGN_INS }));

  /** Every operation of /api/v1 that the OpenAPI document lists, but Plaid's webhook (Plaid adds fields). */
  const operations = async (): Promise<Operation[]> => {
    const doc = (await f.h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    };
    return Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/') && !path.startsWith('/api/v1/webhooks/'))
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({
          method: method.toUpperCase(),
          path: path.replaceAll('{id}', randomUUID()),
          json: op.requestBody?.content['application/json'] !== undefined,
        })),
      );
  };

  /** The refusal's details, or what the operation answered instead. */
  const refusal = async (method: string, url: string, payload?: object) => {
    const res = await f.client.request({ method: method as 'GET', url, ...(payload ? { payload } : {}) });
    return res.statusCode === 400
      ? (res.json() as { error: { details?: { path: string; message: string }[] } }).error.details
      : `${res.statusCode} ${res.body.slice(0, 200)}`;
  };

  /** The answer is a 400 whose details name `path` as an unknown field. */
  const names = (answer: unknown, path: string) =>
    Array.isArray(answer) && answer.some((d) => d.path === path && d.message === 'unknown field');

  // Fastify validates the body before the query and stops at the first part that fails, so an operation
  // with a JSON body is sent one that is valid ("nothing is stored…" below) and the rest are sent none.
  it('a query parameter no operation takes is answered 400, naming it, on every operation without a body', async () => {
    const ops = (await operations()).filter((op) => !op.json);
    expect(ops.length).toBeGreaterThan(40);
    const notRefused: string[] = [];
    for (const op of ops) {
      const answer = await refusal(op.method, `${op.path}?${UNKNOWN}=1`);
      if (!names(answer, `querystring.${UNKNOWN}`))
        notRefused.push(`${op.method} ${op.path}: ${JSON.stringify(answer)}`);
    }
    expect(notRefused).toEqual([]);
  });

  it('a JSON body field no operation takes is answered 400, naming it, on every operation with a JSON body', async () => {
    const ops = (await operations()).filter((op) => op.json);
    expect(ops.length).toBeGreaterThan(30);
    const notRefused: string[] = [];
    for (const op of ops) {
      const answer = await refusal(op.method, op.path, {
        ...DISCRIMINATOR[`${op.method} ${op.path}`],
        [UNKNOWN]: 1,
      });
      if (!names(answer, `body.${UNKNOWN}`))
        notRefused.push(`${op.method} ${op.path}: ${JSON.stringify(answer)}`);
    }
    expect(notRefused).toEqual([]);
  });

  it.each([
    [
      'a rule condition',
      'POST',
      '/api/v1/rules',
      { conditions: [{ field: 'payee', op: 'contains', value: 'COFFEE', negte: true }] },
      'body.conditions.0.negte',
    ],
    [
      'a condition inside a group',
      'POST',
      '/api/v1/rules/preview',
      {
        rule: {
          name: 'x',
          conditions: [
            { op: 'any', conditions: [{ field: 'amount', op: 'gt', value: 5, drection: 'outflow' }] },
          ],
          actions: [{ type: 'excludeFromReports' }],
        },
      },
      'body.rule.conditions.0.conditions.0.drection',
    ],
    ['a rule under preview', 'POST', '/api/v1/rules/preview', { rule: { nmae: 'x' } }, 'body.rule.nmae'],
    [
      'a rule action',
      'PATCH',
      `/api/v1/rules/${randomUUID()}`,
      { actions: [{ type: 'setCategory', categoryId: 'c', categoryID: 'c' }] },
      'body.actions.0.categoryID',
    ],
    [
      'a split part',
      'POST',
      '/api/v1/rules',
      {
        actions: [
          {
            type: 'split',
            splits: [{ method: 'percent', percent: 50, note: 'typo' }, { method: 'remainder' }],
          },
        ],
      },
      'body.actions.0.splits.0.note',
    ],
  ])('a field unknown in %s is refused at its whole path', async (_what, method, url, payload, path) => {
    const answer = await refusal(method, url, payload);
    expect(names(answer, path), JSON.stringify(answer)).toBe(true);
  });

  it('nothing is stored by a write refused for a field in its body or query; without it, it goes through', async () => {
    const before = await f.client.api('GET', '/saved-filters');
    const answer = await refusal('POST', '/api/v1/saved-filters', {
      name: 'Coffee',
      filter: {},
      [UNKNOWN]: 'x',
    });
    expect(names(answer, `body.${UNKNOWN}`), JSON.stringify(answer)).toBe(true);
    expect(await f.client.api('GET', '/saved-filters')).toEqual(before);
    const inQuery = await refusal('POST', `/api/v1/saved-filters?${UNKNOWN}=1`, {
      name: 'Coffee',
      filter: {},
    });
    expect(names(inQuery, `querystring.${UNKNOWN}`), JSON.stringify(inQuery)).toBe(true);
    expect(await f.client.api('GET', '/saved-filters')).toEqual(before);
    await f.client.api('POST', '/saved-filters', { name: 'Coffee', filter: {} }, 201);
  });

  it('an unknown field whose name is not a plain one is refused without repeating its name', async () => {
    const odd = '<img src=x onerror=alert(1)>';
    const res = await f.client.request({
      method: 'PATCH',
      url: '/api/v1/settings',
      payload: { [odd]: 1, ['x'.repeat(65)]: 1 },
    });
    expect(res.statusCode).toBe(400);
    const unknown = { path: 'body', message: 'unknown field (its name is not shown)' };
    expect(
      res.json().error.details.filter((d: { message: string }) => d.message.startsWith('unknown')),
    ).toEqual([unknown, unknown]);
    expect(res.body).not.toContain('img');
    expect(res.body).not.toContain('xxxxx');
  });
});
