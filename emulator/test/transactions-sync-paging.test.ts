import type { PlaidApi, RemovedTransaction, Transaction } from 'plaid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { admin, plaidClient, plaidErrorOf } from './conformant-plaid.ts';

let emulator: RunningEmulator;
let plaid: PlaidApi;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 11, initialDelayMs: 0, historicalDelayMs: 0 });
  plaid = plaidClient(emulator.url);
});

afterAll(async () => {
  await emulator?.close();
});

interface Created {
  public_token: string;
  item_id: string;
}

async function sandboxItem(body: Record<string, unknown>) {
  const created = await admin<Created>(emulator.url, 'POST', '/emulator/sandbox-items', body);
  const { data } = await plaid.itemPublicTokenExchange({ public_token: created.public_token });
  return data;
}

async function groundTruth(itemId: string) {
  return admin<{ transactions: Transaction[] }>(
    emulator.url,
    'GET',
    `/emulator/items/${itemId}/ground-truth`,
  );
}

/** A consumer that applies a finished chain of pages, as a sync engine should. */
class Consumer {
  readonly held = new Map<string, Transaction>();
  cursor: string | undefined;
  pages = 0;

  async sync(accessToken: string, count = 500): Promise<void> {
    const added: Transaction[] = [];
    const modified: Transaction[] = [];
    const removed: RemovedTransaction[] = [];
    let cursor = this.cursor;
    for (;;) {
      const { data } = await plaid.transactionsSync({
        access_token: accessToken,
        count,
        ...(cursor ? { cursor } : {}),
      });
      this.pages++;
      added.push(...data.added);
      modified.push(...data.modified);
      removed.push(...data.removed);
      cursor = data.next_cursor;
      if (!data.has_more) break;
    }
    for (const t of [...added, ...modified]) this.held.set(t.transaction_id, t);
    for (const r of removed) this.held.delete(r.transaction_id);
    this.cursor = cursor;
  }

  ids(): string[] {
    return [...this.held.keys()].sort();
  }
}

const idsOf = (txns: readonly Transaction[]) => txns.map((t) => t.transaction_id).sort();

