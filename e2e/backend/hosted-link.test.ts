import * as contract from '@finsync/shared/contract';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { completeHostedPage } from '../../api/test/support/emulator-link.ts';
import type { Client } from '../../api/test/support/test-app.ts';
import { type SyncingBackend, startSyncingBackend } from '../support/syncing-backend.ts';

const APP_URL = 'https://app.finsync.example';

describe('Hosted Link: the emulator page, then the API finishes the session once', () => {
  let backend: SyncingBackend;
  let client: Client;

  beforeAll(async () => {
    // These items have no webhook URL: the history is looked for again shortly, not a minute later.
    backend = await startSyncingBackend({ seed: 11, appUrl: APP_URL, historyRecheckMs: 500 });
    client = backend.client;
  });
  afterAll(async () => {
    await backend?.close();
  });

  const newHostedToken = async () => {
    const res = await client.request({
      method: 'POST',
      url: '/api/v1/items/link-token',
      payload: { hostedLink: true, completionRedirectUri: `${APP_URL}/onboarding?hosted=done` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const token = contract.LinkTokenResponse.parse(res.json());
    if (!token.hostedLinkUrl) throw new Error('no hosted link URL');
    return { linkToken: token.linkToken, hostedLinkUrl: token.hostedLinkUrl };
  };
  const complete = (linkToken: string) =>
    client.request({ method: 'POST', url: '/api/v1/items/hosted-link/complete', payload: { linkToken } });

  it('before the user finished the page, completing is a 409 and stores nothing', async () => {
    const { linkToken } = await newHostedToken();
    const res = await complete(linkToken);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.details).toEqual({ reason: 'LINK_NOT_FINISHED' });
    const items = await backend.h.t.db.selectFrom('plaid_items').select('id').execute();
    expect(items).toHaveLength(0);
  });

  it('the finished page yields one connection with its accounts and first sync; a second complete is a no-op', async () => {
    const { linkToken, hostedLinkUrl } = await newHostedToken();
    expect(await completeHostedPage(hostedLinkUrl)).toBe(`${APP_URL}/onboarding?hosted=done`);

    const first = await complete(linkToken);
    expect(first.statusCode, first.body).toBe(200);
    const done = contract.HostedLinkCompleteResponse.parse(first.json());
    expect(done.completedNow).toBe(true);
    expect(done.items).toHaveLength(1);
    const [item] = done.items;
    expect(item?.status).toBe('active');

    await backend.queue.idle();
    const accounts = await backend.h.t.db
      .selectFrom('accounts')
      .select('id')
      .where('item_id', '=', item?.id ?? '')
      .execute();
    expect(accounts.length).toBeGreaterThan(0);
    const runs = await client.request({ method: 'GET', url: `/api/v1/items/${item?.id}/sync-runs` });
    // The first sync, then the re-checks that brought the rest of the history (no webhook tells of it here).
    const runList = runs.json().runs as { trigger: string; status: string }[];
    expect(runList.length).toBeGreaterThan(0);
    for (const run of runList) expect(run).toMatchObject({ trigger: 'initial', status: 'succeeded' });

    const again = await complete(linkToken);
    expect(again.statusCode, again.body).toBe(200);
    expect(contract.HostedLinkCompleteResponse.parse(again.json())).toMatchObject({
      completedNow: false,
      items: [{ id: item?.id }],
    });
    const stored = await backend.h.t.db.selectFrom('plaid_items').select('id').execute();
    expect(stored).toHaveLength(1);
  });

  it('two completes racing each other still make one connection', async () => {
    const before = (await backend.h.t.db.selectFrom('plaid_items').select('id').execute()).length;
    const { linkToken, hostedLinkUrl } = await newHostedToken();
    await completeHostedPage(hostedLinkUrl);
    const [a, b] = await Promise.all([complete(linkToken), complete(linkToken)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const ids = [a, b].map((r) => contract.HostedLinkCompleteResponse.parse(r.json()).items[0]?.id);
    expect(ids[0]).toBe(ids[1]);
    expect((await backend.h.t.db.selectFrom('plaid_items').select('id').execute()).length).toBe(before + 1);
    await backend.queue.idle();
  });

  it('a link token finsync did not issue is a 404', async () => {
    const res = await complete('link-sandbox-00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
  });
});

describe("Hosted Link: the emulator's SESSION_FINISHED webhook finishes the session server-side", () => {
  let backend: SyncingBackend;
  let client: Client;

  beforeAll(async () => {
    backend = await startSyncingBackend({ seed: 12, appUrl: APP_URL, webhooks: 'relay' });
    client = backend.client;
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('the signed webhook makes the connection; the SPA completing afterwards finds it and adds none', async () => {
    const res = await client.request({
      method: 'POST',
      url: '/api/v1/items/link-token',
      payload: { hostedLink: true, completionRedirectUri: `${APP_URL}/onboarding?hosted=done` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { linkToken, hostedLinkUrl } = contract.LinkTokenResponse.parse(res.json());
    await completeHostedPage(hostedLinkUrl ?? expect.fail('no hosted link URL'));

    const finished = await vi.waitFor(
      async () => {
        const row = await backend.h.t.db
          .selectFrom('webhook_events')
          .select(['outcome', 'item_id', 'body'])
          .where('webhook_type', '=', 'LINK')
          .where('webhook_code', '=', 'SESSION_FINISHED')
          .executeTakeFirst();
        if (!row) throw new Error('SESSION_FINISHED not received yet');
        return row;
      },
      { timeout: 5000, interval: 50 },
    );
    expect(finished.outcome).toBe('hosted_link_completed');
    expect(JSON.stringify(finished.body)).not.toContain(linkToken);
    const made = await backend.h.t.db.selectFrom('plaid_items').select(['id', 'user_id']).execute();
    expect(made).toEqual([{ id: finished.item_id, user_id: client.userId }]);

    const spa = await client.request({
      method: 'POST',
      url: '/api/v1/items/hosted-link/complete',
      payload: { linkToken },
    });
    expect(spa.statusCode, spa.body).toBe(200);
    expect(contract.HostedLinkCompleteResponse.parse(spa.json())).toMatchObject({
      completedNow: false,
      items: [{ id: finished.item_id }],
    });
    expect(await backend.h.t.db.selectFrom('plaid_items').select('id').execute()).toHaveLength(1);
    await backend.queue.idle();
  });
});
