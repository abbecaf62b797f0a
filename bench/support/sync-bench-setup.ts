// Shared set-up for the sync benchmarks: a scratch PostgreSQL database, the emulator, a linked item.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { migrateToLatest } from '@finsync/migrations';
import { createDatabase, type Db } from '@finsync/shared';
import {
  categorizeSyncedTransactions,
  precategorizeSyncedTransactions,
  seedSystemCategories,
} from '@finsync/shared/categorize-service';
import { createTokenCipher, type TokenCipher } from '@finsync/shared/crypto';
import { createPlaidClient } from '@finsync/shared/plaid';
import { createInProcessJobQueue } from '@finsync/shared/queue';
import { exchangePublicToken, type SyncDeps } from '@finsync/shared/sync';
import { createEmptyTestDatabase } from '@finsync/test-support';
import { type CpuSample, sampleCpu } from './cpu-seconds.ts';

export interface SyncBench {
  db: Db;
  /** The scratch database's URL (for the COPY anchor's own connection). */
  url: string;
  /**
   * A second emulator item of the same size that finsync never syncs: paged raw, it shows what the emulator
   * costs on pages it has not answered before (it caches each transaction's JSON and each chain's netting,
   * so paging the synced item again is cheaper than the sync's own first paging was).
   */
  twinAccessToken: string;
  /** Samples the CPU used so far by this process, the emulator and the scratch database's backends. */
  cpu(): CpuSample;
  deps: SyncDeps;
  itemId: string;
  close(): Promise<void>;
}

export function argNumber(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** A free TCP port on 127.0.0.1 (BENCH_EMULATOR_PORT overrides it). */
async function freePort(): Promise<number> {
  if (process.env.BENCH_EMULATOR_PORT) return Number(process.env.BENCH_EMULATOR_PORT);
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * The Plaid emulator in a process of its own (`pnpm emulator`), so the benchmark measures finsync alone:
 * the emulator's JSON encoding and paging no longer share the event loop with the sync.
 */
export async function startEmulatorProcess(): Promise<{
  url: string;
  pid: number | undefined;
  close(): Promise<void>;
}> {
  const port = await freePort();
  const main = fileURLToPath(new URL('../../emulator/src/main.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { ...process.env, EMULATOR_HOST: '127.0.0.1', EMULATOR_PORT: String(port), EMULATOR_SEED: '99' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  for (let i = 0; !output.includes('listening'); i++) {
    if (child.exitCode !== null || i > 300) throw new Error(`emulator did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    pid: child.pid,
    async close() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

export async function setUpSyncBench(transactions: number): Promise<SyncBench> {
  const scratch = await createEmptyTestDatabase();
  const db = createDatabase({ kind: 'postgres', url: scratch.url, poolMax: 4 });
  await migrateToLatest(db);
  const emulator = await startEmulatorProcess();
  const plaid = createPlaidClient({
    PLAID_ENV: 'emulator',
    PLAID_EMULATOR_URL: emulator.url,
    PLAID_CLIENT_ID: 'finsync-emulator-client',
    PLAID_SECRET: 'finsync-emulator-secret',
    PLAID_TIMEOUT_MS: 30_000,
  });
  const cipher: TokenCipher = createTokenCipher(new Map([['b1', randomBytes(32)]]), 'b1');
  const queue = createInProcessJobQueue();
  const user = await db
    .insertInto('users')
    .values({ email: 'bench@example.test', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // As sign-up does: the system categories Plaid's codes map to, so categorization has real work to do.
  await seedSystemCategories(db, user.id);
  const sandboxItem = async () => {
    const res = await fetch(`${emulator.url}/emulator/sandbox-items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ transactions, history_days: 730 }),
    });
    return (await res.json()) as { public_token: string; access_token: string };
  };
  const created = await sandboxItem();
  const twin = await sandboxItem();
  const clock = () => new Date();
  const item = await exchangePublicToken(
    { db, plaid, cipher, queue, clock, syncIntervalHours: 6 },
    { userId: user.id, publicToken: created.public_token },
  );
  return {
    db,
    url: scratch.url,
    twinAccessToken: twin.access_token,
    cpu: () => sampleCpu(new URL(scratch.url).pathname.slice(1), emulator.pid),
    // The worker's categorization (no rules, no learned model yet: a new user's first sync).
    deps: {
      db,
      plaid,
      cipher,
      clock,
      categorize: categorizeSyncedTransactions,
      ...(process.argv.includes('--no-precategorize')
        ? {}
        : { precategorize: (input) => precategorizeSyncedTransactions(input) }),
    },
    itemId: item.id,
    async close() {
      await queue.close();
      await emulator.close();
      await db.destroy();
      await scratch.drop();
    },
  };
}
