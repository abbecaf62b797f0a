import type { IncomingHttpHeaders } from 'node:http';
import { startEmulator } from '@finsync/emulator';
import { createTokenCipher } from '@finsync/shared/crypto';
import { ledgerVersion } from '@finsync/shared/ledger';
import { createPlaidClient, createWebhookVerifier, plaidKeyFetcher } from '@finsync/shared/plaid';
import { createInProcessJobQueue, type InProcessJobQueue } from '@finsync/shared/queue';
import { enqueueItemSync, exchangePublicToken } from '@finsync/shared/sync';
import { createTestDatabase, type TestDatabase } from '@finsync/test-support';
import { registerSyncProcessors } from '@finsync/worker';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { plaidWebhookRoutes } from '../../api/src/routes/plaid-webhooks.ts';
import { type Relay, startRelay } from '../support/syncing-backend.ts';

/*
 * Plaid's SYNC_UPDATES_AVAILABLE carries no timestamp or nonce: two genuine notifications for one item have
 * identical bodies. Each must sync (replay protection is the verification token's, not the body's), and a
 * replayed token is refused. The API's clock moves 10 s between them instead of the test sleeping.
 */

let tdb: TestDatabase;
let emulator: { url: string; close(): Promise<void> };
let plaid: ReturnType<typeof createPlaidClient>;
let app: FastifyInstance;
let relay: Relay;
let queue: InProcessJobQueue;
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
const received: { headers: IncomingHttpHeaders; body: string; status: number }[] = [];
let webhookUrl = '';

