import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '@finsync/shared';
import type { TokenCipher } from '@finsync/shared/crypto';
import type { PlaidApi } from 'plaid';
import type { Categorizer } from './apply-sync-plan.ts';
import { applySyncPlan } from './apply-sync-plan.ts';
import { categorizeSyncedTransaction } from './categorize-synced-transaction.ts';
import { dashboardFigures } from './dashboard-figures.ts';
import { fetchSyncPlan } from './fetch-sync-plan.ts';
import { linkSandboxBank } from './link-sandbox-bank.ts';
import type { PrototypeData } from './prototype-data.ts';
import type { PrototypeStore } from './prototype-store.ts';

export const PROTO_API_PREFIX = '/proto-api';

export interface ProtoApiDeps {
  plaid: PlaidApi;
  cipher: TokenCipher;
  store: PrototypeStore;
  timezone: string;
  /** Shown on the page so the owner knows whether real Plaid is in use; never the keys. */
  plaidEnv: string;
  clock?: () => Date;
  categorize?: Categorizer;
  /** How long linking waits for Plaid to finish preparing the item's history (then syncs what it has). */
  historyWaitMs?: number;
  pollMs?: number;
}

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

const HISTORY_READY = 'HISTORICAL_UPDATE_COMPLETE';

/**
 * The prototype's backend, as connect middleware under /proto-api (mounted in Vite's dev server). It alone
 * holds the Plaid keys and the access tokens; the browser gets figures only.
 *   GET  /proto-api/dashboard  the figures for today
 *   POST /proto-api/link       link a sandbox bank, wait for its history, sync it
 *   POST /proto-api/sync       sync every linked bank
 */
export function createProtoApi(deps: ProtoApiDeps): Middleware {
  const clock = deps.clock ?? (() => new Date());
  const categorize = deps.categorize ?? categorizeSyncedTransaction;
  const historyWaitMs = deps.historyWaitMs ?? 30_000;
  const pollMs = deps.pollMs ?? 250;
  // One user, one file: operations run one at a time so two clicks never interleave read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const syncItem = async (data: PrototypeData, itemId: string): Promise<PrototypeData> => {
    const item = data.items.find((i) => i.itemId === itemId);
    if (!item) throw new DomainError('NOT_FOUND', `no linked item ${itemId}`);
    const result = await fetchSyncPlan(
      deps.plaid,
      deps.cipher.decrypt(item.accessTokenEncrypted),
      item.cursor,
    );
    return applySyncPlan(data, itemId, result, categorize, clock());
  };

  const syncUntilHistoryReady = async (data: PrototypeData, itemId: string): Promise<PrototypeData> => {
    const deadline = Date.now() + historyWaitMs;
    let current = await syncItem(data, itemId);
    while (
      current.items.find((i) => i.itemId === itemId)?.updateStatus !== HISTORY_READY &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      current = await syncItem(current, itemId);
    }
    return current;
  };

  const figures = (data: PrototypeData) => ({
    plaidEnv: deps.plaidEnv,
    ...dashboardFigures(data, clock(), deps.timezone),
  });

  const routes: Record<string, () => Promise<unknown>> = {
    'GET /dashboard': async () => figures(await deps.store.read()),
    'POST /link': () =>
      serial(async () => {
        let data = await deps.store.read();
        const { item, accounts } = await linkSandboxBank(deps.plaid, deps.cipher, clock());
        data = { ...data, items: [...data.items.filter((i) => i.itemId !== item.itemId), item] };
        for (const a of accounts) data.accounts[a.plaidAccountId] = { ...a, itemId: item.itemId };
        await deps.store.write(data);
        data = await syncUntilHistoryReady(data, item.itemId);
        await deps.store.write(data);
        return figures(data);
      }),
    'POST /sync': () =>
      serial(async () => {
        let data = await deps.store.read();
        for (const item of data.items) data = await syncItem(data, item.itemId);
        await deps.store.write(data);
        return figures(data);
      }),
  };

  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://prototype.local');
    if (!url.pathname.startsWith(`${PROTO_API_PREFIX}/`)) return next();
    const route = routes[`${req.method} ${url.pathname.slice(PROTO_API_PREFIX.length)}`];
    if (!route)
      return send(res, 404, { error: { code: 'NOT_FOUND', message: 'no such prototype endpoint' } });
    // Writes must be JSON: a cross-site form cannot send that without a CORS preflight, which we never answer.
    if (req.method !== 'GET' && !req.headers['content-type']?.startsWith('application/json')) {
      return send(res, 415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send application/json' } });
    }
    route().then(
      (body) => send(res, 200, body),
      (error: unknown) => {
        const code = error instanceof DomainError ? error.code : 'INTERNAL';
        const message = error instanceof Error ? error.message : String(error);
        console.error(`prototype: ${req.method} ${url.pathname} failed: ${code}: ${message}`);
        send(res, code === 'NOT_FOUND' ? 404 : 502, { error: { code, message } });
      },
    );
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
