import { withUser } from '@finsync/shared';
import { customPeriod, type ReportSummary, saveReport } from '@finsync/shared/reports';
import { rememberLinkToken } from '@finsync/shared/sync';
import type { Ledger } from '@finsync/test-support';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './support/multipart.ts';
import { fileUnderRule } from './support/rule-payloads.ts';
import { aliceAndBob } from './support/test-app.ts';

describe('tenant isolation: user B never reaches user A', () => {
  const u = aliceAndBob();
  let a: Ledger;
  let aliceToken: { id: string };
  let aliceRule: { id: string };
  let aliceReport: { id: string };
  let aliceImport: { id: string };
  let aliceBudget: { id: string };
  /** A November budget on one of Alice's spending categories, asked for by `client`. */
  const budgetOnAlicesCategory = async (client: typeof u.alice, limitMinor: number) =>
    client.request({
      method: 'POST',
      url: '/api/v1/budgets',
      payload: { month: '2026-11', categoryId: await u.h.ctx.spendingCategory(u.alice.userId!), limitMinor },
    });

  beforeAll(async () => {
    a = await u.h.ctx.newLedger(u.alice.userId!, 3);
    await u.h.ctx.newLedger(u.bob.userId!, 2);
    const res = await u.alice.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'alice script' },
    });
    aliceToken = res.json();
    const rule = await u.alice.request({
      method: 'POST',
      url: '/api/v1/rules',
      payload: fileUnderRule('alice rule', 'COFFEE', a.categoryId, { enabled: false }),
    });
    aliceRule = rule.json();
    aliceReport = await saveReport(u.h.t.db, {
      userId: u.alice.userId!,
      kind: 'custom',
      period: customPeriod('2026-11-01', '2026-11-07', 'UTC'),
      currency: 'USD',
      summary: {} as ReportSummary,
      pdf: Buffer.from('%PDF-1.7'),
      generatedAt: new Date(),
    });
  });
  beforeAll(async () => {
    const form = multipart(
      { accountId: a.accountId },
      { content: 'Date,Payee,Amount\n2026-11-20,Shop,-3.00\n' },
    );
    const res = await u.alice.request({ method: 'POST', url: '/api/v1/imports', ...form });
    if (res.statusCode !== 201) throw new Error(res.body);
    aliceImport = res.json();
    const budget = await budgetOnAlicesCategory(u.alice, 50_00);
    if (budget.statusCode !== 201) throw new Error(budget.body);
    aliceBudget = budget.json();
  });
  const aliceLinkToken = 'link-sandbox-alice-hosted-session';
  beforeAll(() =>
    rememberLinkToken(u.h.t.db, {
      userId: u.alice.userId!,
      linkToken: aliceLinkToken,
      hosted: true,
      expiresAt: new Date(Date.now() + 3600_000),
    }),
  );

  const idRoutes = () => [
    { method: 'GET', url: `/api/v1/items/${a.itemId}/sync-runs` },
    { method: 'POST', url: `/api/v1/items/${a.itemId}/link-token` },
    { method: 'POST', url: `/api/v1/items/${a.itemId}/repaired` },
    { method: 'POST', url: `/api/v1/items/${a.itemId}/sync` },
    { method: 'GET', url: `/api/v1/items/${a.itemId}/sync-progress` },
    { method: 'DELETE', url: `/api/v1/items/${a.itemId}` },
    { method: 'PATCH', url: `/api/v1/categories/${a.categoryId}`, payload: { name: 'mine now' } },
    { method: 'DELETE', url: `/api/v1/categories/${a.categoryId}`, payload: { reassignTo: null } },
    { method: 'GET', url: `/api/v1/transactions/${a.transactionIds[0]}/explanation` },
    { method: 'GET', url: `/api/v1/rules/${aliceRule.id}` },
    { method: 'PATCH', url: `/api/v1/rules/${aliceRule.id}`, payload: { name: 'mine now' } },
    { method: 'POST', url: `/api/v1/rules/${aliceRule.id}/apply` },
    { method: 'POST', url: `/api/v1/rules/suggestions/${aliceRule.id}/accept` },
    { method: 'POST', url: `/api/v1/rules/suggestions/${aliceRule.id}/dismiss` },
    { method: 'DELETE', url: `/api/v1/rules/${aliceRule.id}` },
    { method: 'GET', url: `/api/v1/reports/${aliceReport.id}` },
    { method: 'GET', url: `/api/v1/reports/${aliceReport.id}/pdf` },
    { method: 'GET', url: `/api/v1/accounts/${a.accountId}/balances` },
    { method: 'GET', url: `/api/v1/transactions/${a.transactionIds[0]}` },
    { method: 'PATCH', url: `/api/v1/transactions/${a.transactionIds[0]}`, payload: { notes: 'mine now' } },
    {
      method: 'POST',
      url: '/api/v1/transactions/bulk',
      payload: { ids: [a.transactionIds[1]], patch: { notes: 'x' } },
    },
    { method: 'DELETE', url: `/api/v1/tokens/${aliceToken.id}` },
    { method: 'GET', url: `/api/v1/imports/${aliceImport.id}` },
    { method: 'PATCH', url: `/api/v1/imports/${aliceImport.id}`, payload: { dateOrder: 'dmy' } },
    { method: 'POST', url: `/api/v1/imports/${aliceImport.id}/commit`, payload: {} },
    { method: 'DELETE', url: `/api/v1/imports/${aliceImport.id}` },
    {
      method: 'PATCH',
      url: `/api/v1/budgets/${aliceBudget.id}`,
      payload: { month: '2026-11', limitMinor: 1 },
    },
    { method: 'DELETE', url: `/api/v1/budgets/${aliceBudget.id}` },
    { method: 'POST', url: '/api/v1/items/hosted-link/complete', payload: { linkToken: aliceLinkToken } },
  ];

  it('every id-taking route answers 404 with the same body as a missing id', async () => {
    for (const route of idRoutes()) {
      const res = await u.bob.request({ ...(route as { method: 'GET'; url: string }) });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      const missing = route.url.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, '00000000-0000-4000-8000-000000000000');
      const control = await u.bob.request({ ...(route as { method: 'GET' }), url: missing });
      if (missing !== route.url) expect(control.statusCode).toBe(404);
    }
  });

  it("B cannot import a file into A's account, and A's import stays a preview", async () => {
    const form = multipart(
      { accountId: a.accountId },
      { content: 'Date,Payee,Amount\n2026-11-21,Mine,-9.00\n' },
    );
    const res = await u.bob.request({ method: 'POST', url: '/api/v1/imports', ...form });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const imports = await u.h.t.db.selectFrom('statement_imports').select(['user_id', 'status']).execute();
    expect(imports).toEqual([{ user_id: u.alice.userId, status: 'preview' }]);
    const list = await u.bob.request({ method: 'GET', url: '/api/v1/imports' });
    expect(list.json()).toEqual({ imports: [] });
  });

  it("B cannot file their transaction under A's category", async () => {
    const mine = await u.bob.request({ method: 'GET', url: '/api/v1/transactions' });
    const target = mine.json().transactions[0].id;
    const res = await u.bob.request({
      method: 'PATCH',
      url: `/api/v1/transactions/${target}`,
      payload: { categoryId: a.categoryId },
    });
    expect(res.statusCode).toBe(404);
  });

  it("B cannot budget A's category, never sees A's budgets, and A's budget is unchanged", async () => {
    const res = await budgetOnAlicesCategory(u.bob, 1);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const month = await u.bob.request({ method: 'GET', url: '/api/v1/budgets?month=2026-11' });
    expect(month.json().budgets).toEqual([]);
    expect(
      (
        await u.bob.request({
          method: 'POST',
          url: '/api/v1/budgets/copy-last-month',
          payload: { month: '2026-12' },
        })
      ).json(),
    ).toEqual({ copied: 0 });
    const suggestions = await u.bob.request({
      method: 'GET',
      url: '/api/v1/budgets/suggestions?month=2026-12',
    });
    const aliceCategories = await u.h.t.db
      .selectFrom('categories')
      .select('id')
      .where('user_id', '=', u.alice.userId!)
      .execute();
    const bobSees = suggestions.json().suggestions.map((s: { categoryId: string | null }) => s.categoryId);
    expect(bobSees.length).toBeGreaterThan(0);
    expect(bobSees.filter((id: string | null) => aliceCategories.some((c) => c.id === id))).toEqual([]);
    const rows = await u.h.t.db
      .selectFrom('budget_months')
      .select(['user_id', 'month', 'limit_minor'])
      .execute();
    expect(rows).toEqual([{ user_id: u.alice.userId, month: '2026-11-01', limit_minor: 50_00 }]);
  });

  it("A's data is unchanged after B's attempts", async () => {
    const row = await u.h.t.db
      .selectFrom('transactions')
      .select(['notes', 'locked_fields'])
      .where('id', 'in', a.transactionIds.slice(0, 2))
      .execute();
    expect(row.every((r) => r.notes === null && r.locked_fields.length === 0)).toBe(true);
    const token = await u.h.t.db
      .selectFrom('personal_access_tokens')
      .select('revoked_at')
      .where('id', '=', aliceToken.id)
      .executeTakeFirstOrThrow();
    expect(token.revoked_at).toBeNull();
    const item = await u.h.t.db
      .selectFrom('plaid_items')
      .select('status')
      .where('id', '=', a.itemId)
      .executeTakeFirstOrThrow();
    expect(item.status).toBe('active');
    expect(u.h.removedItems).toEqual([]);
    const rule = await u.h.t.db
      .selectFrom('rules')
      .select(['name', 'enabled'])
      .where('id', '=', aliceRule.id)
      .executeTakeFirstOrThrow();
    expect(rule).toEqual({ name: 'alice rule', enabled: false });
    const category = await u.h.t.db
      .selectFrom('categories')
      .select('name')
      .where('id', '=', a.categoryId)
      .executeTakeFirst();
    expect(category?.name).not.toBe('mine now');
  });

  it("B cannot move their category's transactions into A's category, nor aim a rule at it", async () => {
    const own = await u.bob.request({ method: 'POST', url: '/api/v1/categories', payload: { name: 'Bobs' } });
    const res = await u.bob.request({
      method: 'DELETE',
      url: `/api/v1/categories/${own.json().id}`,
      payload: { reassignTo: a.categoryId },
    });
    expect(res.statusCode).toBe(404);
    const rule = await u.bob.request({
      method: 'POST',
      url: '/api/v1/rules/preview',
      payload: { rule: fileUnderRule('steal', 'COFFEE', a.categoryId) },
    });
    expect(rule.json().changed).toBe(0);
    const created = await u.bob.request({
      method: 'POST',
      url: '/api/v1/rules',
      payload: fileUnderRule('steal', 'COFFEE', a.categoryId),
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.code).toBe('CATEGORY_NOT_FOUND');
  });

  it("lists show only the caller's rows", async () => {
    const list = await u.bob.request({ method: 'GET', url: '/api/v1/transactions?limit=100' });
    expect(list.json().transactions).toHaveLength(2);
    const accounts = await u.bob.request({ method: 'GET', url: '/api/v1/accounts' });
    expect(accounts.json().accounts.map((x: { id: string }) => x.id)).not.toContain(a.accountId);
  });

  it('row-level security refuses a deliberately unscoped query', async () => {
    const tables = [
      'transactions',
      'accounts',
      'plaid_items',
      'categories',
      'sessions',
      'users',
      'audit_log',
      'link_sessions',
    ] as const;
    for (const table of tables) {
      const { rows } = await withUser(u.h.t.db, u.bob.userId!, (trx) =>
        sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${sql.ref(table === 'users' ? 'id' : 'user_id')} = ${u.alice.userId}`.execute(
          trx,
        ),
      );
      expect(rows[0]?.n, table).toBe(0);
    }
    // Bob's own rows stay visible, and the owner connection (worker) still sees everything.
    const own = await withUser(u.h.t.db, u.bob.userId!, (trx) =>
      trx.selectFrom('transactions').select('id').execute(),
    );
    expect(own).toHaveLength(2);
    const all = await u.h.t.db.selectFrom('transactions').select('id').execute();
    expect(all).toHaveLength(5);
  });

  it("row-level security refuses writing a row into another user's name", async () => {
    await expect(
      withUser(u.h.t.db, u.bob.userId!, (trx) =>
        trx
          .insertInto('categories')
          .values({ user_id: u.alice.userId!, key: 'evil', name: 'Evil', kind: 'expense' })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await withUser(u.h.t.db, u.bob.userId!, (trx) =>
      trx
        .updateTable('transactions')
        .set({ notes: 'pwned' })
        .where('user_id', '=', u.alice.userId!)
        .executeTakeFirst(),
    );
    expect(updated.numUpdatedRows).toBe(0n);
  });

  it('a personal access token acts only as its owner', async () => {
    const created = await u.bob.request({ method: 'POST', url: '/api/v1/tokens', payload: { name: 'bob' } });
    const token = created.json().token;
    const res = await u.h.app.inject({
      method: 'GET',
      url: `/api/v1/transactions/${a.transactionIds[0]}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(404);
    const own = await u.h.app.inject({
      method: 'GET',
      url: '/api/v1/transactions',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(own.json().transactions).toHaveLength(2);
  });
});
