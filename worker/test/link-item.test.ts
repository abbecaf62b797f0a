import { startEmulator } from '@finsync/emulator';
import { createInProcessJobQueue } from '@finsync/shared/queue';
import { completeItemRepair, createLinkToken, setItemStatus } from '@finsync/shared/sync';
import { createTestDatabase, type TestDatabase } from '@finsync/test-support';
import type { PlaidApi } from 'plaid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, emulatorPlaid, fastRetry, linkEmulatorItem, testCipher } from './sync-harness.ts';

let tdb: TestDatabase;
let emulator: { url: string; close(): Promise<void> };
let plaid: PlaidApi;
const cipher = testCipher();

beforeAll(async () => {
  tdb = await createTestDatabase(inject('pgTemplate' as never));
  emulator = await startEmulator({ port: 0, seed: 21 });
  plaid = emulatorPlaid(emulator.url);
});
afterAll(async () => {
  await emulator?.close();
  await tdb?.drop();
});

describe('link', () => {
  it('exchanges a public token into an encrypted token, institution and accounts, and queues the historical sync', async () => {
    const queue = createInProcessJobQueue();
    const queued: unknown[] = [];
    queue.register('sync-item', async (data) => {
      queued.push(data);
    });
    const userId = await createUser(tdb.db);
    const { itemId } = await linkEmulatorItem(
      { db: tdb.db, url: emulator.url, plaid, cipher, queue },
      userId,
      {
        transactions: 50,
      },
    );
    const item = await tdb.db
      .selectFrom('plaid_items')
      .selectAll()
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(item.access_token_encrypted).toMatch(/^t1:[^:]+:[^:]+:[^:]+$/);
    expect(cipher.decrypt(item.access_token_encrypted)).toMatch(/^access-/);
    expect(item.institution_name).toEqual(expect.any(String));
    const accounts = await tdb.db.selectFrom('accounts').select('id').where('item_id', '=', itemId).execute();
    expect(accounts.length).toBeGreaterThan(0);
    await queue.start();
    await queue.idle();
    expect(queued).toEqual([{ itemId, trigger: 'initial' }]);

    const fresh = await createLinkToken(
      { db: tdb.db, plaid, cipher, retry: fastRetry },
      { userId, hostedLink: {} },
    );
    expect(fresh.linkToken).toEqual(expect.any(String));
    const update = await createLinkToken({ db: tdb.db, plaid, cipher, retry: fastRetry }, { userId, itemId });
    expect(update.linkToken).toEqual(expect.any(String));
    await expect(
      createLinkToken(
        { db: tdb.db, plaid, cipher, retry: fastRetry },
        { userId: await createUser(tdb.db), itemId },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await setItemStatus(tdb.db, itemId, 'login_required', new Date());
    queued.length = 0;
    await completeItemRepair(
      { db: tdb.db, queue, clock: () => new Date(), syncIntervalHours: 6 },
      { userId, itemId },
    );
    await queue.idle();
    expect(queued).toEqual([{ itemId, trigger: 'manual' }]);
    const repaired = await tdb.db
      .selectFrom('plaid_items')
      .select('status')
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(repaired.status).toBe('active');
    await queue.close();
  });
});
