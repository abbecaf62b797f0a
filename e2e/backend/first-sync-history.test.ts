import { createServer, type Server } from 'node:http';
import { startEmulator } from '@finsync/emulator';
import { loadApiConfig } from '@finsync/shared';
import * as contract from '@finsync/shared/contract';
import { tokenCipherFromConfig } from '@finsync/shared/crypto';
import { createPlaidClient } from '@finsync/shared/plaid';
import { createInProcessJobQueue, type InProcessJobQueue } from '@finsync/shared/queue';
import { registerSyncProcessors } from '@finsync/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishLinkSession } from '../../api/test/support/emulator-link.ts';
import { type Client, signedUpClient, startTestApp, type TestApp } from '../../api/test/support/test-app.ts';

/*
 * Plaid sends a new connection's last 30 days first (INITIAL_UPDATE_COMPLETE) and its history later
 * (HISTORICAL_UPDATE_COMPLETE, with a SYNC_UPDATES_AVAILABLE webhook). The first-sync progress stream must not
 * say "done" after the 30 days: it says more is coming and ends only once the history is in, counting it all.
 */
const HISTORY_DELAY_MS = 2500;
let emulator: { url: string; close(): Promise<void> };
let queue: InProcessJobQueue;
let h: TestApp;
let client: Client;
let relay: Server;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: 51,
    initialDelayMs: 0,
    historicalDelayMs: HISTORY_DELAY_MS,
  });
  relay = createServer((req, res) => h.app.routing(req, res));
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const address = relay.address();
  if (!address || typeof address === 'string') throw new Error('relay has no port');
  const env = {
    PLAID_ENV: 'emulator',
    PLAID_EMULATOR_URL: emulator.url,
    PLAID_WEBHOOK_URL: `http://127.0.0.1:${address.port}/api/v1/webhooks/plaid`,
  };
  const config = loadApiConfig({ LOG_LEVEL: 'silent', ...env });
  const plaid = createPlaidClient(config);
  const cipher = tokenCipherFromConfig(config);
  queue = createInProcessJobQueue();
  h = await startTestApp({ queue, plaid, cipher }, env);
  await h.app.ready();
  registerSyncProcessors(queue, { db: h.t.db, plaid, cipher });
  await queue.start();
  client = await signedUpClient(h.app);
});
afterAll(async () => {
  await queue?.close();
  await new Promise((resolve) => relay?.close(resolve));
  await h?.close();
  await emulator?.close();
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
    const token = await client.request({ method: 'POST', url: '/api/v1/items/link-token', payload: {} });
    const { linkToken } = contract.LinkTokenResponse.parse(token.json());
    const publicToken = await finishLinkSession(emulator.url, linkToken);
    const exchanged = await client.request({
      method: 'POST',
      url: '/api/v1/items/exchange',
      payload: { publicToken },
    });
    expect(exchanged.statusCode, exchanged.body).toBe(201);
    const { item } = contract.ExchangeResponse.parse(exchanged.json());

    const events = await streamEvents(item.id, item.createdAt);
    const history = events.filter((e) => e.event === 'history');
    const outcome = events.find((e) => e.event === 'outcome');
    expect(history.length, JSON.stringify(events.map((e) => e.event))).toBeGreaterThanOrEqual(1);
    expect(outcome?.data).toMatchObject({ itemStatus: 'active', run: { status: 'succeeded' } });

    // Everything the stream reported as imported is what is stored, and that is the bank's whole history.
    const runs = [...history.map((e) => e.data.run), outcome?.data.run] as { added: number }[];
    const imported = runs.reduce((sum, r) => sum + r.added, 0);
    const stored = await h.t.db
      .selectFrom('transactions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('item_id', '=', item.id)
      .executeTakeFirstOrThrow();
    const plaidItemId = (
      await h.t.db
        .selectFrom('plaid_items')
        .select('plaid_item_id')
        .where('id', '=', item.id)
        .executeTakeFirstOrThrow()
    ).plaid_item_id;
    const truth = (await (
      await fetch(`${emulator.url}/emulator/items/${plaidItemId}/ground-truth`)
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
    const noHooks = createInProcessJobQueue();
    const config = loadApiConfig({
      LOG_LEVEL: 'silent',
      PLAID_ENV: 'emulator',
      PLAID_EMULATOR_URL: emulator.url,
    });
    const plaid = createPlaidClient(config);
    const cipher = tokenCipherFromConfig(config);
    const app = await startTestApp(
      { queue: noHooks, plaid, cipher },
      { PLAID_ENV: 'emulator', PLAID_EMULATOR_URL: emulator.url },
    );
    registerSyncProcessors(noHooks, { db: app.t.db, plaid, cipher, historyRecheckMs: 300 });
    await noHooks.start();
    try {
      const user = await signedUpClient(app.app);
      const token = await user.request({ method: 'POST', url: '/api/v1/items/link-token', payload: {} });
      const { linkToken } = contract.LinkTokenResponse.parse(token.json());
      const publicToken = await finishLinkSession(emulator.url, linkToken);
      const exchanged = await user.request({
        method: 'POST',
        url: '/api/v1/items/exchange',
        payload: { publicToken },
      });
      expect(exchanged.statusCode, exchanged.body).toBe(201);
      const { item } = contract.ExchangeResponse.parse(exchanged.json());
      const res = await user.request({
        method: 'GET',
        url: `/api/v1/items/${item.id}/sync-progress?since=${encodeURIComponent(item.createdAt)}`,
      });
      expect(res.body).toMatch(/event: history/);
      expect(res.body).toMatch(/event: outcome/);
      const stored = await app.t.db
        .selectFrom('plaid_items')
        .select('history_complete')
        .where('id', '=', item.id)
        .executeTakeFirstOrThrow();
      expect(stored.history_complete).toBe(true);
    } finally {
      await noHooks.close();
      await app.close();
    }
  }, 60_000);
});