describe('/transactions/sync paging', () => {
  it('paging everything yields exactly the ground truth', async () => {
    const { access_token, item_id } = await sandboxItem({ transactions: 3000, history_days: 365 });
    const consumer = new Consumer();
    await consumer.sync(access_token, 250);
    const truth = await groundTruth(item_id);
    expect(truth.transactions.length).toBeGreaterThan(2800);
    expect(consumer.ids()).toEqual(idsOf(truth.transactions));
    expect(consumer.pages).toBe(Math.ceil(truth.transactions.length / 250));
    expect(consumer.held.get(truth.transactions[0]!.transaction_id)).toEqual(truth.transactions[0]);
  });

  it('items paged at the same time each get exactly their own ground truth (pages reuse buffers)', async () => {
    const items = await Promise.all(
      [0, 1, 2, 3].map(() => sandboxItem({ transactions: 1200, history_days: 200 })),
    );
    // Each consumer on its own connection: their pages are in flight together, so a buffer given back
    // too early would show up as another item's bytes, or as JSON that fails to parse.
    const consumers = items.map(() => new Consumer());
    for (let round = 0; round < 2; round++) {
      await Promise.all(items.map((item, i) => consumers[i]!.sync(item.access_token, 100)));
      for (const [i, item] of items.entries()) {
        const truth = await groundTruth(item.item_id);
        expect(consumers[i]!.ids()).toEqual(idsOf(truth.transactions));
        for (const t of truth.transactions) expect(consumers[i]!.held.get(t.transaction_id)).toEqual(t);
      }
      // The second round re-pages from a fresh cursor, after the buffers have gone round once.
      for (const c of consumers) c.cursor = undefined;
    }
  });

  it('after advancing the clock, syncing from the saved cursor converges to the ground truth', async () => {
    const { access_token, item_id } = await sandboxItem({ transactions: 1500, history_days: 200 });
    const consumer = new Consumer();
    await consumer.sync(access_token);
    const pendingBefore = [...consumer.held.values()].filter((t) => t.pending).map((t) => t.transaction_id);
    expect(pendingBefore.length).toBeGreaterThan(0);
    const advanced = await admin<{ added: number; modified: number; removed: number }>(
      emulator.url,
      'POST',
      `/emulator/items/${item_id}/advance`,
      { days: 10 },
    );
    expect(advanced.added).toBeGreaterThan(0);
    expect(advanced.removed).toBeGreaterThan(0);
    const { data } = await plaid.transactionsSync({ access_token, cursor: consumer.cursor!, count: 500 });
    const postedFromPending = data.added.filter((t) =>
      pendingBefore.includes(t.pending_transaction_id ?? ''),
    );
    expect(postedFromPending.length).toBeGreaterThan(0);
    const removedIds = new Set(data.removed.map((r) => r.transaction_id));
    for (const posted of postedFromPending) {
      expect(posted.pending).toBe(false);
      expect(removedIds.has(posted.pending_transaction_id!)).toBe(true);
    }
    await consumer.sync(access_token, 100);
    expect(consumer.ids()).toEqual(idsOf((await groundTruth(item_id)).transactions));
    for (const id of pendingBefore) expect(consumer.held.has(id)).toBe(false);
  });

  it('a change mid-pagination fails the next page and a restart from the first cursor converges', async () => {
    const { access_token, item_id } = await sandboxItem({ transactions: 2000, history_days: 300 });
    const consumer = new Consumer();
    await consumer.sync(access_token);
    await admin(emulator.url, 'POST', `/emulator/items/${item_id}/advance`, { days: 30 });
    await admin(emulator.url, 'POST', `/emulator/items/${item_id}/mutate-during-pagination`, {
      after_pages: 2,
    });
    const start = consumer.cursor!;
    const first = await plaid.transactionsSync({ access_token, cursor: start, count: 50 });
    const second = await plaid.transactionsSync({ access_token, cursor: first.data.next_cursor, count: 50 });
    expect(second.data.has_more).toBe(true);
    const failure = await plaidErrorOf(
      plaid.transactionsSync({ access_token, cursor: second.data.next_cursor, count: 50 }),
    );
    expect(failure.status).toBe(400);
    expect(failure.body).toMatchObject({
      error_type: 'TRANSACTIONS_ERROR',
      error_code: 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION',
    });
    await consumer.sync(access_token, 50);
    expect(consumer.ids()).toEqual(idsOf((await groundTruth(item_id)).transactions));
  });

  it('a transaction posted by hand arrives in the next sync as added, with its balance moved', async () => {
    const { access_token, item_id } = await sandboxItem({ transactions: 200, history_days: 40 });
    const consumer = new Consumer();
    await consumer.sync(access_token);
    const before = await admin<{ accounts: { name: string; balances: { current: number } }[] }>(
      emulator.url,
      'GET',
      `/emulator/items/${item_id}/ground-truth`,
    );
    const posted = await admin<{ transaction_id: string; date: string }>(
      emulator.url,
      'POST',
      `/emulator/items/${item_id}/transactions`,
      {
        amount: 23.45,
        name: 'TST* CORNER BISTRO',
        merchant_name: 'Corner Bistro',
        category: 'FOOD_AND_DRINK_RESTAURANT',
      },
    );
    const { data } = await plaid.transactionsSync({ access_token, cursor: consumer.cursor!, count: 500 });
    expect(data.added.map((t) => t.transaction_id)).toEqual([posted.transaction_id]);
    expect(data.added[0]).toMatchObject({
      amount: 23.45,
      date: posted.date,
      pending: false,
      name: 'TST* CORNER BISTRO',
      merchant_name: 'Corner Bistro',
      personal_finance_category: { detailed: 'FOOD_AND_DRINK_RESTAURANT' },
    });
    const after = await admin<{ accounts: { name: string; balances: { current: number } }[] }>(
      emulator.url,
      'GET',
      `/emulator/items/${item_id}/ground-truth`,
    );
    const checking = (g: typeof before) =>
      g.accounts.find((a) => a.name === 'Plaid Checking')!.balances.current;
    expect(Math.round((checking(before) - checking(after)) * 100)).toBe(23_45);
    for (const bad of [
      { name: 'X' },
      { amount: 1.005, name: 'X' },
      { amount: 1, name: 'X', category: 'NOT_A_CATEGORY' },
      { amount: 1, name: 'X', account: 'wallet' },
      { amount: 1, name: 'X', date: '2999-01-01' },
    ]) {
      const res = await fetch(`${emulator.url}/emulator/items/${item_id}/transactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bad),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_FIELD');
    }
  });

  it('nets a transaction added and then removed between two cursors to nothing', async () => {
    const { access_token, item_id } = await sandboxItem({ transactions: 400, history_days: 60 });
    const consumer = new Consumer();
    await consumer.sync(access_token);
    await admin(emulator.url, 'POST', `/emulator/items/${item_id}/advance`, { days: 20 });
    const { data } = await plaid.transactionsSync({ access_token, cursor: consumer.cursor!, count: 500 });
    const removed = new Set(data.removed.map((r) => r.transaction_id));
    for (const t of data.added) expect(removed.has(t.transaction_id)).toBe(false);
    for (const r of data.removed) expect(consumer.held.has(r.transaction_id)).toBe(true);
  });

  it('answers NOT_READY with an empty cursor until the initial pull is ready, then delivers it', async () => {
    const { access_token, item_id } = await sandboxItem({
      transactions: 300,
      history_days: 90,
      initial_delay_ms: 400,
    });
    const early = await plaid.transactionsSync({ access_token });
    expect(early.data).toMatchObject({
      added: [],
      next_cursor: '',
      has_more: false,
      transactions_update_status: 'NOT_READY',
    });
    await new Promise((resolve) => setTimeout(resolve, 450));
    const consumer = new Consumer();
    await consumer.sync(access_token);
    expect(consumer.ids()).toEqual(idsOf((await groundTruth(item_id)).transactions));
  });

  it('generates the same history for the same seed', async () => {
    await admin(emulator.url, 'POST', '/emulator/reset', {});
    const a = await sandboxItem({ transactions: 500, history_days: 90 });
    await admin(emulator.url, 'POST', '/emulator/reset', {});
    const b = await sandboxItem({ transactions: 500, history_days: 90 });
    await admin(emulator.url, 'POST', '/emulator/reset', { seed: 12 });
    const c = await sandboxItem({ transactions: 500, history_days: 90 });
    await admin(emulator.url, 'POST', '/emulator/reset', {});
    const truthA = await groundTruth(a.item_id).catch(() => null);
    expect(truthA).toBeNull();
    await admin(emulator.url, 'POST', '/emulator/reset', { seed: 11 });
    const again = await sandboxItem({ transactions: 500, history_days: 90 });
    const truth = await groundTruth(again.item_id);
    expect(a.item_id).toBe(b.item_id);
    expect(again.item_id).toBe(a.item_id);
    expect(a.item_id).not.toBe(c.item_id);
    expect(truth.transactions.length).toBeGreaterThan(400);
    const amounts = truth.transactions.map((t) => t.amount);
    await admin(emulator.url, 'POST', '/emulator/reset', { seed: 11 });
    const once = await sandboxItem({ transactions: 500, history_days: 90 });
    expect((await groundTruth(once.item_id)).transactions.map((t) => t.amount)).toEqual(amounts);
  });
});
