import { createInProcessJobQueue, loadWorkerConfig } from '@finsync/shared';
import type { PlaidCall, PlaidRateLimiter } from '@finsync/shared/plaid';
import type { PlaidApi } from 'plaid';
import { describe, expect, it, vi } from 'vitest';
import { registerWorkerJobs } from '../src/register-worker-jobs.ts';
import { createUser, linkEmulatorItem, TEST_KEYS, testCipher, useSyncEmulator } from './sync-harness.ts';

const cipher = testCipher();
const h = useSyncEmulator(16);

/** The emulator's client, logging each call that reaches it (after the limiter admitted it). */
function countingPlaid(log: string[]): PlaidApi {
  return new Proxy(h.plaid, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        log.push(`call ${property}`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const config = (env: Record<string, string> = {}) =>
  loadWorkerConfig({
    TOKEN_ENCRYPTION_KEYS: TEST_KEYS,
    TOKEN_ENCRYPTION_ACTIVE_KID: 't1',
    PLAID_EMULATOR_URL: h.url,
    ...env,
  });

async function runs(itemId: string) {
  return h.db
    .selectFrom('sync_runs')
    .select(['status', 'pages', 'error'])
    .where('item_id', '=', itemId)
    .execute();
}

describe("the worker's Plaid calls go through the rate limiter", () => {
  it('admits every Plaid call of a sync job (and what follows it) before it reaches Plaid; sync calls carry their item', async () => {
    const log: string[] = [];
    const admitted: PlaidCall[] = [];
    const limiter: PlaidRateLimiter = {
      async acquire(call) {
        admitted.push(call);
        log.push(`admit ${call.endpoint}`);
      },
    };
    const queue = createInProcessJobQueue();
    registerWorkerJobs(queue, {
      db: h.db,
      config: config(),
      plaid: countingPlaid(log),
      plaidRateLimiter: limiter,
      categorize: async () => {},
    });
    await queue.start();
    try {
      const userId = await createUser(h.db);
      const { itemId } = await linkEmulatorItem(
        { db: h.db, url: h.url, plaid: h.plaid, cipher, queue },
        userId,
        { transactions: 1_200, history_days: 200 },
      );
      await queue.idle();
      expect(await runs(itemId)).toEqual([expect.objectContaining({ status: 'succeeded' })]);
      const syncCalls = log.filter((l) => l === 'call transactionsSync').length;
      expect(syncCalls).toBeGreaterThanOrEqual(3);
      // No call reached Plaid before its admission, and every admitted call was made.
      const balance = new Map<string, number>();
      for (const entry of log) {
        const [kind, endpoint = ''] = entry.split(' ');
        balance.set(endpoint, (balance.get(endpoint) ?? 0) + (kind === 'admit' ? 1 : -1));
        expect(balance.get(endpoint), entry).toBeGreaterThanOrEqual(0);
      }
      expect([...balance.values()].every((n) => n === 0)).toBe(true);
      const keys = new Set(admitted.filter((c) => c.endpoint === 'transactionsSync').map((c) => c.itemKey));
      expect(keys.size).toBe(1);
      expect([...keys][0]).toMatch(/^[\w-]{32}$/);
    } finally {
      await queue.close();
    }
  });

  it('without a limiter given (the embedded demo), the limits come from the config: a sync over its item budget waits, and stopping the worker ends the wait', async () => {
    const log: string[] = [];
    const queue = createInProcessJobQueue();
    registerWorkerJobs(queue, {
      db: h.db,
      config: config({ PLAID_RATE_LIMIT_ITEM_SYNC: '2', PLAID_RATE_LIMIT_WINDOW_SECONDS: '3600' }),
      plaid: countingPlaid(log),
      categorize: async () => {},
    });
    await queue.start();
    const userId = await createUser(h.db);
    const { itemId } = await linkEmulatorItem(
      { db: h.db, url: h.url, plaid: h.plaid, cipher, queue },
      userId,
      { transactions: 1_600, history_days: 200 },
    );
    await vi.waitFor(async () => expect((await runs(itemId))[0]?.status).toBe('running'), {
      timeout: 10_000,
    });
    // 2 an hour are kept as 1 per hour (fixedWindowFor): the first page is fetched, the second waits.
    await vi.waitFor(() => expect(log.filter((l) => l === 'call transactionsSync')).toHaveLength(1));
    // Unlimited, the remaining pages (4 in all) would follow at once; limited, the sync waits for the next window.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(log.filter((l) => l === 'call transactionsSync')).toHaveLength(1);
    expect((await runs(itemId))[0]?.status).toBe('running');
    await queue.close();
    expect(log.filter((l) => l === 'call transactionsSync')).toHaveLength(1);
    await vi.waitFor(async () =>
      expect(await runs(itemId)).toEqual([
        expect.objectContaining({
          status: 'failed',
          error: expect.objectContaining({ code: 'SYNC_ABORTED' }),
        }),
      ]),
    );
  });
});
