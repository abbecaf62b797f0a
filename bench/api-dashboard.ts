// Dashboard summary under load: a user with 100k transactions, 50 connections, beside bare Fastify on the same box.
// Usage: pnpm bench api-dashboard [--transactions 100000] [--connections 50] [--seconds 10]
import type { AddressInfo } from 'node:net';
import { buildApp } from '@finsync/api';
import { migrateToLatest } from '@finsync/migrations';
import { createDatabase, loadApiConfig } from '@finsync/shared';
import { createEmptyTestDatabase, signUpThroughLink } from '@finsync/test-support';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'kysely';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const transactions = arg('transactions', 100_000);
const connections = arg('connections', 50);
const seconds = arg('seconds', 10);

async function load(url: string, headers: Record<string, string> = {}, expect304 = false) {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  const refused = expect304
    ? result.requests.total - (result.statusCodeStats?.['304']?.count ?? 0)
    : result.non2xx;
  if (refused > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
  };
}

// A prefix of its own: test runs drop every database under the default prefix when they start.
process.env.FINSYNC_TEST_DB_PREFIX ??= 'finsync_bench_api';
const scratch = await createEmptyTestDatabase();
const db = createDatabase({ kind: 'postgres', url: scratch.url, poolMax: 20 });
try {
  await migrateToLatest(db);
  const app = await buildApp({
    config: loadApiConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', COOKIE_SECURE: 'false' }),
    db,
    plaidItems: { removeItem: async () => {} },
    // As in production: versions and summaries kept in memory, told of changes by the database.
    ledgerChanges: { url: scratch.url },
  });
  const signup = await signUpThroughLink(app, db, {
    email: 'bench@example.com',
    password: 'benchmark password 1',
  });
  const user = signup.json().user as { id: string };
  const cookie = signup.cookies.find((c) => c.name === 'fs_access');
  if (!cookie) throw new Error(`signup failed: ${signup.body}`);

  // Seed as the owner (like the sync worker): 2 items' worth of accounts, ~2 years of history, 40 categories.
  const seedStart = performance.now();
  const item = await db
    .insertInto('plaid_items')
    .values({ user_id: user.id, plaid_item_id: 'bench-item', access_token_encrypted: 'x:y:z:w' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = await db
    .insertInto('accounts')
    .values({
      user_id: user.id,
      item_id: item.id,
      plaid_account_id: 'bench-acc',
      name: 'Checking',
      type: 'depository',
      currency: 'USD',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`
    INSERT INTO transactions (user_id, item_id, account_id, plaid_transaction_id, amount_minor, currency, date,
                              raw_name, category_id, is_transfer, pending)
    SELECT ${user.id}::uuid, ${item.id}::uuid, ${account.id}::uuid, 'bench-' || g,
           CASE WHEN g % 15 = 0 THEN -(200000 + g % 50000) ELSE 100 + (g * 7919) % 20000 END,
           'USD', DATE '2026-11-30' - (g % 700), 'MERCHANT ' || (g % 500),
           (SELECT id FROM categories c WHERE c.user_id = ${user.id}::uuid AND NOT c.is_group
              ORDER BY c.sort_order OFFSET (g % 40) LIMIT 1),
           g % 50 = 0, g % 97 = 0
    FROM generate_series(1, ${transactions}) g`.execute(db);
  await sql`ANALYZE transactions`.execute(db);
  await sql`ANALYZE cash_flow_daily`.execute(db);
  console.log(
    `seeded ${transactions} transactions in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const headers = { cookie: `fs_access=${cookie.value}` };

  const bare = Fastify({ logger: false });
  bare.get('/', async () => ({ hello: 'world' }));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/`;

  const periods = [
    ['month (daily trend)', '2026-11-01', '2026-11-30'],
    ['year (monthly trend)', '2025-12-01', '2026-11-30'],
  ] as const;
  console.log(
    `autocannon: ${connections} connections × ${seconds} s each, on ${process.platform}/${process.arch}`,
  );
  const fmt = (r: Awaited<ReturnType<typeof load>>) =>
    `${r.reqPerSec.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   (${r.total} requests)`;
  const bareResult = await load(bareUrl);
  console.log(`bare Fastify hello-world     ${fmt(bareResult)}`);
  const figures: Record<string, number> = {
    bareReqPerSec: Math.round(bareResult.reqPerSec),
    bareP99: bareResult.p99,
  };
  for (const [label, from, to] of periods) {
    const url = `${base}/api/v1/dashboard/summary?from=${from}&to=${to}`;
    const check = await fetch(url, { headers });
    const body = (await check.json()) as { transactionCount: number };
    const etag = check.headers.get('etag') ?? '';
    const result = await load(url, headers);
    console.log(`dashboard ${label.padEnd(20)} ${fmt(result)}   [${body.transactionCount} txns in period]`);
    console.log(
      `  = ${((result.reqPerSec / bareResult.reqPerSec) * 100).toFixed(1)}% of bare Fastify's req/s`,
    );
    // What the SPA does on every later visit: revalidate with the ETag it holds (304 while nothing changed).
    const revalidated = await load(url, { ...headers, 'if-none-match': etag }, true);
    console.log(`  revalidated (If-None-Match → 304) ${fmt(revalidated)}`);
    // The first read after each change computes the summary from the rollups (nothing in memory serves it):
    // one request at a time, each after a write to one of the user's transactions.
    const computed: number[] = [];
    for (let i = 0; i < 30; i++) {
      await sql`UPDATE transactions SET notes = ${`bench ${i}`} WHERE plaid_transaction_id = 'bench-1'`.execute(
        db,
      );
      await app.ledgerReads.caughtUp();
      const started = performance.now();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url}: ${res.status} after a change`);
      computed.push(performance.now() - started);
    }
    computed.sort((a, b) => a - b);
    const computedP50 = Math.round(computed[Math.floor(computed.length / 2)]!);
    const computedMax = Math.round(computed.at(-1)!);
    console.log(
      `  computed after a change (one at a time, n=30): p50 ${computedP50} ms, max ${computedMax} ms`,
    );
    const key = label.startsWith('month') ? 'month' : 'year';
    Object.assign(figures, {
      [`${key}ReqPerSec`]: Math.round(result.reqPerSec),
      [`${key}P50`]: result.p50,
      [`${key}P99`]: result.p99,
      [`${key}PctOfBare`]: Math.round((result.reqPerSec / bareResult.reqPerSec) * 1000) / 10,
      [`${key}304ReqPerSec`]: Math.round(revalidated.reqPerSec),
      [`${key}304P99`]: revalidated.p99,
      [`${key}ComputedP50`]: computedP50,
      [`${key}ComputedMax`]: computedMax,
    });
  }
  console.log(`BENCH_JSON ${JSON.stringify(figures)}`);
  await bare.close();
  await app.close();
} finally {
  await db.destroy();
  await scratch.drop();
}
