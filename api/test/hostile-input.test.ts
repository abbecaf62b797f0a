import { beforeAll, describe, expect, it } from 'vitest';
import { fuzzDigest } from './support/fuzz-fixture.ts';
import {
  Client,
  signedInLedger,
  signedUpClient,
  startTestApp,
  type TestApp,
  UNLIMITED_SIGN_INS,
} from './support/test-app.ts';

// The confirmed findings of the outside probe (issue 14), each replayed through the public API.

const errorShape = {
  error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
};

function expectRefusedNaming(res: { statusCode: number; json(): unknown }, status: number, path: string) {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { error: { details?: { path: string }[] } };
  expect(body).toMatchObject(errorShape);
  expect(body.error.details?.map((d) => d.path)).toContain(path);
}

describe('hostile input (issue 14 confirmed findings)', () => {
  const f = signedInLedger(12, () => startTestApp({ rateLimits: UNLIMITED_SIGN_INS }));

  describe('ReDoS: user patterns run on RE2 (linear time)', () => {
    // `a*a*a*b` against 384 characters backtracks ~n^4 on a backtracking engine: seconds per evaluation, so
    // the per-test timeout below is only reached when the engine backtracks (speed figures: bench rule-regex).
    const evil = { field: 'notes', op: 'matches', value: 'a*a*a*b' } as const;
    const rule = {
      name: 'evil',
      conditions: [evil],
      actions: [{ type: 'addTags', tags: ['x'] }],
    };

    beforeAll(async () => {
      await f.h.t.db
        .updateTable('transactions')
        .set({ notes: 'a'.repeat(384) })
        .where('user_id', '=', f.client.userId!)
        .execute();
    });

    it('previews a catastrophic pattern over 384-character notes at once', { timeout: 5_000 }, async () => {
      const res = await f.client.request({ method: 'POST', url: '/api/v1/rules/preview', payload: { rule } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ matched: 0, changed: 0 });
    });

    it('stores it and applies it to the history at once', { timeout: 5_000 }, async () => {
      const created = await f.client.request({ method: 'POST', url: '/api/v1/rules', payload: rule });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const applied = await f.client.request({ method: 'POST', url: `/api/v1/rules/${id}/apply` });
      expect(applied.statusCode, applied.body).toBe(200);
      expect(applied.json()).toMatchObject({ matched: 0, changed: 0 });
      await f.client.request({ method: 'DELETE', url: `/api/v1/rules/${id}` });
    });

    it('accepts nested quantifiers RE2 runs in linear time, and matches case-insensitively', async () => {
      const res = await f.client.request({
        method: 'POST',
        url: '/api/v1/rules/preview',
        payload: { rule: { ...rule, conditions: [{ field: 'notes', op: 'matches', value: '^(A+)+$' }] } },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().matched).toBe(12);
    });

    it.each([
      ['(x)\\1', 'backreference'],
      ['(?=x)', 'lookahead'],
      ['[', 'unclosed class'],
    ])('refuses %s (%s) with a 400 naming the field', async (pattern) => {
      const conditions = [
        { field: 'rawName', op: 'contains', value: 'coffee' },
        { field: 'notes', op: 'matches', value: pattern },
      ];
      const stored = await f.client.request({
        method: 'POST',
        url: '/api/v1/rules',
        payload: { ...rule, conditions },
      });
      expectRefusedNaming(stored, 400, 'body.conditions.1.value');
      expect(stored.json().error.code).toBe('RULE_INVALID_REGEX');
      const preview = await f.client.request({
        method: 'POST',
        url: '/api/v1/rules/preview',
        payload: { rule: { ...rule, conditions } },
      });
      expectRefusedNaming(preview, 400, 'body.rule.conditions.1.value');
    });
  });

  describe('deep JSON bodies', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

    it('refuses a body nested 2,000 deep without a session: 401, before any parsing', async () => {
      const res = await f.h.app.inject({
        method: 'POST',
        url: '/api/v1/rules',
        headers: { 'content-type': 'application/json' },
        payload: deepObject(2000),
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject(errorShape);
    });

    it('refuses it on a public route and with a session: 400 in the error shape', async () => {
      const senders = [
        { url: '/api/v1/auth/signup', send: f.h.app.inject.bind(f.h.app) },
        { url: '/api/v1/rules/preview', send: f.client.request.bind(f.client) },
      ];
      for (const payload of [deep(2000), deepObject(2000)])
        for (const { url, send } of senders) {
          const res = await send({
            method: 'POST',
            url,
            headers: { 'content-type': 'application/json' },
            payload,
          });
          expect(res.statusCode, `${url} ${res.body}`).toBe(400);
          expect(res.json()).toMatchObject({ error: { code: 'JSON_TOO_DEEP' } });
        }
    });

    it('refuses an oversized body with 413 in the error shape and echoes none of it', async () => {
      const res = await f.client.request({
        method: 'POST',
        url: '/api/v1/rules/preview',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ rule: { name: 'x'.repeat(2 * 1024 * 1024) } }),
      });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
      expect(res.body.length).toBeLessThan(500);
    });
  });

  describe('NUL characters are refused at the boundary, naming the field', () => {
    const NUL = 'a\u0000b';
    const tx = () => f.seeded.transactionIds[0];
    const cases: [string, string, () => string, unknown, string][] = [
      [
        'signup displayName',
        'POST',
        () => '/api/v1/auth/signup',
        { email: 'nul@example.com', password: 'correct horse battery staple', displayName: NUL },
        'body.displayName',
      ],
      [
        'signup timezone',
        'POST',
        () => '/api/v1/auth/signup',
        { email: 'nul2@example.com', password: 'correct horse battery staple', timezone: NUL },
        'body.timezone',
      ],
      ['category name', 'POST', () => '/api/v1/categories', { name: NUL }, 'body.name'],
      ['token name', 'POST', () => '/api/v1/tokens', { name: NUL }, 'body.name'],
      ['transaction payee', 'PATCH', () => `/api/v1/transactions/${tx()}`, { payee: NUL }, 'body.payee'],
      ['transaction notes', 'PATCH', () => `/api/v1/transactions/${tx()}`, { notes: NUL }, 'body.notes'],
      ['transaction tag', 'PATCH', () => `/api/v1/transactions/${tx()}`, { tags: [NUL] }, 'body.tags.0'],
      [
        'bulk notes',
        'POST',
        () => '/api/v1/transactions/bulk',
        {
          get ids() {
            return [tx()];
          },
          patch: { notes: NUL },
        },
        'body.patch.notes',
      ],
      [
        'rule name',
        'POST',
        () => '/api/v1/rules',
        {
          name: NUL,
          conditions: [{ field: 'rawName', op: 'contains', value: 'x' }],
          actions: [{ type: 'markTransfer' }],
        },
        'body.name',
      ],
      [
        'rule condition value',
        'POST',
        () => '/api/v1/rules',
        {
          name: 'n',
          conditions: [{ field: 'rawName', op: 'contains', value: NUL }],
          actions: [{ type: 'markTransfer' }],
        },
        'body.conditions.0.value',
      ],
      [
        'rule action value',
        'POST',
        () => '/api/v1/rules',
        {
          name: 'n',
          conditions: [{ field: 'rawName', op: 'contains', value: 'x' }],
          actions: [{ type: 'setPayee', payee: NUL }],
        },
        'body.actions.0.payee',
      ],
      [
        'preview rule value',
        'POST',
        () => '/api/v1/rules/preview',
        {
          rule: {
            name: 'n',
            conditions: [{ field: 'notes', op: 'matches', value: NUL }],
            actions: [{ type: 'markTransfer' }],
          },
        },
        'body.rule.conditions.0.value',
      ],
    ];

    it.each(cases)('%s', async (_name, method, url, payload, path) => {
      const before = await digest(f.h);
      const res = await f.client.request({
        method: method as 'POST',
        url: url(),
        payload: payload as object,
      });
      expectRefusedNaming(res, 400, path);
      expect(await digest(f.h)).toBe(before);
    });

    it('search q', async () => {
      const res = await f.client.request({ method: 'GET', url: '/api/v1/transactions?q=a%00b' });
      expectRefusedNaming(res, 400, 'querystring.q');
    });
  });

  describe('paging cursors are validated whole', () => {
    it.each([
      ['impossible date', '2026-13-45|00000000-0000-4000-8000-000000000000'],
      ['year 0000', '0000-02-30|00000000-0000-4000-8000-000000000000'],
      ['not a uuid', '2026-01-01|zzzz'],
    ])('%s is a 400 naming the cursor', async (_name, raw) => {
      const cursor = Buffer.from(raw, 'utf8').toString('base64url');
      const res = await f.client.request({ method: 'GET', url: `/api/v1/transactions?cursor=${cursor}` });
      expectRefusedNaming(res, 400, 'querystring.cursor');
    });
  });

  describe("a deleted account's session dies with it", () => {
    it('old cookies get 401 everywhere and nothing is written or queued', async () => {
      const victim = await signedUpClient(f.h.app);
      const oldCookies = new Map(victim.cookies);
      const oldCsrf = victim.csrf;
      const deleted = await victim.request({
        method: 'DELETE',
        url: '/api/v1/auth/account',
        payload: { password: 'correct horse battery staple', confirm: 'DELETE' },
      });
      expect(deleted.statusCode, deleted.body).toBe(200);
      const ghost = new Client(f.h.app);
      for (const [k, v] of oldCookies) ghost.cookies.set(k, v);
      ghost.csrf = oldCsrf;
      const before = await digest(f.h);
      const attempts: [string, string, unknown][] = [
        ['POST', '/api/v1/categories', { name: 'ghost' }],
        ['POST', '/api/v1/tokens', { name: 'ghost' }],
        [
          'POST',
          '/api/v1/rules',
          {
            name: 'ghost',
            conditions: [{ field: 'rawName', op: 'contains', value: 'x' }],
            actions: [{ type: 'markTransfer' }],
          },
        ],
        ['POST', '/api/v1/reports', { kind: 'monthly' }],
        ['GET', '/api/v1/auth/me', undefined],
      ];
      for (const [method, url, payload] of attempts) {
        const res = await ghost.request({
          method: method as 'POST',
          url,
          ...(payload ? { payload: payload as object } : {}),
        });
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(401);
        expect(res.json()).toMatchObject(errorShape);
      }
      expect(await digest(f.h)).toBe(before);
    });
  });
});

const digest = (h: TestApp) => fuzzDigest(h.t.db);
