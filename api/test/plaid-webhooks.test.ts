import { createHash, randomBytes } from 'node:crypto';
import { createWebhookVerifier } from '@finsync/shared/plaid';
import {
  createBullJobQueue,
  createInProcessJobQueue,
  createRedis,
  type InProcessJobQueue,
} from '@finsync/shared/queue';
import { createTestDatabase, type TestDatabase, testContext, testEnvironment } from '@finsync/test-support';
import Fastify, { type FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { plaidWebhookRoutes } from '../src/routes/plaid-webhooks.ts';

let tdb: TestDatabase;
let app: FastifyInstance;
let queue: InProcessJobQueue;
let privateKey: CryptoKey;
let publicJwk: JWK;
let itemId: string;
const plaidItemId = `item-${randomBytes(4).toString('hex')}`;
const syncedItems: string[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase(inject('pgTemplate' as never));
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), alg: 'ES256', kid: 'key-1', use: 'sig' };
  const ctx = testContext(tdb.db);
  const user = await ctx.newUser({ email: 'hooks@example.test' });
  itemId = await ctx.newItem(user.id, { plaid_item_id: plaidItemId, access_token_encrypted: 'k:i:c:t' });
});

beforeEach(async () => {
  await app?.close();
  await queue?.close();
  syncedItems.length = 0;
  queue = createInProcessJobQueue();
  queue.register('sync-item', async (data) => {
    syncedItems.push((data as { itemId: string }).itemId);
  });
  app = Fastify();
  await app.register(plaidWebhookRoutes, {
    db: tdb.db,
    queue,
    verify: createWebhookVerifier({
      now: () => new Date(),
      fetchKey: async (kid) => {
        if (kid !== 'key-1') throw new Error('unknown');
        return { ...publicJwk, expired_at: null };
      },
    }),
  });
});

afterAll(async () => {
  await app?.close();
  await queue?.close();
  await tdb?.drop();
});

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const sign = (body: string, o: { kid?: string; ageS?: number; hash?: string } = {}) =>
  new SignJWT({ request_body_sha256: o.hash ?? sha(body) })
    .setProtectedHeader({ alg: 'ES256', kid: o.kid ?? 'key-1', typ: 'JWT' })
    .setIssuedAt(Math.floor(Date.now() / 1000) - (o.ageS ?? 0))
    .sign(privateKey);
const post = (body: string, token: string | undefined) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/webhooks/plaid',
    headers: { 'content-type': 'application/json', ...(token ? { 'plaid-verification': token } : {}) },
    payload: body,
  });
const syncBody = (n = 0) =>
  JSON.stringify({
    webhook_type: 'TRANSACTIONS',
    webhook_code: 'SYNC_UPDATES_AVAILABLE',
    item_id: plaidItemId,
    n,
  });
const events = () => tdb.db.selectFrom('webhook_events').selectAll().where('item_id', '=', itemId).execute();

