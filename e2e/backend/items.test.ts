import * as contract from '@finsync/shared/contract';
import type { InProcessJobQueue } from '@finsync/shared/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_STREAM } from '../../api/src/routes/v1/sync-progress-stream.ts';
import { type Client, signedUpClient, startTestApp, type TestApp } from '../../api/test/support/test-app.ts';
import { type SyncingBackend, startSyncingBackend } from '../support/syncing-backend.ts';

/** Server-Sent Events of a finished response, in order. */
function parseEvents(body: string) {
  return body
    .split('\n\n')
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      return event && data ? { event, data: JSON.parse(data) as unknown } : undefined;
    })
    .filter((e) => e !== undefined);
}

describe('items: link, exchange, update mode, removal, sync now and its progress stream', () => {
  let b: SyncingBackend;
  let queue: InProcessJobQueue;
  let h: TestApp;
  let client: Client;
  let itemId: string;

  const emulatorCall = async (path: string, body?: unknown, method?: 'PUT' | 'DELETE') => {
    const res = await fetch(`${b.emulator.url}${path}`, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return res.json() as Promise<Record<string, unknown>>;
  };

  beforeAll(async () => {
    b = await startSyncingBackend({
      seed: 5,
      webhooks: 'https://finsync.example/api/v1/webhooks/plaid',
      appUrl: 'https://app.finsync.example',
    });
    ({ queue, h, client } = b);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('a link token asks for Hosted Link offline and refuses redirects off the web app', async () => {
    const res = await client.request({
      method: 'POST',
      url: '/api/v1/items/link-token',
      payload: { completionRedirectUri: 'https://app.finsync.example/onboarding?hosted=done' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const token = contract.LinkTokenResponse.parse(res.json());
    expect(token.linkToken).toMatch(/^link-/);
    expect(token.hostedLinkUrl).toContain('/link/hosted?token=');

    const evil = await client.request({
      method: 'POST',
      url: '/api/v1/items/link-token',
      payload: { hostedLink: true, completionRedirectUri: 'https://evil.example/steal' },
    });
    expect(evil.statusCode).toBe(400);
    expect(evil.json().error.details[0].path).toBe('body.completionRedirectUri');
  });

  it('exchanging a public token stores the connection, its accounts, and the historical sync fills it', async () => {
    const sandbox = await emulatorCall('/emulator/sandbox-items', { transactions: 40 });
    const res = await client.request({
      method: 'POST',
      url: '/api/v1/items/exchange',
      payload: { publicToken: sandbox.public_token, institutionName: 'ignored' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { item } = contract.ExchangeResponse.parse(res.json());
    itemId = item.id;
    expect(item.status).toBe('active');
    expect(item.institutionName).not.toBeNull();
    const stored = await h.t.db
      .selectFrom('plaid_items')
      .select(['access_token_encrypted', 'webhook_url'])
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(stored.access_token_encrypted).not.toContain('access-');
    expect(stored.webhook_url).toBe('https://finsync.example/api/v1/webhooks/plaid');

    await queue.idle();
    const accounts = await client.request({ method: 'GET', url: '/api/v1/accounts' });
    expect(accounts.json().accounts.length).toBeGreaterThan(0);
    const runs = await client.request({ method: 'GET', url: `/api/v1/items/${itemId}/sync-runs` });
    expect(runs.json().runs).toMatchObject([{ trigger: 'initial', status: 'succeeded' }]);
    const synced = await h.t.db
      .selectFrom('transactions')
      .select('id')
      .where('item_id', '=', itemId)
      .execute();
    const truth = await emulatorCall(`/emulator/items/${String(sandbox.item_id)}/ground-truth`);
    expect(synced.length).toBeGreaterThan(0);
    expect(synced).toHaveLength((truth.transactions as unknown[]).length);
  });

  it('a forged public token is a 400 on the field, and nothing is stored', async () => {
    const res = await client.request({
      method: 'POST',
      url: '/api/v1/items/exchange',
      payload: { publicToken: 'public-emulator-forged' },
    });
    expect(res.statusCode, res.body).toBe(400);
    const count = await h.t.db.selectFrom('plaid_items').select('id').execute();
    expect(count).toHaveLength(1);
  });

  it('sync now collapses repeated requests into one waiting sync per connection', async () => {
    // Plaid answers slowly, so the first sync is still running while the other two requests arrive.
    const faults = (method: 'PUT' | 'DELETE', body?: unknown) =>
      fetch(`${b.emulator.url}/emulator/faults`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
    await faults('PUT', { endpoint: '/transactions/sync', latency_ms: 1_000 });
    const ids: string[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const res = await client.request({ method: 'POST', url: `/api/v1/items/${itemId}/sync` });
        expect(res.statusCode, res.body).toBe(202);
        ids.push(contract.SyncQueued.parse(res.json()).jobId);
      }
    } finally {
      await faults('DELETE');
    }
    // The first starts at once; the second waits; the third joins the second.
    expect(ids[2]).toBe(ids[1]);
    expect(ids[1]).not.toBe(ids[0]);
    await queue.idle();
    const runs = await client.request({ method: 'GET', url: `/api/v1/items/${itemId}/sync-runs` });
    expect(runs.json().runs.filter((r: { trigger: string }) => r.trigger === 'manual')).toHaveLength(2);
  });

  it('the progress stream sends pages and transactions so far, then the finished run', async () => {
    const streaming = client.request({ method: 'GET', url: `/api/v1/items/${itemId}/sync-progress` });
    await new Promise((r) => setTimeout(r, 150));
    await client.request({ method: 'POST', url: `/api/v1/items/${itemId}/sync` });
    const res = await streaming;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const events = parseEvents(res.body);
    const progress = events
      .filter((e) => e.event === 'progress')
      .map((e) => contract.SyncProgressEvent.parse(e.data));
    expect(progress.at(-1)).toMatchObject({ itemId, phase: 'done', pages: 1 });
    const last = events.at(-1)!;
    expect(last.event).toBe('outcome');
    const outcome = contract.SyncOutcomeEvent.parse(last.data);
    expect(outcome).toMatchObject({ itemStatus: 'active', run: { status: 'succeeded', trigger: 'manual' } });
  });

  it('a stream asked with `since` still reports a sync that finished before it opened', async () => {
    const queued = await client.request({ method: 'POST', url: `/api/v1/items/${itemId}/sync` });
    const { requestedAt } = contract.SyncQueued.parse(queued.json());
    await queue.idle();
    const res = await client.request({
      method: 'GET',
      url: `/api/v1/items/${itemId}/sync-progress?since=${encodeURIComponent(requestedAt)}`,
    });
    const events = parseEvents(res.body);
    expect(events).toHaveLength(1);
    expect(contract.SyncOutcomeEvent.parse(events[0]!.data).run?.status).toBe('succeeded');
  });

  it('ends the stream of a failing sync on the queue’s own event, with no re-read timer to wait for', async () => {
    // A failed sync reports no 'done' progress: before, only the stream's 250 ms re-read of the run saw it end.
    const fallback = PROGRESS_STREAM.fallbackPollMs;
    PROGRESS_STREAM.fallbackPollMs = 10 * 60_000;
    await emulatorCall('/emulator/faults', { endpoint: '/transactions/sync', login_required_rate: 1 }, 'PUT');
    try {
      const streaming = client.request({ method: 'GET', url: `/api/v1/items/${itemId}/sync-progress` });
      await new Promise((r) => setTimeout(r, 150));
      await client.request({ method: 'POST', url: `/api/v1/items/${itemId}/sync` });
      const res = await Promise.race([
        streaming,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('the stream waited for a timer, not the queue')), 30_000),
        ),
      ]);
      const last = parseEvents(res.body).at(-1)!;
      expect(last.event).toBe('outcome');
      expect(contract.SyncOutcomeEvent.parse(last.data)).toMatchObject({
        itemStatus: 'login_required',
        run: { status: 'failed' },
      });
    } finally {
      PROGRESS_STREAM.fallbackPollMs = fallback;
      await emulatorCall('/emulator/faults', undefined, 'DELETE');
      await queue.idle();
    }
  });

  it('a connection needing login gets an update-mode token, and is active again once repaired', async () => {
    await h.t.db
      .updateTable('plaid_items')
      .set({ status: 'login_required' })
      .where('id', '=', itemId)
      .execute();
    const refused = await client.request({ method: 'POST', url: `/api/v1/items/${itemId}/sync` });
    expect(refused.statusCode).toBe(409);
    const stream = await client.request({ method: 'GET', url: `/api/v1/items/${itemId}/sync-progress` });
    expect(parseEvents(stream.body)).toEqual([
      { event: 'outcome', data: { itemStatus: 'login_required', run: null } },
    ]);

    const token = await client.request({ method: 'POST', url: `/api/v1/items/${itemId}/link-token` });
    expect(token.statusCode, token.body).toBe(200);
    contract.LinkTokenResponse.parse(token.json());
    const repaired = await client.request({ method: 'POST', url: `/api/v1/items/${itemId}/repaired` });
    expect(repaired.statusCode, repaired.body).toBe(200);
    expect(contract.Item.parse(repaired.json()).status).toBe('active');
    await queue.idle();
  });

  it('removing a connection removes it at Plaid, hides it and stops its syncs; its history stays', async () => {
    const res = await client.request({ method: 'DELETE', url: `/api/v1/items/${itemId}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(h.removedItems).toEqual([itemId]);
    const items = await client.request({ method: 'GET', url: '/api/v1/items' });
    expect(items.json().items).toEqual([]);
    for (const [method, url] of [
      ['POST', `/api/v1/items/${itemId}/sync`],
      ['DELETE', `/api/v1/items/${itemId}`],
      ['POST', `/api/v1/items/${itemId}/link-token`],
    ] as const) {
      expect((await client.request({ method, url })).statusCode, `${method} ${url}`).toBe(404);
    }
    const txns = await client.request({ method: 'GET', url: '/api/v1/transactions?limit=500' });
    expect(txns.json().transactions.length).toBeGreaterThan(0);
  });
});

describe('items without a job queue', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await startTestApp();
  });
  afterAll(() => h.close());

  it('the routes that enqueue work answer 503 JOBS_UNAVAILABLE instead of linking half-way', async () => {
    const client = await signedUpClient(h.app);
    const res = await client.request({
      method: 'POST',
      url: '/api/v1/items/exchange',
      payload: { publicToken: 'public-x' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('JOBS_UNAVAILABLE');
  });
});
