// `pnpm bench fleet [--items 10000] [--workers 2] [--quick]`: a fleet of worker processes sweeps N linked items.
// The emulator runs in its own process behind a counting proxy (every Plaid call the workers make passes it);
// the workers are the production worker (worker/src/main.ts) on BullMQ, sharing the Redis-backed Plaid rate
// limiter. Mid-sweep one worker is killed with SIGKILL and started again; at the end every item must have a
// succeeded sync run. Prints items per minute, the most Plaid calls seen in any limiter window (sliding,
// per client and per item) beside the limits, and the items lost. `--quick`: 200 items, a 5 s window.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { migrateToLatest } from '@finsync/migrations';
import { createDatabase } from '@finsync/shared';
import { createTokenCipher } from '@finsync/shared/crypto';
import { createPlaidClient } from '@finsync/shared/plaid';
import { createInProcessJobQueue, createJobProducer, createRedis } from '@finsync/shared/queue';
import { exchangePublicToken } from '@finsync/shared/sync';
import { createEmptyTestDatabase, testEnvironment } from '@finsync/test-support';
import { argNumber, startEmulatorProcess } from './support/sync-bench-setup.ts';

const quick = process.argv.includes('--quick');
const items = argNumber('items', quick ? 200 : 10_000);
const workers = argNumber('workers', 2);
const windowSeconds = argNumber('window', quick ? 5 : 60);
const clientLimit = argNumber('client-limit', quick ? 150 : 2_500);
const itemLimit = argNumber('item-limit', quick ? 4 : 50);
const itemsPerUser = 10;
const log = (line: string) => console.error(`[fleet] ${line}`);

const redisUrl = testEnvironment(process.env).redisUrl;
const prefix = `finsync-bench-fleet-${randomUUID().slice(0, 8)}`;
const scratch = await createEmptyTestDatabase();
const db = createDatabase({ kind: 'postgres', url: scratch.url, poolMax: 8 });
await migrateToLatest(db);
const emulator = await startEmulatorProcess();

// The counting proxy: each Plaid call (path, item token hash) with the time it passed.
const calls: { at: number; path: string; token: string | null }[] = [];
const proxy = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    let token: string | null = null;
    try {
      token = (JSON.parse(body.toString() || '{}') as { access_token?: string }).access_token ?? null;
    } catch {}
    calls.push({ at: Date.now(), path: req.url ?? '', token });
    const target = new URL(req.url ?? '/', emulator.url);
    const out = request(target, { method: req.method, headers: req.headers }, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    });
    out.on('error', () => res.writeHead(502).end());
    out.end(body);
  });
});
proxy.listen(Number(process.env.BENCH_PROXY_PORT ?? 0), '127.0.0.1');
await once(proxy, 'listening');
const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;

