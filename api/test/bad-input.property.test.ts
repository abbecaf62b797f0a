import * as contract from '@finsync/shared/contract';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { tablesDigest } from './support/fuzz-fixture.ts';
import { multipart } from './support/multipart.ts';
import { signedInLedger, startTestApp, UNLIMITED_SIGN_INS } from './support/test-app.ts';

const RUNS = 30;

describe('generated bad input never reaches storage and never causes a 500', () => {
  const f = signedInLedger(3, () => startTestApp({ rateLimits: UNLIMITED_SIGN_INS }));

  beforeAll(async () => {
    const form = multipart(
      { accountId: f.seeded.accountId },
      { content: 'Date,Payee,Amount\n2026-11-20,Shop,-3.00\n' },
    );
    importId = (await f.client.request({ method: 'POST', url: '/api/v1/imports', ...form })).json().id;
    budgetId = (
      await f.client.request({
        method: 'POST',
        url: '/api/v1/budgets',
        payload: {
          month: '2026-11',
          categoryId: await f.h.ctx.spendingCategory(f.client.userId!),
          limitMinor: 10_00,
        },
      })
    ).json().id;
  });
  let importId = '';
  let budgetId = '';

  /** A digest of everything a request could write. */
  const snapshot = () =>
    tablesDigest(f.h.t.db, [
      ['transactions', 'id'],
      ['users', 'id'],
      ['personal_access_tokens', 'id'],
      ['sessions', 'count'],
      ['plaid_items', 'id'],
      ['categories', 'id'],
      ['rules', 'id'],
      ['accounts', 'id'],
      ['statement_imports', 'id'],
      ['budgets', 'id'],
      ['budget_months', 'budget_id, month'],
    ]);

  const invalid = (schema: z.ZodType) => fc.jsonValue().filter((v) => !schema.safeParse(v).success);

  const bodyRoutes: [string, string, () => string, z.ZodType][] = [
    ['POST', 'signup', () => '/api/v1/auth/signup', contract.SignupRequest],
    ['POST', 'login', () => '/api/v1/auth/login', contract.LoginRequest],
    ['POST', 'change password', () => '/api/v1/auth/password', contract.ChangePasswordRequest],
    ['POST', 'mfa verify', () => '/api/v1/auth/mfa/verify', contract.MfaVerifyRequest],
    ['POST', 'mfa disable', () => '/api/v1/auth/mfa/disable', contract.MfaDisableRequest],
    ['POST', 'mfa recovery codes', () => '/api/v1/auth/mfa/recovery-codes', contract.MfaRecoveryCodesRequest],
    ['DELETE', 'delete account', () => '/api/v1/auth/account', contract.DeleteAccountRequest],
    ['POST', 'create token', () => '/api/v1/tokens', contract.CreatePersonalAccessTokenRequest],
    [
      'PATCH',
      'patch transaction',
      () => `/api/v1/transactions/${f.seeded.transactionIds[0]}`,
      contract.TransactionPatch,
    ],
    ['POST', 'bulk update', () => '/api/v1/transactions/bulk', contract.BulkTransactionUpdate],
    ['PATCH', 'settings', () => '/api/v1/settings', contract.SettingsPatch],
    ['POST', 'link token', () => '/api/v1/items/link-token', contract.LinkTokenRequest],
    ['POST', 'exchange public token', () => '/api/v1/items/exchange', contract.ExchangeRequest],
    [
      'POST',
      'complete hosted link',
      () => '/api/v1/items/hosted-link/complete',
      contract.HostedLinkCompleteRequest,
    ],
    ['POST', 'create category', () => '/api/v1/categories', contract.CategoryCreate],
    ['PATCH', 'patch category', () => `/api/v1/categories/${f.seeded.categoryId}`, contract.CategoryPatch],
    ['DELETE', 'delete category', () => `/api/v1/categories/${f.seeded.categoryId}`, contract.CategoryDelete],
    ['POST', 'create rule', () => '/api/v1/rules', contract.RuleCreate],
    ['POST', 'preview rule', () => '/api/v1/rules/preview', contract.RulePreviewRequest],
    ['POST', 'generate report', () => '/api/v1/reports', contract.ReportRequest],
    ['POST', 'create manual account', () => '/api/v1/accounts', contract.ManualAccountCreate],
    ['PATCH', 'patch import', () => `/api/v1/imports/${importId}`, contract.ImportPatch],
    ['POST', 'commit import', () => `/api/v1/imports/${importId}/commit`, contract.ImportCommit],
    ['POST', 'create budget', () => '/api/v1/budgets', contract.BudgetCreate],
    ['PATCH', 'patch budget', () => `/api/v1/budgets/${budgetId}`, contract.BudgetPatch],
    ['POST', 'copy last month', () => '/api/v1/budgets/copy-last-month', contract.BudgetCopyRequest],
    [
      'PATCH',
      'decide recurring',
      () => '/api/v1/recurring/00000000-0000-4000-8000-000000000000',
      contract.RecurringPatch,
    ],
  ];

  it('generated files and form fields for POST /imports → 400 in the one error shape, nothing stored', async () => {
    const before = await snapshot();
    const file = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 2000 }),
      fc.string({ maxLength: 2000 }).map((t) => new TextEncoder().encode(t)),
      fc
        .array(
          fc.constantFrom(
            '<OFX>',
            '<STMTTRN>',
            '</OFX>',
            '<TRNAMT>x',
            '!Type:Bank',
            'D1/1/2026',
            '^',
            'Date,Amount',
            ';',
            '\n',
          ),
        )
        .map((parts) => new TextEncoder().encode(parts.join(''))),
    );
    const fields = fc.record(
      {
        accountId: fc.oneof(fc.constant(f.seeded.accountId), fc.string({ maxLength: 40 })),
        dateFormat: fc.string({ maxLength: 12 }),
        format: fc.string({ maxLength: 6 }),
      },
      { requiredKeys: ['accountId'] },
    );
    await fc.assert(
      fc.asyncProperty(file, fields, async (content, form) => {
        const res = await f.client.request({
          method: 'POST',
          url: '/api/v1/imports',
          ...multipart(form, { content }),
        });
        expect(res.statusCode, res.body).toBe(400);
        expect(contract.ErrorBody.safeParse(res.json()).success).toBe(true);
      }),
      { numRuns: RUNS * 3 },
    );
    expect(await snapshot()).toBe(before);
  });

  it.each(bodyRoutes)(
    '%s %s: invalid JSON bodies → 4xx, nothing stored',
    async (method, _name, url, schema) => {
      const before = await snapshot();
      await fc.assert(
        fc.asyncProperty(invalid(schema), async (body) => {
          const res = await f.client.request({
            method: method as 'POST',
            url: url(),
            payload: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          });
          expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, res.body).toBeLessThan(500);
          expect(contract.ErrorBody.safeParse(res.json()).success).toBe(true);
        }),
        { numRuns: RUNS },
      );
      expect(await snapshot()).toBe(before);
    },
  );

  it('malformed JSON, wrong content types and oversize bodies → 4xx', async () => {
    const cases = [
      { payload: '{"email": ', type: 'application/json' },
      { payload: 'email=a@b.c', type: 'application/x-www-form-urlencoded' },
      {
        payload: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(40_000) }),
        type: 'application/json',
      },
    ];
    for (const c of cases) {
      const res = await f.client.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: c.payload,
        headers: { 'content-type': c.type },
      });
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code).toBeTypeOf('string');
    }
  });

  const queryRoutes: [string, string, z.ZodType, string[]][] = [
    [
      'transactions',
      '/api/v1/transactions',
      contract.TransactionListQuery,
      [
        'from',
        'to',
        'accountId',
        'categoryId',
        'q',
        'amountMinMinor',
        'amountMaxMinor',
        'pending',
        'limit',
        'cursor',
      ],
    ],
    ['dashboard', '/api/v1/dashboard/summary', contract.DashboardQuery, ['from', 'to', 'currency']],
    ['balances', '/api/v1/accounts/{account}/balances', contract.BalanceHistoryQuery, ['from', 'to']],
    ['export', '/api/v1/export', contract.ExportQuery, ['format']],
  ];

  it.each(queryRoutes)('%s: invalid query strings → 4xx', async (_name, path, schema, keys) => {
    const before = await snapshot();
    const query = fc
      .dictionary(fc.constantFrom(...keys), fc.string({ maxLength: 40 }), { minKeys: 1 })
      .filter((q) => !schema.safeParse(q).success);
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const url = `${path.replace('{account}', f.seeded.accountId)}?${new URLSearchParams(q)}`;
        const res = await f.client.request({ method: 'GET', url });
        expect(res.statusCode, `${url} ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    expect(await snapshot()).toBe(before);
  });

  it('forged keyset cursors that decode to junk → 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 60 }), async (junk) => {
        const cursor = Buffer.from(junk).toString('base64url');
        const res = await f.client.request({ method: 'GET', url: `/api/v1/transactions?cursor=${cursor}` });
        expect([200, 400]).toContain(res.statusCode);
        if (res.statusCode === 200) expect(/^\d{4}-\d{2}-\d{2}\|[0-9a-f-]{36}$/i.test(junk)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('non-uuid ids in paths → 400, never 500', async () => {
    const before = await snapshot();
    const notUuid = fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((s) => !contract.Id.safeParse(s).success && s.trim() !== '');
    await fc.assert(
      fc.asyncProperty(
        notUuid,
        fc.constantFrom(
          'GET /transactions/',
          'PATCH /transactions/',
          'GET /accounts/ /balances',
          'DELETE /tokens/',
          'GET /items/ /sync-runs',
          'GET /items/ /sync-progress',
          'POST /items/ /sync',
          'POST /items/ /link-token',
          'DELETE /items/',
          'PATCH /categories/',
          'GET /rules/',
          'POST /rules/ /apply',
          'GET /transactions/ /explanation',
          'GET /reports/',
          'GET /reports/ /pdf',
          'GET /imports/',
          'PATCH /imports/',
          'POST /imports/ /commit',
          'DELETE /imports/',
          'PATCH /budgets/',
          'DELETE /budgets/',
          'PATCH /recurring/',
        ),
        async (id, route) => {
          const [method, prefix, suffix = ''] = route.split(' ') as [string, string, string?];
          const res = await f.client.request({
            method: method as 'GET',
            url: `/api/v1${prefix}${encodeURIComponent(id)}${suffix}`,
            ...(method === 'PATCH' ? { payload: { notes: 'x' } } : {}),
          });
          expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, res.body).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
    expect(await snapshot()).toBe(before);
  });
});
