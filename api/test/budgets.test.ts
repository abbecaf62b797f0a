import type { Db } from '@finsync/shared';
import * as contract from '@finsync/shared/contract';
import { customPeriod, type ReportSummary, saveReport } from '@finsync/shared/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type Client, signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

/*
 * Budgets through the public API: spending comes from the same cash-flow definition as the dashboard (transfers,
 * exclusions and pending rows never count; refunds lower spending; the user's zone picks the month), group
 * budgets add their categories, rollover carries across months, pace is measured on the user's local day.
 */

// 18 Nov 2026, 20:00 UTC: still the 18th in Los Angeles, already the 19th in Tokyo.
const NOW = new Date('2026-11-18T20:00:00Z');

async function ledgerFor(db: Db, userId: string) {
  const item = await db
    .insertInto('plaid_items')
    .values({ user_id: userId, plaid_item_id: `item-${userId}`, access_token_encrypted: 'dev1:x:y:z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = await db
    .insertInto('accounts')
    .values({
      user_id: userId,
      item_id: item.id,
      plaid_account_id: `acc-${userId}`,
      name: 'Checking',
      type: 'depository',
      currency: 'USD',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const categories = await db
    .selectFrom('categories')
    .select(['id', 'key', 'name', 'kind', 'is_group', 'parent_id'])
    .where('user_id', '=', userId)
    .execute();
  let n = 0;
  const add = (
    date: string,
    amountMinor: number,
    categoryId: string | null,
    extra: {
      is_transfer?: boolean;
      excluded_from_reports?: boolean;
      pending?: boolean;
      datetime?: Date;
    } = {},
  ) =>
    db
      .insertInto('transactions')
      .values({
        user_id: userId,
        item_id: item.id,
        account_id: account.id,
        plaid_transaction_id: `tx-${userId}-${n++}`,
        amount_minor: amountMinor,
        currency: 'USD',
        date,
        raw_name: `ROW ${n}`,
        category_id: categoryId,
        ...extra,
      })
      .execute();
  return { categories, add };
}

describe('budgets API', () => {
  let h: TestApp;
  let client: Client;
  let dining: { id: string; parent_id: string | null };
  let sibling: { id: string };
  let groupId: string;
  let incomeCategory: { id: string };
  let transferCategory: { id: string };

  beforeAll(async () => {
    h = await startTestApp({ clock: () => NOW });
    client = await signedUpClient(h.app);
    await client.request({
      method: 'PATCH',
      url: '/api/v1/settings',
      payload: { timezone: 'America/Los_Angeles' },
    });
    const { categories, add } = await ledgerFor(h.t.db, client.userId!);
    const withParent = categories.filter((c) => c.kind === 'expense' && !c.is_group && c.parent_id);
    dining = withParent[0]!;
    groupId = dining.parent_id!;
    sibling = withParent.find((c) => c.parent_id === groupId && c.id !== dining.id)!;
    incomeCategory = categories.find((c) => c.kind === 'income' && !c.is_group)!;
    transferCategory = categories.find((c) => c.kind === 'transfer' && !c.is_group)!;
    expect(sibling).toBeDefined();
    // August-October: Dining 100, 200, 150.01; income 3000 each month.
    await add('2026-08-12', 100_00, dining.id);
    await add('2026-09-12', 200_00, dining.id);
    await add('2026-10-12', 150_01, dining.id);
    for (const m of ['08', '09', '10', '11']) await add(`2026-${m}-01`, -3000_00, incomeCategory.id);
    // November so far: 240 counted on Dining (250 spent, a 10 refund), 60 on its sibling.
    await add('2026-11-03', 250_00, dining.id);
    await add('2026-11-04', -10_00, dining.id);
    await add('2026-11-05', 60_00, sibling.id);
    // Never counted: a flagged transfer, a transfer-kind category, an excluded row, a pending row.
    await add('2026-11-06', 500_00, dining.id, { is_transfer: true });
    await add('2026-11-06', 400_00, transferCategory.id);
    await add('2026-11-07', 300_00, dining.id, { excluded_from_reports: true });
    await add('2026-11-08', 200_00, dining.id, { pending: true });
    // Posted 23:30 on Oct 31 in Los Angeles (Nov 1 in UTC): October's in the user's zone.
    await add('2026-11-01', 40_00, dining.id, { datetime: new Date('2026-11-01T06:30:00Z') });
  });
  afterAll(() => h.close());

  const call = async (method: string, url: string, payload?: object) =>
    client.request({ method: method as 'GET', url, ...(payload ? { payload } : {}) });

  it('a category budget shows counted spending, pace on the local day, and never counts transfers or exclusions', async () => {
    const created = await call('POST', '/api/v1/budgets', {
      month: '2026-11',
      categoryId: dining.id,
      limitMinor: 300_00,
      alertsEnabled: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const line = contract.Budget.parse(created.json());
    expect(line).toMatchObject({
      actualMinor: 240_00,
      limitMinor: 300_00,
      availableMinor: 300_00,
      remainingMinor: 60_00,
    });
    // 18 of 30 days elapsed in Los Angeles: 180 expected, 240 spent is over pace; 12 days left.
    expect(line.pace).toMatchObject({
      daysElapsed: 18,
      daysLeft: 12,
      expectedMinor: 180_00,
      percentUsed: 80,
      status: 'overPace',
      leftPerDayMinor: 5_00,
    });
    // The dashboard (the one definition) agrees with the budget's spending on Dining.
    const dash = await call('GET', '/api/v1/dashboard/summary?from=2026-11-01&to=2026-11-30');
    const diningOnDashboard = dash
      .json()
      .byCategory.find((c: { categoryId: string }) => c.categoryId === dining.id);
    expect(diningOnDashboard.spentMinor).toBe(240_00);
  });

  it('a group budget counts every category in the group; the income budget gives left to spend', async () => {
    const group = await call('POST', '/api/v1/budgets', {
      month: '2026-11',
      categoryId: groupId,
      limitMinor: 500_00,
    });
    expect(group.statusCode, group.body).toBe(201);
    expect(group.json()).toMatchObject({ isGroup: true, actualMinor: 300_00 });
    const income = await call('POST', '/api/v1/budgets', {
      month: '2026-11',
      kind: 'income',
      limitMinor: 3500_00,
    });
    expect(income.statusCode, income.body).toBe(201);
    const month = contract.BudgetMonthView.parse((await call('GET', '/api/v1/budgets?month=2026-11')).json());
    expect(month.budgets.map((b) => b.kind)).toEqual(['income', 'spending', 'spending']);
    expect(month.budgets[0]).toMatchObject({ actualMinor: 3000_00, limitMinor: 3500_00 });
    expect(month).toMatchObject({
      today: '2026-11-18',
      spentMinor: 300_00,
      incomeMinor: 3000_00,
      plannedIncomeMinor: 3500_00,
      leftToSpendMinor: 3200_00,
      leftToBudgetMinor: 2700_00,
    });
    // Without a month: the current month in the user's zone.
    expect((await call('GET', '/api/v1/budgets')).json().month).toBe('2026-11');
  });

  it('suggests limits from the 3-month average and copies last month', async () => {
    const s = contract.BudgetSuggestionList.parse(
      (await call('GET', '/api/v1/budgets/suggestions?month=2026-11')).json(),
    );
    const forDining = s.suggestions.find((x) => x.categoryId === dining.id)!;
    // Aug 100, Sep 200, Oct 150.01 + the 40 posted late on Oct 31 (Los Angeles) → average 163.34 → 164.
    expect(forDining).toMatchObject({ monthlyMinor: [100_00, 200_00, 190_01], suggestedMinor: 164_00 });
    expect(forDining.budgetId).not.toBeNull();
    expect(s.suggestions[0]).toMatchObject({ kind: 'income', suggestedMinor: 3000_00 });
    const copied = await call('POST', '/api/v1/budgets/copy-last-month', { month: '2026-12' });
    expect(copied.json()).toEqual({ copied: 3 });
    expect((await call('POST', '/api/v1/budgets/copy-last-month', { month: '2026-12' })).json()).toEqual({
      copied: 0,
    });
    const december = contract.BudgetMonthView.parse(
      (await call('GET', '/api/v1/budgets?month=2026-12')).json(),
    );
    expect(december.budgets.map((b) => b.limitMinor).sort()).toEqual([300_00, 3500_00, 500_00].sort());
  });

  it('rollover carries what was left (surplus) or overspent (surplusAndDeficit) into the next month', async () => {
    const month = (await call('GET', '/api/v1/budgets?month=2026-12')).json();
    const diningDec = month.budgets.find((b: { categoryId: string }) => b.categoryId === dining.id);
    expect(diningDec.carryInMinor).toBe(0);
    const surplus = await call('PATCH', `/api/v1/budgets/${diningDec.id}`, {
      month: '2026-12',
      rollover: 'surplus',
    });
    expect(surplus.statusCode, surplus.body).toBe(200);
    // November: 300 limit, 240 spent → 60 left carried.
    expect(surplus.json()).toMatchObject({ carryInMinor: 60_00, availableMinor: 360_00 });
    // Lower November's limit to 200: 40 overspent; surplus carries nothing, surplusAndDeficit carries −40.
    await call('PATCH', `/api/v1/budgets/${diningDec.id}`, { month: '2026-11', limitMinor: 200_00 });
    const after = (await call('GET', '/api/v1/budgets?month=2026-12')).json();
    expect(after.budgets.find((b: { id: string }) => b.id === diningDec.id).carryInMinor).toBe(0);
    const both = await call('PATCH', `/api/v1/budgets/${diningDec.id}`, {
      month: '2026-12',
      rollover: 'surplusAndDeficit',
    });
    expect(both.json()).toMatchObject({ carryInMinor: -40_00, availableMinor: 260_00 });
  });

  it('refuses bad input with the field named, and conflicts and unknown ids, storing nothing', async () => {
    const before = await h.t.db.selectFrom('budget_months').selectAll().orderBy('month').execute();
    const cases: [object, number, string][] = [
      [{ month: '2026-13', categoryId: dining.id, limitMinor: 1 }, 400, 'body.month'],
      [{ month: '2026-11', categoryId: dining.id, limitMinor: -1 }, 400, 'body.limitMinor'],
      [{ month: '2026-11', categoryId: dining.id, limitMinor: 1.5 }, 400, 'body.limitMinor'],
      [{ month: '2026-11', limitMinor: 1 }, 400, 'body.categoryId'],
      [{ month: '2026-11', categoryId: incomeCategory.id, limitMinor: 1 }, 400, 'body.categoryId'],
      [{ month: '2026-11', categoryId: dining.id, limitMinor: 1, extra: 1 }, 400, ''],
      [{ month: '2026-11', categoryId: dining.id, limitMinor: 1 }, 409, ''],
      [{ month: '2026-11', categoryId: '00000000-0000-4000-8000-000000000000', limitMinor: 1 }, 404, ''],
    ];
    for (const [payload, status, path] of cases) {
      const res = await call('POST', '/api/v1/budgets', payload);
      expect(res.statusCode, `${JSON.stringify(payload)}: ${res.body}`).toBe(status);
      const body = contract.ErrorBody.parse(res.json());
      if (path) expect(JSON.stringify(body.error.details)).toContain(path);
    }
    expect((await call('GET', '/api/v1/budgets?month=11-2026')).statusCode).toBe(400);
    const missing = await call('PATCH', '/api/v1/budgets/00000000-0000-4000-8000-000000000000', {
      month: '2026-11',
      limitMinor: 5,
    });
    expect(missing.statusCode).toBe(404);
    expect(await h.t.db.selectFrom('budget_months').selectAll().orderBy('month').execute()).toEqual(before);
  });

  it('a report shows the budgets of the month its period ends in, as of its last day', async () => {
    const report = async (start: string, end: string) => {
      const saved = await saveReport(h.t.db, {
        userId: client.userId!,
        kind: 'custom',
        period: customPeriod(start, end, 'America/Los_Angeles'),
        currency: 'USD',
        summary: {} as ReportSummary,
        pdf: Buffer.from('%PDF-1.7'),
        generatedAt: NOW,
      });
      const res = await call('GET', `/api/v1/reports/${saved.id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().summary.budgets as z.infer<typeof contract.Budget>[] | undefined;
    };
    const month = (await call('GET', '/api/v1/budgets?month=2026-11')).json() as {
      budgets: z.infer<typeof contract.Budget>[];
    };
    const whole = await report('2026-11-01', '2026-11-30');
    // The same lines as the budgets page (spending, carry, limits), measured at the month's end.
    expect(whole?.map((b) => [b.id, b.actualMinor, b.availableMinor])).toEqual(
      month.budgets.map((b) => [b.id, b.actualMinor, b.availableMinor]),
    );
    expect(whole?.find((b) => b.kind === 'spending')?.pace).toMatchObject({ daysElapsed: 30, daysLeft: 0 });
    // As of Nov 4: Dining's 250 − 10 refund is in, its sibling's 60 on Nov 5 is not.
    const early = await report('2026-10-29', '2026-11-04');
    const group = early?.find((b) => b.isGroup);
    expect(group).toMatchObject({ actualMinor: 240_00 });
    expect(group?.pace.daysElapsed).toBe(4);
    // A period ending in a month without budgets has no budget section.
    expect(await report('2026-08-01', '2026-08-31')).toBeUndefined();
  });

  it('deleting a budget removes all its months', async () => {
    const month = (await call('GET', '/api/v1/budgets?month=2026-11')).json();
    const group = month.budgets.find((b: { isGroup: boolean }) => b.isGroup);
    expect((await call('DELETE', `/api/v1/budgets/${group.id}`)).json()).toEqual({ ok: true });
    expect((await call('DELETE', `/api/v1/budgets/${group.id}`)).statusCode).toBe(404);
    const rows = await h.t.db
      .selectFrom('budget_months')
      .select('budget_id')
      .where('budget_id', '=', group.id)
      .execute();
    expect(rows).toEqual([]);
  });
});