// Link N items (the API's exchange flow, against the emulator directly: linking is not what is measured).
const keys = `b1:${randomBytes(32).toString('base64')}`;
const cipher = createTokenCipher(new Map([['b1', Buffer.from(keys.slice(3), 'base64')]]), 'b1');
const plaid = createPlaidClient({
  PLAID_ENV: 'emulator',
  PLAID_EMULATOR_URL: emulator.url,
  PLAID_CLIENT_ID: 'finsync-emulator-client',
  PLAID_SECRET: 'finsync-emulator-secret',
  PLAID_TIMEOUT_MS: 30_000,
});
const linkQueue = createInProcessJobQueue(); // never started: the sweep below queues the syncs
const linkStarted = Date.now();
let linked = 0;
async function linkOne(i: number, userId: string) {
  const res = await fetch(`${emulator.url}/emulator/sandbox-items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ transactions: 3 + (i % 5), history_days: 30 }),
  });
  const created = (await res.json()) as { public_token: string };
  await exchangePublicToken(
    { db, plaid, cipher, queue: linkQueue, clock: () => new Date(), syncIntervalHours: 6 },
    { userId, publicToken: created.public_token },
  );
  linked++;
}
for (let u = 0; u * itemsPerUser < items; u++) {
  const user = await db
    .insertInto('users')
    .values({ email: `fleet-${u}@example.test`, password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const batch = Math.min(itemsPerUser, items - u * itemsPerUser);
  await Promise.all(Array.from({ length: batch }, (_, k) => linkOne(u * itemsPerUser + k, user.id)));
  if (u % 100 === 99) log(`linked ${linked}/${items}`);
}
await linkQueue.close();
log(`linked ${items} items in ${((Date.now() - linkStarted) / 1000).toFixed(1)} s`);
calls.length = 0;

// The fleet.
const workerMain = fileURLToPath(new URL('../worker/src/main.ts', import.meta.url));
const workerEnv = {
  ...process.env,
  NODE_ENV: 'development',
  LOG_LEVEL: 'silent',
  DATABASE_URL: scratch.url,
  DATABASE_POOL_MAX: '4',
  REDIS_URL: redisUrl,
  REDIS_PREFIX: prefix,
  TOKEN_ENCRYPTION_KEYS: keys,
  TOKEN_ENCRYPTION_ACTIVE_KID: 'b1',
  PLAID_EMULATOR_URL: proxyUrl,
  PLAID_RATE_LIMIT_CLIENT: String(clientLimit),
  PLAID_RATE_LIMIT_ITEM_SYNC: String(itemLimit),
  PLAID_RATE_LIMIT_WINDOW_SECONDS: String(windowSeconds),
  WORKER_CONCURRENCY: '8',
  // A killed worker's jobs are taken over once their lock lapses.
  WORKER_LOCK_MS: '5000',
};
const startWorkerProcess = (): ChildProcess =>
  spawn(process.execPath, [workerMain], { env: workerEnv, stdio: ['ignore', 'ignore', 'inherit'] });
const fleet = Array.from({ length: workers }, startWorkerProcess);

const succeeded = async () =>
  Number(
    (
      await db
        .selectFrom('sync_runs')
        .select((eb) => eb.fn.count<string>('item_id').distinct().as('n'))
        .where('status', '=', 'succeeded')
        .executeTakeFirstOrThrow()
    ).n,
  );

const producer = createJobProducer({ REDIS_URL: redisUrl, REDIS_PREFIX: prefix });
const started = Date.now();
await producer.queue.enqueue('sync-catch-up', {});
let killedAt: number | null = null;
let done = 0;
const deadline = started + (quick ? 5 : 60) * 60_000;
for (;;) {
  await new Promise((r) => setTimeout(r, 500));
  done = await succeeded();
  if (killedAt === null && done >= items * 0.3) {
    fleet[0]?.kill('SIGKILL');
    killedAt = done;
    log(`SIGKILL worker 1 at ${done}/${items} items; starting a replacement`);
    fleet[0] = startWorkerProcess();
  }
  if (done >= items || Date.now() > deadline) break;
}
const elapsedMs = Date.now() - started;

/** The most calls in any sliding window of the limiter's length (per client, or per item for sync). */
function maxInWindow(times: number[]): number {
  times.sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowSeconds * 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
const clientMax = maxInWindow(calls.map((c) => c.at));
const perItem = new Map<string, number[]>();
for (const c of calls)
  if (c.path === '/transactions/sync' && c.token)
    perItem.set(c.token, [...(perItem.get(c.token) ?? []), c.at]);
const itemMax = Math.max(0, ...[...perItem.values()].map(maxInWindow));

for (const w of fleet) w.kill('SIGTERM');
await Promise.all(fleet.map((w) => (w.exitCode === null ? once(w, 'exit') : undefined)));
await producer.close();
const redis = createRedis(redisUrl);
const stale = await redis.keys(`${prefix}:*`);
for (let i = 0; i < stale.length; i += 500) await redis.del(...stale.slice(i, i + 500));
await redis.quit();
proxy.close();
await emulator.close();
await db.destroy();
await scratch.drop();

const figures = {
  items,
  workers,
  itemsPerMinute: Math.round(done / (elapsedMs / 60_000)),
  sweepSeconds: Math.round(elapsedMs / 100) / 10,
  plaidCalls: calls.length,
  windowSeconds,
  clientMaxPerWindow: clientMax,
  clientLimit,
  itemSyncMaxPerWindow: itemMax,
  itemSyncLimit: itemLimit,
  killedAtItems: killedAt ?? -1,
  lostItems: items - done,
};
console.log(
  [
    `fleet: ${items} items, ${workers} worker processes, load ${loadavg()[0]?.toFixed(2)}`,
    `  ${figures.itemsPerMinute} items/min (${figures.sweepSeconds} s)`,
    `  Plaid calls in any ${windowSeconds} s window: ${clientMax} (limit ${clientLimit}); one item's /transactions/sync: ${itemMax} (limit ${itemLimit})`,
    `  worker 1 SIGKILLed at ${killedAt} items done; items without a succeeded sync at the end: ${items - done}`,
  ].join('\n'),
);
console.log(`BENCH_JSON ${JSON.stringify(figures)}`);
process.exit(items - done === 0 && clientMax <= clientLimit && itemMax <= itemLimit ? 0 : 1);
