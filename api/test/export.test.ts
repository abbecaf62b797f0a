import { beforeAll, describe, expect, it } from 'vitest';
import { signedInLedger } from './support/test-app.ts';

/** Every cell of finsync's CSV is quoted; this reads it back (quotes doubled inside cells). */
function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replaceAll('""', '"')));
}

describe('GET /export: names, the interface sign, and totals equal to the dashboard', () => {
  const f = signedInLedger(5);

  beforeAll(async () => {
    const userId = f.client.userId!;
    const categoryId = (key: string) => f.h.ctx.categoryId(userId, key);
    const base = {
      user_id: userId,
      item_id: f.seeded.itemId,
      account_id: f.seeded.accountId,
      currency: 'USD',
    };
    await f.h.t.db
      .insertInto('transactions')
      .values([
        // A cash withdrawal (a transfer-kind category), a refund, and a pending purchase.
        {
          ...base,
          plaid_transaction_id: 'x-atm',
          amount_minor: 200_00,
          date: '2026-11-16',
          raw_name: 'ATM WITHDRAWAL',
          category_id: await categoryId('TRANSFER_OUT_WITHDRAWAL'),
        },
        {
          ...base,
          plaid_transaction_id: 'x-refund',
          amount_minor: -5_00,
          date: '2026-11-17',
          raw_name: 'COFFEE SHOP REFUND',
          category_id: await categoryId('FOOD_AND_DRINK_COFFEE'),
        },
        {
          ...base,
          plaid_transaction_id: 'x-pending',
          amount_minor: 99_00,
          date: '2026-11-18',
          raw_name: 'PENDING THING',
          pending: true,
        },
      ])
      .execute();
  });

  it('CSV: account and category names, money in positive, the convention in the header, and sums that match', async () => {
    const res = await f.client.request({ method: 'GET', url: '/api/v1/export?format=csv' });
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = parseCsv(res.body);
    expect(header).toEqual([
      'id',
      'date',
      'counted_on',
      'account',
      'account_mask',
      'amount (money in +, money out -)',
      'currency',
      'payee',
      'merchant_name',
      'raw_name',
      'category',
      'category_group',
      'counted_as',
      'spent',
      'income',
      'pending',
      'notes',
      'tags',
    ]);
    expect(header!.some((h) => h.endsWith('_id') && h !== 'id')).toBe(false);
    const col = (name: string) => header!.indexOf(name);
    const byRaw = new Map(rows.map((r) => [r[col('raw_name')], r]));
    const payroll = byRaw.get('PAYROLL ACME')!;
    expect(payroll[col('amount (money in +, money out -)')]).toBe('250.00');
    expect(payroll[col('account')]).toBe('Checking');
    expect(payroll[col('counted_as')]).toBe('income');
    const atm = byRaw.get('ATM WITHDRAWAL')!;
    expect(atm[col('amount (money in +, money out -)')]).toBe('-200.00');
    expect(atm[col('category')]).toBe('Cash withdrawal');
    expect(atm[col('category_group')]).toBe('Transfers out');
    expect(atm[col('counted_as')]).toBe('transfers');
    expect(atm[col('spent')]).toBe('0.00');
    expect(byRaw.get('COFFEE SHOP REFUND')![col('spent')]).toBe('-5.00');
    expect(byRaw.get('PENDING THING')![col('counted_as')]).toBe('pending');

    const cents = (text: string) => Math.round(Number(text) * 100);
    const sum = (name: string) => rows.reduce((a, r) => a + cents(r[col(name)]!), 0);
    const dashboard = await f.client.request({
      method: 'GET',
      url: '/api/v1/dashboard/summary?from=2026-11-01&to=2026-11-30',
    });
    const d = dashboard.json() as { spentMinor: number; incomeMinor: number };
    expect({ spentMinor: sum('spent'), incomeMinor: sum('income') }).toEqual({
      spentMinor: d.spentMinor,
      incomeMinor: d.incomeMinor,
    });
    // Seeded: payroll 250.00 in, 20.00 out in an income category (income goes down), 30 + 40 + 50 uncategorized
    // spending; here a 5.00 refund lowers spending; the withdrawal and the pending row do not count.
    expect(d).toMatchObject({ spentMinor: 120_00 - 5_00, incomeMinor: 250_00 - 20_00 });
  });

  it('JSON: the same rows with names, and the sign convention stated', async () => {
    const res = await f.client.request({ method: 'GET', url: '/api/v1/export?format=json' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      signConvention: string;
      transactions: { account: string; amountMinor: number; rawName: string; countedAs: string }[];
    };
    expect(body.signConvention).toMatch(/money in is positive/);
    const payroll = body.transactions.find((t) => t.rawName === 'PAYROLL ACME')!;
    expect(payroll).toMatchObject({ account: 'Checking', amountMinor: 250_00, countedAs: 'income' });
    expect(body.transactions).toHaveLength(8);
  });
});
