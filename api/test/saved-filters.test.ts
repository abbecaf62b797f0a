import * as contract from '@finsync/shared/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { aliceAndBob, type Client } from './support/test-app.ts';

/*
 * Saved transaction filters (issue 17): a name and a filter (search, account, category, date range, review
 * state …) kept per user; listed by name, renamed, replaced and deleted. Another user's filter is a 404 to
 * read, change or delete, and a filter naming another user's account or category is refused; bad bodies are a
 * 400 naming the field and store nothing.
 */

type SavedFilter = z.infer<typeof contract.SavedFilter>;

describe('saved filters', () => {
  const u = aliceAndBob();
  let accountId = '';
  let categoryId = '';
  let bobAccountId = '';
  let groceries: SavedFilter;

  beforeAll(async () => {
    accountId = (await u.h.ctx.newLinkedItem(u.alice.userId!)).accountId;
    categoryId = await u.h.ctx.spendingCategory(u.alice.userId!);
    bobAccountId = (await u.h.ctx.newLinkedItem(u.bob.userId!)).accountId;
  });

  const call = (client: Client, method: string, url: string, payload?: unknown) =>
    client.call(method, url, payload);
  const list = async (client: Client) =>
    contract.SavedFilterList.parse((await call(client, 'GET', '/api/v1/saved-filters')).body).filters;
  const stored = () => u.h.t.db.selectFrom('saved_filters').select(['user_id', 'name']).execute();

  it('saves the current filter under a name and lists filters by name', async () => {
    const filter = {
      q: 'market',
      accountId,
      categoryId,
      from: '2026-10-01',
      to: '2026-10-31',
      needsReview: true,
    };
    const created = await call(u.alice, 'POST', '/api/v1/saved-filters', { name: 'Groceries', filter });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    groceries = contract.SavedFilter.parse(created.body);
    expect(groceries).toMatchObject({ name: 'Groceries', filter });
    const uncategorized = await call(u.alice, 'POST', '/api/v1/saved-filters', {
      name: 'Anything uncategorized',
      filter: { categoryId: 'none', amountMinMinor: 100_00 },
    });
    expect(uncategorized.status).toBe(201);
    expect((await list(u.alice)).map((f) => f.name)).toEqual(['Anything uncategorized', 'Groceries']);
  });

  it('renames and replaces a filter, refuses a second filter of the same name, and deletes', async () => {
    const renamed = await call(u.alice, 'PATCH', `/api/v1/saved-filters/${groceries.id}`, {
      name: 'Food',
      filter: { q: 'deli' },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(contract.SavedFilter.parse(renamed.body)).toMatchObject({ name: 'Food', filter: { q: 'deli' } });
    const twin = await call(u.alice, 'POST', '/api/v1/saved-filters', { name: 'food', filter: {} });
    expect(twin.status).toBe(409);
    expect(twin.body.error.details).toEqual([expect.objectContaining({ path: 'body.name' })]);
    const [other] = (await list(u.alice)).filter((f) => f.name !== 'Food');
    expect((await call(u.alice, 'DELETE', `/api/v1/saved-filters/${other!.id}`)).body).toEqual({ ok: true });
    expect((await call(u.alice, 'DELETE', `/api/v1/saved-filters/${other!.id}`)).status).toBe(404);
    expect((await list(u.alice)).map((f) => f.name)).toEqual(['Food']);
  });

  it('two saves of one name at once: one is saved, the other is the same 409, never a 500', async () => {
    const [a, b] = await Promise.all(
      [1, 2].map(() => call(u.bob, 'POST', '/api/v1/saved-filters', { name: 'Race', filter: {} })),
    );
    expect([a!.status, b!.status].sort()).toEqual([201, 409]);
    expect((await list(u.bob)).filter((f) => f.name === 'Race')).toHaveLength(1);
  });

  it("bob never sees, renames or deletes alice's filter, nor saves one on her account", async () => {
    expect((await list(u.bob)).map((f) => f.name)).toEqual(['Race']);
    for (const [method, payload] of [
      ['PATCH', { name: 'mine now' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await call(u.bob, method, `/api/v1/saved-filters/${groceries.id}`, payload);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    for (const filter of [{ accountId }, { categoryId }]) {
      const res = await call(u.bob, 'POST', '/api/v1/saved-filters', { name: 'spy', filter });
      expect(res.status, JSON.stringify(res.body)).toBe(404);
    }
    const own = await call(u.bob, 'POST', '/api/v1/saved-filters', {
      name: 'Mine',
      filter: { accountId: bobAccountId },
    });
    expect(own.status).toBe(201);
    expect((await list(u.alice)).map((f) => f.name)).toEqual(['Food']);
    expect((await stored()).filter((r) => r.user_id === u.alice.userId).map((r) => r.name)).toEqual(['Food']);
  });

  it.each([
    ['no name', { filter: {} }, 'body.name'],
    ['a blank name', { name: '   ', filter: {} }, 'body.name'],
    ['a name too long', { name: 'x'.repeat(61), filter: {} }, 'body.name'],
    ['an unknown filter field', { name: 'x', filter: { colour: 'red' } }, 'body.filter.colour'],
    ['a date that does not exist', { name: 'x', filter: { from: '2026-02-30' } }, 'body.filter.from'],
    ['from after to', { name: 'x', filter: { from: '2026-03-02', to: '2026-03-01' } }, 'body.filter.from'],
    ['a fractional amount', { name: 'x', filter: { amountMinMinor: 1.5 } }, 'body.filter.amountMinMinor'],
    [
      'an account that is not an id',
      { name: 'x', filter: { accountId: 'checking' } },
      'body.filter.accountId',
    ],
  ])('%s is a 400 naming the field and stores nothing', async (_what, payload, path) => {
    const before = await stored();
    const res = await call(u.alice, 'POST', '/api/v1/saved-filters', payload);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await stored()).toEqual(before);
  });
});