const emulatorPost = async <T>(path: string, body: unknown): Promise<T> => {
  const res = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

beforeAll(async () => {
  tdb = await createTestDatabase(inject('pgTemplate' as never));
  emulator = await startEmulator({ port: 0, seed: 41, initialDelayMs: 0, historicalDelayMs: 0 });
  plaid = createPlaidClient({
    PLAID_ENV: 'emulator',
    PLAID_EMULATOR_URL: emulator.url,
    PLAID_CLIENT_ID: 'finsync-emulator-client',
    PLAID_SECRET: 'finsync-emulator-secret',
    PLAID_TIMEOUT_MS: 5000,
  });
  queue = createInProcessJobQueue();
  const cipher = createTokenCipher(new Map([['t1', Buffer.alloc(32, 7)]]), 't1');
  registerSyncProcessors(queue, { db: tdb.db, plaid, cipher, clock });
  await queue.start();
  app = Fastify();
  await app.register(plaidWebhookRoutes, {
    db: tdb.db,
    queue,
    clock,
    verify: createWebhookVerifier({ fetchKey: plaidKeyFetcher(plaid), now: clock }),
  });
  await app.ready();
  // Plaid's deliveries reach the route through a socket that keeps each request, to replay one later.
  relay = await startRelay((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = await app.inject({
        method: 'POST',
        url: req.url ?? '/',
        headers: req.headers,
        payload: body,
      });
      received.push({ headers: req.headers, body, status: answer.statusCode });
      res.writeHead(answer.statusCode, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  webhookUrl = `${relay.url}/api/v1/webhooks/plaid`;
  const user = await tdb.db
    .insertInto('users')
    .values({ email: 'second-webhook@example.test', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const created = await emulatorPost<{ public_token: string }>('/emulator/sandbox-items', {
    transactions: 200,
    webhook: webhookUrl,
  });
  const item = await exchangePublicToken(
    { db: tdb.db, plaid, cipher, queue, clock, webhookUrl, syncIntervalHours: 6 },
    { userId: user.id, publicToken: created.public_token },
  );
  itemId = item.id;
  plaidItemId = item.plaid_item_id;
  userId = user.id;
  await queue.idle();
}, 60_000);

let itemId = '';
let plaidItemId = '';
let userId = '';

afterAll(async () => {
  await queue?.close();
  await relay?.close();
  await app?.close();
  await emulator?.close();
  await tdb?.drop();
});

const storedIds = async () =>
  (
    await tdb.db
      .selectFrom('transactions')
      .select('plaid_transaction_id')
      .where('item_id', '=', itemId)
      .execute()
  )
    .map((r) => r.plaid_transaction_id)
    .sort();
const truthIds = async () => {
  const truth = (await (
    await fetch(`${emulator.url}/emulator/items/${plaidItemId}/ground-truth`)
  ).json()) as { transactions: { transaction_id: string }[] };
  return truth.transactions.map((t) => t.transaction_id).sort();
};
const syncRuns = async () =>
  (await tdb.db.selectFrom('sync_runs').select('status').where('item_id', '=', itemId).execute()).length;

/** New data at the bank; the emulator then signs and sends SYNC_UPDATES_AVAILABLE, as Plaid does. */
async function newDataAndItsWebhook(): Promise<void> {
  const before = received.length;
  const advanced = await emulatorPost<{ added: number; modified: number; removed: number }>(
    `/emulator/items/${plaidItemId}/advance`,
    { days: 5 },
  );
  expect(advanced.added + advanced.modified + advanced.removed).toBeGreaterThan(0);
  await vi.waitFor(
    () => {
      const delivered = received.slice(before).find((r) => r.body.includes('SYNC_UPDATES_AVAILABLE'));
      if (!delivered) throw new Error('no SYNC_UPDATES_AVAILABLE delivered yet');
      expect(delivered.status).toBe(200);
    },
    { timeout: 10_000, interval: 25 },
  );
}

describe('two genuine SYNC_UPDATES_AVAILABLE for one item, 10 s apart', () => {
  it('syncs both: each change reaches the database', async () => {
    expect(await storedIds()).toEqual(await truthIds());

    await newDataAndItsWebhook();
    await queue.idle();
    const afterFirst = await truthIds();
    expect(await storedIds()).toEqual(afterFirst);

    offsetMs += 10_000;
    await newDataAndItsWebhook();
    await queue.idle();
    const afterSecond = await truthIds();
    expect(afterSecond).not.toEqual(afterFirst);
    expect(await storedIds()).toEqual(afterSecond);

    const outcomes = await tdb.db
      .selectFrom('webhook_events')
      .select('outcome')
      .where('item_id', '=', itemId)
      .where('webhook_code', '=', 'SYNC_UPDATES_AVAILABLE')
      .execute();
    expect(outcomes.map((o) => o.outcome)).not.toContain('duplicate');
  });

  it('a sync that finds nothing new leaves the ledger version (the reads’ ETag) as it was; new data moves it', async () => {
    const before = await ledgerVersion(tdb.db, userId);
    const runsBefore = await syncRuns();
    // The scheduled sync with nothing at the bank: it writes the item's accounts and balances again (same
    // figures, a new "as of") and its cursor, and no ETagged read shows anything else.
    await enqueueItemSync(queue, { itemId, trigger: 'schedule' });
    await queue.idle();
    expect(await syncRuns()).toBe(runsBefore + 1);
    expect(await ledgerVersion(tdb.db, userId)).toBe(before);

    offsetMs += 10_000;
    await newDataAndItsWebhook();
    await queue.idle();
    expect(await ledgerVersion(tdb.db, userId)).toBeGreaterThan(before);
  });

  it('refuses a replayed verification token with 401 and queues nothing', async () => {
    const original = received.findLast((r) => r.body.includes('SYNC_UPDATES_AVAILABLE'));
    if (!original) throw new Error('nothing to replay');
    const runsBefore = await syncRuns();
    const replay = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/plaid',
      headers: {
        'content-type': 'application/json',
        'plaid-verification': String(original.headers['plaid-verification']),
      },
      payload: original.body,
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('WEBHOOK_REPLAYED');
    await queue.idle();
    expect(await syncRuns()).toBe(runsBefore);
  });
});
