import { TransactionPage } from '@finsync/shared/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { signedInLedger } from './support/test-app.ts';

/*
 * The transaction list sorted by date, payee, amount, category or account, either way, paged by keyset: walking
 * every page with a small limit returns each row exactly once, in the order the whole list has (ties broken by
 * newest first, then id). A bad sort value or a cursor from another order is a 400 naming the field.
 */

type Row = z.infer<typeof TransactionPage>['transactions'][number];

describe('transaction list sort orders', () => {
  const f = signedInLedger(0);
  const categoryName = new Map<string, string>();
  const accountName = new Map<string, string>();

  beforeAll(async () => {
    const userId = f.client.userId!;
    const checking = await f.h.ctx.newLinkedItem(userId, { account: { name: 'Checking' } });
    const card = await f.h.ctx.newLinkedItem(userId, { account: { name: 'Amex card' } });
    accountName.set(checking.accountId, 'Checking').set(card.accountId, 'Amex card');
    const categories = await f.h.t.db
      .selectFrom('categories')
      .select(['id', 'name'])
      .where('user_id', '=', userId)
      .where('is_group', '=', false)
      .orderBy('sort_order')
      .limit(3)
      .execute();
    for (const c of categories) categoryName.set(c.id, c.name);
    const payees = ['Zeta Market', 'alpha bakery', 'Mid Town Gas', 'alpha bakery', null];
    const rows = Array.from({ length: 17 }, (_, i) => ({
      amount_minor: [12_00, -250_00, 3_50, 12_00, 99_99][i % 5]!,
      date: `2026-11-${String(1 + (i % 6)).padStart(2, '0')}`,
      raw_name: `RAW ${String.fromCharCode(65 + (i % 7))}`,
      payee: payees[i % 5] ?? null,
      category_id: i % 4 === 3 ? null : categories[i % 3]!.id,
    }));
    await f.h.ctx.newTransactions(userId, checking, rows.slice(0, 9));
    await f.h.ctx.newTransactions(userId, card, rows.slice(9));
  });

  async function walk(sort: string, limit = 4): Promise<Row[]> {
    const seen: Row[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const url = `/api/v1/transactions?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await f.client.request({ method: 'GET', url });
      expect(res.statusCode, res.body).toBe(200);
      const page = TransactionPage.parse(res.json());
      seen.push(...page.transactions);
      cursor = page.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('paging never ended');
  }

  const shownPayee = (t: Row) => (t.payee ?? t.merchantName ?? t.rawName).toLowerCase();
  const keys: Record<string, (t: Row) => string | number> = {
    payee: shownPayee,
    amount: (t) => t.amountMinor,
    category: (t) => (t.categoryId ? categoryName.get(t.categoryId)!.toLowerCase() : ''),
    account: (t) => accountName.get(t.accountId)!.toLowerCase(),
  };
  const newestFirst = (a: Row, b: Row) =>
    a.date === b.date ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.date < b.date ? 1 : -1;
  const compare = (a: string | number, b: string | number) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0;

  it.each(['payee', 'amount', 'category', 'account'])(
    'sorted by %s either way, every row once, ties newest first',
    async (field) => {
      const key = keys[field]!;
      const all = await walk('-date', 500);
      expect(all).toHaveLength(17);
      for (const descending of [false, true]) {
        const rows = await walk(`${descending ? '-' : ''}${field}`);
        expect(new Set(rows.map((r) => r.id)).size).toBe(17);
        // Text sorts case-insensitively by code point (the same on every database collation): equal keys
        // stay together, and within them the newest come first.
        const keysSeen = rows.map(key);
        const groups = keysSeen.filter((k, i) => i === 0 || k !== keysSeen[i - 1]);
        expect(new Set(groups).size, `${field} keys interleave: ${groups.join(', ')}`).toBe(groups.length);
        const expectedGroups = [...new Set(all.map(key))].sort(compare);
        expect(groups).toEqual(descending ? expectedGroups.reverse() : expectedGroups);
        for (let i = 1; i < rows.length; i++)
          if (key(rows[i]!) === key(rows[i - 1]!))
            expect(newestFirst(rows[i - 1]!, rows[i]!)).toBeLessThan(0);
      }
    },
  );

  it('sorted by date oldest first, and newest first by default', async () => {
    const oldest = await walk('date', 3);
    const newest = await walk('-date', 3);
    expect(oldest.map((r) => r.id)).toEqual([...newest].reverse().map((r) => r.id));
    expect(newest.map((r) => r.date)).toEqual([...newest.map((r) => r.date)].sort().reverse());
    const byDefault = await f.client.request({ method: 'GET', url: '/api/v1/transactions?limit=500' });
    expect(TransactionPage.parse(byDefault.json()).transactions.map((r) => r.id)).toEqual(
      newest.map((r) => r.id),
    );
  });

  it.each(['cost', 'amount,date', '--date', ''])('sort=%s is a 400 naming the field', async (value) => {
    const res = await f.client.request({ method: 'GET', url: `/api/v1/transactions?sort=${value}` });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain('querystring.sort');
  });

  it('a cursor from one order is refused in another (400 naming the cursor), not misread', async () => {
    const first = await f.client.request({ method: 'GET', url: '/api/v1/transactions?sort=payee&limit=2' });
    const cursor = TransactionPage.parse(first.json()).nextCursor!;
    for (const sort of ['amount', '-payee', '-date']) {
      const res = await f.client.request({
        method: 'GET',
        url: `/api/v1/transactions?sort=${sort}&limit=2&cursor=${cursor}`,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain('querystring.cursor');
    }
  });
});
