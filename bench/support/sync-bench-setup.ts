// Shared set-up for the sync benchmarks: a scratch PostgreSQL database, the emulator, a linked item.
import { randomBytes } from 'node:crypto';
import { startEmulator } from '@finsync/emulator';
import { migrateToLatest } from '@finsync/migrations';
import { createDatabase, type Db } from '@finsync/shared';
import { createTokenCipher, type TokenCipher } from '@finsync/shared/crypto';
import { createPlaidClient } from '@finsync/shared/plaid';
import { createInProcessJobQueue } from '@finsync/shared/queue';
import { exchangePublicToken, type SyncDeps } from '@finsync/shared/sync';
import { createEmptyTestDatabase } from '@finsync/test-support';

export interface SyncBench {
  db: Db;
  deps: SyncDeps;
  itemId: string;
  close(): Promise<void>;
}

export function argNumber(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

export async function setUpSyncBench(transactions: number): Promise<SyncBench> {
  const scratch = await createEmptyTestDatabase();
  const db = createDatabase({ kind: 'postgres', url: scratch.url, poolMax: 4 });
  await migrateToLatest(db);
  const emulator = await startEmulator({ port: 0, seed: 99 });
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
  const res = await fetch(`${emulator.url}/emulator/sandbox-items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ transactions, history_days: 730 }),
  });
  const created = (await res.json()) as { public_token: string };
  const clock = () => new Date();
  const item = await exchangePublicToken(
    { db, plaid, cipher, queue, clock, syncIntervalHours: 6 },
    { userId: user.id, publicToken: created.public_token },
  );
  return {
    db,
    deps: { db, plaid, cipher, clock },
    itemId: item.id,
    async close() {
      await queue.close();
      await emulator.close();
      await db.destroy();
      await scratch.drop();
    },
  };
}
