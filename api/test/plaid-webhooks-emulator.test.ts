import { startEmulator } from '@finsync/emulator';
import { createPlaidClient, createWebhookVerifier, plaidKeyFetcher } from '@finsync/shared/plaid';
import { createInProcessJobQueue, type InProcessJobQueue } from '@finsync/shared/queue';
import { createTestDatabase, type TestDatabase, testContext } from '@finsync/test-support';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { plaidWebhookRoutes } from '../src/routes/plaid-webhooks.ts';

let tdb: TestDatabase;
let emulator: { url: string; close(): Promise<void> };
let app: FastifyInstance;
let queue: InProcessJobQueue;
let plaidItemId: string;
let itemId: string;
const synced: string[] = [];

const admin = async (path: string, body: unknown) => {
  const res = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
};

beforeAll(async () => {
  tdb = await createTestDatabase(inject('pgTemplate' as never));
  emulator = await startEmulator({ port: 0, seed: 11 });
  const plaid = createPlaidClient({
    PLAID_ENV: 'emulator',
    PLAID_EMULATOR_URL: emulator.url,
    PLAID_CLIENT_ID: 'finsync-emulator-client',
    PLAID_SECRET: 'finsync-emulator-secret',
    PLAID_TIMEOUT_MS: 5000,
  });
  queue = createInProcessJobQueue();
  queue.register('sync-item', async (data) => {
    synced.push((data as { itemId: string }).itemId);
  });
  app = Fastify();
  await app.register(plaidWebhookRoutes, {
    db: tdb.db,
    queue,
    verify: createWebhookVerifier({ fetchKey: plaidKeyFetcher(plaid), now: () => new Date() }),
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const created = await admin('/emulator/sandbox-items', {
    transactions: 20,
    webhook: `${address}/api/v1/webhooks/plaid`,
  });
  const { data } = await plaid.itemPublicTokenExchange({ public_token: String(created.public_token) });
  plaidItemId = data.item_id;
  const ctx = testContext(tdb.db);
  const user = await ctx.newUser({ email: 'emu-hooks@example.test' });
  itemId = await ctx.newItem(user.id, { plaid_item_id: plaidItemId, access_token_encrypted: 'k:i:c:t' });
});
afterAll(async () => {
  await app?.close();
  await queue?.close();
  await emulator?.close();
  await tdb?.drop();
});

const send = (signature: string) =>
  admin(`/emulator/items/${plaidItemId}/webhook`, {
    webhook_type: 'TRANSACTIONS',
    webhook_code: 'SYNC_UPDATES_AVAILABLE',
    signature,
  });

describe('Plaid webhooks signed by the emulator', () => {
  it.each(['stale', 'wrong_hash', 'unknown_kid'])(
    'rejects a %s signature with 401 and records nothing',
    async (sig) => {
      const delivery = await send(sig);
      expect(delivery.status).toBe(401);
      const events = await tdb.db.selectFrom('webhook_events').select('id').execute();
      expect(events).toEqual([]);
    },
  );

  it('accepts validly signed webhooks; forged ones queued nothing and a burst queues exactly one sync', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => send('valid')));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const events = await tdb.db
      .selectFrom('webhook_events')
      .select('outcome')
      .where('item_id', '=', itemId)
      .execute();
    expect(events).toHaveLength(6);
    await queue.start();
    await queue.idle();
    expect(synced).toEqual([itemId]);
  });
});
