import { createInProcessJobQueue } from '@finsync/shared/queue';
import { completeItemRepair, createLinkToken, setItemStatus } from '@finsync/shared/sync';
import { findPlaidItem } from '@finsync/shared/tables';
import { describe, expect, it } from 'vitest';
import { createUser, fastRetry, linkEmulatorItem, testCipher, useSyncEmulator } from './sync-harness.ts';

const cipher = testCipher();
const h = useSyncEmulator(21);

describe('link', () => {
  it('exchanges a public token into an encrypted token, institution and accounts, and queues the historical sync', async () => {
    const queue = createInProcessJobQueue();
    const queued: unknown[] = [];
    queue.register('sync-item', async (data) => {
      queued.push(data);
    });
    const userId = await createUser(h.db);
    const { itemId } = await linkEmulatorItem(
      { db: h.db, url: h.url, plaid: h.plaid, cipher, queue },
      userId,
      {
        transactions: 50,
      },
    );
    const item = await h.db
      .selectFrom('plaid_items')
      .selectAll()
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(item.access_token_encrypted).toMatch(/^t1:[^:]+:[^:]+:[^:]+$/);
    expect(cipher.decrypt(item.access_token_encrypted)).toMatch(/^access-/);
    expect(item.institution_name).toEqual(expect.any(String));
    const accounts = await h.db.selectFrom('accounts').select('id').where('item_id', '=', itemId).execute();
    expect(accounts.length).toBeGreaterThan(0);
    await queue.start();
    await queue.idle();
    expect(queued).toEqual([{ itemId, trigger: 'initial' }]);

    const fresh = await createLinkToken(
      { db: h.db, plaid: h.plaid, cipher, retry: fastRetry },
      { userId, hostedLink: {} },
    );
    expect(fresh.linkToken).toEqual(expect.any(String));
    const update = await createLinkToken(
      { db: h.db, plaid: h.plaid, cipher, retry: fastRetry },
      { userId, itemId },
    );
    expect(update.linkToken).toEqual(expect.any(String));
    await expect(
      createLinkToken(
        { db: h.db, plaid: h.plaid, cipher, retry: fastRetry },
        { userId: await createUser(h.db), itemId },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await setItemStatus(h.db, itemId, 'login_required', new Date());
    queued.length = 0;
    await completeItemRepair(
      { db: h.db, queue, clock: () => new Date(), syncIntervalHours: 6 },
      { userId, itemId },
    );
    await queue.idle();
    expect(queued).toEqual([{ itemId, trigger: 'manual' }]);
    expect((await findPlaidItem(h.db, itemId))?.status).toBe('active');
    await queue.close();
  });
});
