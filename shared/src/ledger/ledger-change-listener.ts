import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DatabaseTarget } from '../db/create-database.ts';
import { pgConnectionOptions } from '../db/pg-connection-options.ts';
import { LEDGER_CHANGED_CHANNEL } from '../tables/ledger-versions.ts';
import type { LedgerVersionCache } from './ledger-version-cache.ts';

export interface LedgerChangeListener {
  /** Resolves once every change committed before the call has been heard (a marker sent through the channel). */
  caughtUp(): Promise<void>;
  close(): Promise<void>;
}

export interface ListenTarget {
  url: string;
  caCertPath?: string | undefined;
}

const MARKER = 'caught-up:';

/** Where to listen for a database handle's target: its PostgreSQL server; none for PGlite. */
export function listenTargetOf(target: DatabaseTarget): ListenTarget | undefined {
  return target.kind === 'postgres' ? { url: target.url, caCertPath: target.caCertPath } : undefined;
}

/**
 * Keeps `cache` told of every ledger change: one connection LISTENs on the channel the database announces
 * version changes on (migration 2026_11_29_2320_ledger_version_notify) and tells the cache of each user named.
 * The cache remembers only while the LISTEN stands: it is suspended until the first LISTEN is acknowledged and
 * whenever the connection ends or fails, and resumed (from an empty memory) once listening again, retried every
 * `retryMs`.
 */
export async function listenForLedgerChanges(
  target: ListenTarget,
  cache: LedgerVersionCache,
  options: { retryMs?: number; onError?: (error: Error) => void } = {},
): Promise<LedgerChangeListener> {
  const retryMs = options.retryMs ?? 1_000;
  const { connectionString, ssl } = pgConnectionOptions(target.url, target.caCertPath);
  const markers = new Map<string, () => void>();
  let client: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const sendMarker = (c: pg.Client, id: string) =>
    c.query('SELECT pg_notify($1, $2)', [LEDGER_CHANGED_CHANNEL, MARKER + id]).catch(() => {
      // The connection failed: the marker is sent again once listening again.
    });

  const lost = (c: pg.Client, error?: Error) => {
    if (client !== c) return;
    client = undefined;
    listening = false;
    cache.suspend();
    if (error) options.onError?.(error);
    c.end().catch(() => {});
    if (!closed) retry = setTimeout(() => void connect(), retryMs);
  };

  async function connect(): Promise<void> {
    retry = undefined;
    const c = new pg.Client({
      connectionString,
      ssl,
      keepAlive: true,
      application_name: 'finsync-ledger-listener',
    });
    client = c;
    c.on('notification', (message) => {
      const payload = message.payload ?? '';
      if (payload.startsWith(MARKER)) {
        const id = payload.slice(MARKER.length);
        markers.get(id)?.();
        markers.delete(id);
      } else if (payload) cache.changed(payload);
    });
    c.on('error', (error) => lost(c, error));
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${LEDGER_CHANGED_CHANNEL}`);
    } catch (error) {
      lost(c, error as Error);
      return;
    }
    if (client !== c || closed) return;
    listening = true;
    cache.resume();
    for (const id of markers.keys()) void sendMarker(c, id);
  }

  await connect();
  return {
    caughtUp() {
      const id = randomUUID();
      const heard = new Promise<void>((resolve) => markers.set(id, resolve));
      if (client && listening) void sendMarker(client, id);
      return heard;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      listening = false;
      cache.suspend();
      await c?.end().catch(() => {});
    },
  };
}
