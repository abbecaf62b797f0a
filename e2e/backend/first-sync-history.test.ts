import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../api/test/support/test-app.ts';
import { linkThroughLink, type SyncingBackend, startSyncingBackend } from '../support/syncing-backend.ts';

/*
 * Plaid sends a new connection's last 30 days first (INITIAL_UPDATE_COMPLETE) and its history later
 * (HISTORICAL_UPDATE_COMPLETE, with a SYNC_UPDATES_AVAILABLE webhook). The first-sync progress stream must not
 * say "done" after the 30 days: it says more is coming and ends only once the history is in, counting it all.
 */
const HISTORY_DELAY_MS = 2500;
let b: SyncingBackend;
let client: Client;

beforeAll(async () => {
  b = await startSyncingBackend({
    seed: 51,
    delays: { initialDelayMs: 0, historicalDelayMs: HISTORY_DELAY_MS },
    webhooks: 'relay',
  });
  client = b.client;
});
afterAll(async () => {
  await b?.close();
});

/** Reads the whole event stream (the route ends it with its outcome). */
async function streamEvents(itemId: string, since: string) {
  const res = await client.request({
    method: 'GET',
    url: `/api/v1/items/${itemId}/sync-progress?since=${encodeURIComponent(since)}`,
  });
  expect(res.statusCode).toBe(200);
  return res.body
    .split('\n\n')
    .map((block) => ({
      event: /^event: (.+)$/m.exec(block)?.[1],
      data: /^data: (.+)$/m.exec(block)?.[1],
    }))
    .filter((e): e is { event: string; data: string } => e.event !== undefined && e.data !== undefined)
    .map((e) => ({ event: e.event, data: JSON.parse(e.data) as Record<string, unknown> }));
}

describe('the first sync of a new connection', () => {
  it('reports the first 30 days as "more coming", and finishes only with the whole history in', async () => {
    const item = await linkThroughLink(client, b.emulator.url);

    const events = await streamEvents(item.id, item.createdAt);
    const history = events.filter((e) => e.event === 'history');
    const outcome = events.find((e) => e.event === 'outcome');
    expect(history.length, JSON.stringify(events.map((e) => e.event))).toBeGreaterThanOrEqual(1);
    expect(outcome?.data).toMatchObject({ itemStatus: 'active', run: { status: 'succeeded' } });

    // Everything the stream reported as imported is what is stored, and that is the bank's whole history.
    const runs = [...history.map((e) => e.data.run), outcome?.data.run] as { added: number }[];
    const imported = runs.reduce((sum, r) => sum + r.added, 0);
    const stored = await b.h.t.db
      .selectFrom('transactions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('item_id', '=', item.id)
      .executeTakeFirstOrThrow();
    const plaidItemId = (
      await b.h.t.db
        .selectFrom('plaid_items')
        .select('plaid_item_id')
        .where('id', '=', item.id)
        .executeTakeFirstOrThrow()
    ).plaid_item_id;
    const truth = (await (
      await fetch(`${b.emulator.url}/emulator/items/${plaidItemId}/ground-truth`)
    ).json()) as {
      transactions: unknown[];
    };
    expect(Number(stored.n)).toBe(truth.transactions.length);
    expect(imported).toBe(truth.transactions.length);
    const items = await client.request({ method: 'GET', url: '/api/v1/items' });
    expect(items.json().items).toMatchObject([{ id: item.id, historyComplete: true }]);
  }, 60_000);
});

describe('the first sync of a connection without webhooks', () => {
  it('is looked at again until the history is in, and the stream then ends', async () => {
    const noHooks = await startSyncingBackend({ seed: b.emulator, historyRecheckMs: 300 });
    try {
      const item = await linkThroughLink(noHooks.client, b.emulator.url);
      const res = await noHooks.client.request({
        method: 'GET',
        url: `/api/v1/items/${item.id}/sync-progress?since=${encodeURIComponent(item.createdAt)}`,
      });
      expect(res.body).toMatch(/event: history/);
      expect(res.body).toMatch(/event: outcome/);
      const stored = await noHooks.h.t.db
        .selectFrom('plaid_items')
        .select('history_complete')
        .where('id', '=', item.id)
        .executeTakeFirstOrThrow();
      expect(stored.history_complete).toBe(true);
    } finally {
      await noHooks.close();
    }
  }, 60_000);
});
