import { createInProcessJobQueue, type InProcessJobQueue } from '@finsync/shared/queue';
import { type SyncDeps, syncItem } from '@finsync/shared/sync';
import type { PlaidApi } from 'plaid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  createUser,
  expectGroundTruth,
  fastRetry,
  linkEmulatorItem,
  testCipher,
  useSyncEmulator,
} from './sync-harness.ts';

let queue: InProcessJobQueue;
let userId: string;
const cipher = testCipher();
const h = useSyncEmulator(4242, 1500);

beforeAll(async () => {
  queue = createInProcessJobQueue(); // never started: the tests run the sync themselves
  userId = await createUser(h.db);
});
afterEach(async () => {
  await admin(h.url, 'DELETE', '/emulator/faults');
});
afterAll(async () => {
  await queue?.close();
});

const deps = (): SyncDeps => ({
  db: h.db,
  plaid: h.plaid,
  cipher,
  clock: () => new Date(),
  retry: fastRetry,
});
const link = (transactions: number) =>
  linkEmulatorItem({ db: h.db, url: h.url, plaid: h.plaid, cipher, queue }, userId, { transactions });

describe('sync against the emulator', () => {
  it('equals the ground truth after the historical sync and again after the clock advances', async () => {
    const { itemId, plaidItemId } = await link(1500);
    const first = await syncItem(deps(), { itemId, trigger: 'initial' });
    expect(first.outcome).toBe('succeeded');
    expect(await expectGroundTruth(h.db, h.url, itemId, plaidItemId)).toBeGreaterThan(1000);
    await admin(h.url, 'POST', `/emulator/items/${plaidItemId}/advance`, { days: 9 });
    const second = await syncItem(deps(), { itemId, trigger: 'webhook' });
    expect(second).toMatchObject({ outcome: 'succeeded' });
    await expectGroundTruth(h.db, h.url, itemId, plaidItemId);
    const stored = await h.db
      .selectFrom('plaid_items')
      .select('access_token_encrypted')
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(stored.access_token_encrypted.startsWith('t1:')).toBe(true);
  }, 120_000);

  it('converges with 10% server errors, 5% rate limits and timeouts injected', async () => {
    const { itemId, plaidItemId } = await link(3000);
    await admin(h.url, 'PUT', '/emulator/faults', {
      endpoint: '/transactions/sync',
      error_rate: 0.1,
      rate_limit_rate: 0.05,
      timeout_rate: 0.03,
    });
    let calls = 0;
    const counted = {
      ...deps(),
      plaid: new Proxy(h.plaid, {
        get: (target, prop, receiver) =>
          prop === 'transactionsSync'
            ? (...args: Parameters<PlaidApi['transactionsSync']>) => {
                calls++;
                return target.transactionsSync(...args);
              }
            : Reflect.get(target, prop, receiver),
      }),
    };
    const result = await syncItem(counted, { itemId, trigger: 'initial' });
    expect(result.outcome).toBe('succeeded');
    // The faults really happened: more calls than pages, all absorbed by retries.
    expect(calls).toBeGreaterThan(result.outcome === 'succeeded' ? result.pages : 0);
    await admin(h.url, 'DELETE', '/emulator/faults');
    await expectGroundTruth(h.db, h.url, itemId, plaidItemId);
  });

  it('converges when the data changes during pagination', async () => {
    const { itemId, plaidItemId } = await link(2500);
    await admin(h.url, 'POST', `/emulator/items/${plaidItemId}/mutate-during-pagination`, {
      after_pages: 2,
    });
    const result = await syncItem(deps(), { itemId, trigger: 'initial' });
    expect(result).toMatchObject({ outcome: 'succeeded' });
    expect(result.outcome === 'succeeded' && result.restarts).toBeGreaterThanOrEqual(1);
    await expectGroundTruth(h.db, h.url, itemId, plaidItemId);
  }, 120_000);

  it('keeps a user’s edit of a pending transaction after it posts and after Plaid modifies it', async () => {
    const { itemId, plaidItemId } = await link(800);
    await syncItem(deps(), { itemId, trigger: 'initial' });
    const pending = await h.db
      .selectFrom('transactions')
      .select(['id', 'plaid_transaction_id'])
      .where('item_id', '=', itemId)
      .where('pending', '=', true)
      .orderBy('date')
      .limit(1)
      .executeTakeFirstOrThrow();
    await h.db
      .updateTable('transactions')
      .set({
        notes: 'split with Sam',
        payee: 'Sam’s diner',
        tags: ['shared'],
        locked_fields: ['notes', 'payee', 'tags'],
      })
      .where('id', '=', pending.id)
      .execute();
    // Long enough for every pending transaction to post, and for later modifications to arrive.
    for (let i = 0; i < 3; i++) {
      await admin(h.url, 'POST', `/emulator/items/${plaidItemId}/advance`, { days: 7 });
      await syncItem(deps(), { itemId, trigger: 'webhook' });
    }
    await expectGroundTruth(h.db, h.url, itemId, plaidItemId);
    const posted = await h.db
      .selectFrom('transactions')
      .selectAll()
      .where('item_id', '=', itemId)
      .where((eb) =>
        eb.or([eb('id', '=', pending.id), eb('pending_transaction_id', '=', pending.plaid_transaction_id)]),
      )
      .execute();
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      pending: false,
      notes: 'split with Sam',
      payee: 'Sam’s diner',
      tags: ['shared'],
      pending_transaction_id: pending.plaid_transaction_id,
    });
  });

  it('stops and records a notification when the bank needs the user to log in again', async () => {
    const { itemId } = await link(200);
    await admin(h.url, 'PUT', '/emulator/faults', {
      endpoint: '/transactions/sync',
      login_required_rate: 1,
    });
    const result = await syncItem(deps(), { itemId, trigger: 'schedule' });
    expect(result).toMatchObject({ outcome: 'item_error', status: 'login_required' });
    const notes = await h.db
      .selectFrom('notifications')
      .select(['kind', 'payload'])
      .where('user_id', '=', userId)
      .execute();
    expect(
      notes.some((n) => n.kind === 'reauth_required' && (n.payload as { itemId: string }).itemId === itemId),
    ).toBe(true);
  });
});