describe('POST /api/v1/webhooks/plaid', () => {
  it.each([
    ['no signature', async (_b: string) => undefined],
    ['a stale signature', (b: string) => sign(b, { ageS: 6 * 60 })],
    ['a hash of another body', (b: string) => sign(b, { hash: sha('{}') })],
    ['an unknown key id', (b: string) => sign(b, { kid: 'forged' })],
  ])('answers 401 with an error body and queues nothing for %s', async (_name, token) => {
    const before = (await events()).length;
    const body = syncBody();
    const res = await post(body, await token(body));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'WEBHOOK_UNVERIFIED', message: expect.any(String) } });
    await queue.start();
    await queue.idle();
    expect(syncedItems).toEqual([]);
    expect((await events()).length).toBe(before);
  });

  it('queues exactly one sync for a burst of SYNC_UPDATES_AVAILABLE (identical bodies included) while none runs', async () => {
    const before = (await events()).length;
    const bodies = Array.from({ length: 8 }, (_, i) => syncBody(i % 3));
    for (const b of bodies) expect((await post(b, await sign(b))).statusCode).toBe(200);
    await queue.start();
    await queue.idle();
    expect(syncedItems).toEqual([itemId]);
    const outcomes = (await events()).slice(before).map((e) => e.outcome);
    expect(outcomes).toEqual(Array(8).fill('sync_queued'));
  });

  it('refuses a replayed token with 401 and records nothing for it', async () => {
    const before = (await events()).length;
    const body = syncBody(42);
    const token = await sign(body);
    expect((await post(body, token)).statusCode).toBe(200);
    const replay = await post(body, token);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toEqual({ error: { code: 'WEBHOOK_REPLAYED', message: expect.any(String) } });
    expect((await events()).length).toBe(before + 1);
  });

  it('records a SESSION_FINISHED for a link token finsync did not issue and creates nothing', async () => {
    const body = JSON.stringify({
      webhook_type: 'LINK',
      webhook_code: 'SESSION_FINISHED',
      status: 'SUCCESS',
      link_session_id: 'session-1',
      link_token: 'link-sandbox-00000000-0000-4000-8000-000000000000',
      public_tokens: ['public-sandbox-00000000-0000-4000-8000-000000000000'],
      environment: 'sandbox',
    });
    const itemsBefore = await tdb.db.selectFrom('plaid_items').select('id').execute();
    expect((await post(body, await sign(body))).statusCode).toBe(200);
    const recorded = await tdb.db
      .selectFrom('webhook_events')
      .select(['outcome', 'item_id'])
      .where('body_sha256', '=', sha(body))
      .execute();
    expect(recorded).toEqual([{ outcome: 'unknown_link_token', item_id: null }]);
    expect(await tdb.db.selectFrom('plaid_items').select('id').execute()).toEqual(itemsBefore);
  });

  it('marks the item login_required on an ITEM ERROR webhook and records a notification', async () => {
    const body = JSON.stringify({
      webhook_type: 'ITEM',
      webhook_code: 'ERROR',
      item_id: plaidItemId,
      error: { error_code: 'ITEM_LOGIN_REQUIRED', error_message: 'login required' },
    });
    expect((await post(body, await sign(body))).statusCode).toBe(200);
    const item = await tdb.db
      .selectFrom('plaid_items')
      .selectAll()
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(item.status).toBe('login_required');
    const notes = await tdb.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', item.user_id)
      .execute();
    expect(notes).toEqual([{ kind: 'reauth_required' }]);
    // Repaired again so later tests see an active item.
    const repaired = JSON.stringify({
      webhook_type: 'ITEM',
      webhook_code: 'LOGIN_REPAIRED',
      item_id: plaidItemId,
    });
    expect((await post(repaired, await sign(repaired))).statusCode).toBe(200);
    expect(
      (
        await tdb.db
          .selectFrom('plaid_items')
          .select('status')
          .where('id', '=', itemId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('active');
  });
});

describe('POST /api/v1/webhooks/plaid with the BullMQ queue the API runs with', () => {
  it('collapses a burst into one sync, and notifications during a running sync into exactly one follow-up', async () => {
    const redis = createRedis(testEnvironment(process.env).redisUrl);
    const prefix = `finsync-test-hooks-${randomBytes(4).toString('hex')}`;
    const bull = createBullJobQueue({ redis, prefix, queueName: 'hooks' });
    const runs: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let running = false;
    bull.register('sync-item', async (data) => {
      running = true;
      if (runs.length === 0) await held; // the first sync is still running while more webhooks arrive
      runs.push(data.itemId);
      running = false;
    });
    const hooks = Fastify();
    await hooks.register(plaidWebhookRoutes, {
      db: tdb.db,
      queue: bull,
      verify: createWebhookVerifier({
        now: () => new Date(),
        fetchKey: async () => ({ ...publicJwk, expired_at: null }),
      }),
    });
    const postTo = async (body: string) =>
      hooks.inject({
        method: 'POST',
        url: '/api/v1/webhooks/plaid',
        headers: { 'content-type': 'application/json', 'plaid-verification': await sign(body) },
        payload: body,
      });
    const until = async (check: () => boolean) => {
      const end = Date.now() + 15_000;
      while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    };
    try {
      // A burst while no worker runs: one job waits.
      for (let i = 0; i < 6; i++) expect((await postTo(syncBody(100 + i))).statusCode).toBe(200);
      await bull.start();
      await until(() => running);
      // Five more during the running sync: one follow-up, not five, and not none.
      for (let i = 0; i < 5; i++) expect((await postTo(syncBody(200 + i))).statusCode).toBe(200);
      release();
      await until(() => runs.length >= 2);
      await new Promise((r) => setTimeout(r, 700)); // room for a wrongly queued third run
      expect(runs).toEqual([itemId, itemId]);
    } finally {
      release();
      await hooks.close();
      await bull.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
});
