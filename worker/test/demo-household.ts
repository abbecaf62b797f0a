// Test support: the emulator's demo household (default seed and size, as `pnpm demo` links it) synced into a
// fresh database with categorization, and the post-sync insights job (transfer pairing, bills) run after it.
import { startEmulator } from '@finsync/emulator';
import { categorizeTransactions, seedSystemCategories } from '@finsync/shared/categorize-service';
import { createInProcessJobQueue } from '@finsync/shared/queue';
import { type SyncDeps, syncItem } from '@finsync/shared/sync';
import { createTestDatabase, type TestDatabase } from '@finsync/test-support';
import type { PlaidApi } from 'plaid';
import { expect } from 'vitest';
import { createRefreshInsightsProcessor } from '../src/refresh-insights.ts';
import { createUser, emulatorPlaid, fastRetry, linkEmulatorItem, testCipher } from './sync-harness.ts';

/** The day the demo figures in issue 12 were taken on. */
export const DEMO_TODAY = '2026-11-29';

export interface DemoHousehold {
  tdb: TestDatabase;
  emulatorUrl: string;
  plaid: PlaidApi;
  userId: string;
  itemId: string;
  plaidItemId: string;
  /** One sync of the item, as a webhook would start it; expects success. */
  sync(trigger?: 'initial' | 'webhook'): Promise<void>;
  /** The worker's post-sync insights job, on DEMO_TODAY. */
  refresh(): Promise<unknown>;
  close(): Promise<void>;
}

export async function startDemoHousehold(
  pgTemplate: string,
  /** The sync's clock (default: the real one); a test moving the emulator's days moves it along. */
  options: { clock?: () => Date } = {},
): Promise<DemoHousehold> {
  const tdb = await createTestDatabase(pgTemplate);
  const emulator = await startEmulator({ port: 0, today: DEMO_TODAY });
  const plaid = emulatorPlaid(emulator.url, 5000);
  const cipher = testCipher();
  const queue = createInProcessJobQueue(); // never started: the tests run the jobs themselves
  const userId = await createUser(tdb.db);
  await seedSystemCategories(tdb.db, userId);
  const clock = options.clock ?? (() => new Date());
  const { itemId, plaidItemId } = await linkEmulatorItem(
    { db: tdb.db, url: emulator.url, plaid, cipher, queue, clock },
    userId,
    {},
  );
  const deps: SyncDeps = {
    db: tdb.db,
    plaid,
    cipher,
    clock,
    retry: fastRetry,
    categorize: async ({ trx, userId, transactions }) => {
      await categorizeTransactions(trx, userId, transactions, {});
    },
  };
  const refresh = createRefreshInsightsProcessor({
    db: tdb.db,
    now: () => new Date(`${DEMO_TODAY}T18:00:00Z`),
    plaid,
    cipher,
  });
  const household: DemoHousehold = {
    tdb,
    emulatorUrl: emulator.url,
    plaid,
    userId,
    itemId,
    plaidItemId,
    async sync(trigger = 'webhook') {
      expect((await syncItem(deps, { itemId, trigger })).outcome).toBe('succeeded');
    },
    refresh: () => refresh({ userId }),
    async close() {
      await queue.close();
      await emulator.close();
      await tdb.drop();
    },
  };
  await household.sync('initial');
  await household.refresh();
  return household;
}
