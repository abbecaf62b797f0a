import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningEmulator, startEmulator } from '@finsync/emulator';
import { loadApiConfig } from '@finsync/shared';
import * as contract from '@finsync/shared/contract';
import { tokenCipherFromConfig } from '@finsync/shared/crypto';
import { createPlaidClient } from '@finsync/shared/plaid';
import { createInProcessJobQueue, type InProcessJobQueue } from '@finsync/shared/queue';
import { registerSyncProcessors } from '@finsync/worker';
import { expect } from 'vitest';
import { finishLinkSession } from '../../api/test/support/emulator-link.ts';
import { type Client, signedUpClient, startTestApp, type TestApp } from '../../api/test/support/test-app.ts';

export interface Relay {
  url: string;
  close(): Promise<void>;
}

/**
 * A socket on 127.0.0.1 that hands each request to `handler`: Plaid's webhook URL goes into the config before
 * the app that answers it exists, so the emulator posts here and the relay forwards once the app is built.
 */
export async function startRelay(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Relay> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface SyncingBackendOptions {
  /** The emulator's seed (its institutions, accounts and transactions), or another backend's emulator to share. */
  seed: number | RunningEmulator;
  /** How long the emulator holds back a new item's first 30 days and its history (default: its own). */
  delays?: { initialDelayMs: number; historicalDelayMs: number };
  /** Where Plaid's webhooks go: `'relay'` to this app (through `startRelay`), a URL, or (default) nowhere. */
  webhooks?: 'relay' | string;
  appUrl?: string;
  /** How soon an item without webhooks is looked at again for its history. */
  historyRecheckMs?: number;
}

/** The API in-process (`app.inject`) with the emulator as Plaid, the sync jobs on an in-process queue, and a
 * signed-up user's client: what a backend test of linking and syncing starts from. */
export interface SyncingBackend {
  emulator: RunningEmulator;
  queue: InProcessJobQueue;
  h: TestApp;
  client: Client;
  close(): Promise<void>;
}

export async function startSyncingBackend(options: SyncingBackendOptions): Promise<SyncingBackend> {
  const own = typeof options.seed === 'number';
  const emulator =
    typeof options.seed === 'number'
      ? await startEmulator({ port: 0, seed: options.seed, ...options.delays })
      : options.seed;
  let h: TestApp | undefined;
  const relay =
    options.webhooks === 'relay' ? await startRelay((req, res) => h?.app.routing(req, res)) : undefined;
  const webhookUrl = relay ? `${relay.url}/api/v1/webhooks/plaid` : options.webhooks;
  const env = {
    PLAID_ENV: 'emulator',
    PLAID_EMULATOR_URL: emulator.url,
    ...(options.appUrl ? { APP_URL: options.appUrl } : {}),
    ...(webhookUrl ? { PLAID_WEBHOOK_URL: webhookUrl } : {}),
  };
  const config = loadApiConfig({ LOG_LEVEL: 'silent', ...env });
  const plaid = createPlaidClient(config);
  const cipher = tokenCipherFromConfig(config);
  const queue = createInProcessJobQueue();
  h = await startTestApp({ queue, plaid, cipher }, env);
  await h.app.ready();
  registerSyncProcessors(queue, { db: h.t.db, plaid, cipher, historyRecheckMs: options.historyRecheckMs });
  // Signing up queues the link's email; signedUpClient reads the link from the database instead. Without a
  // handler the job would fail and retry, and every queue.idle() of the test would wait on it.
  queue.register('send-signup-link', async () => {});
  await queue.start();
  const client = await signedUpClient(h.app);
  const app = h;
  return {
    emulator,
    queue,
    h,
    client,
    async close() {
      await queue.close();
      await relay?.close();
      await app.close();
      if (own) await emulator.close();
    },
  };
}

/** Links the emulator's bank as react-plaid-link does (the session finished, then the public token exchanged). */
export async function linkThroughLink(client: Client, emulatorUrl: string) {
  const token = await client.request({ method: 'POST', url: '/api/v1/items/link-token', payload: {} });
  expect(token.statusCode, token.body).toBe(200);
  const { linkToken } = contract.LinkTokenResponse.parse(token.json());
  const publicToken = await finishLinkSession(emulatorUrl, linkToken);
  const exchanged = await client.request({
    method: 'POST',
    url: '/api/v1/items/exchange',
    payload: { publicToken },
  });
  expect(exchanged.statusCode, exchanged.body).toBe(201);
  return contract.ExchangeResponse.parse(exchanged.json()).item;
}
