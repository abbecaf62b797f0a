// Historical sync end to end: emulator (its own process) over HTTP → syncItem → PostgreSQL, for one item,
// beside its anchors in the same run: the emulator's raw paging speed (nothing stored; on a twin item never
// paged before, as the sync met it, and on the synced item again, whose pages the emulator has cached) and a
// plain COPY of the same rows into the same table (same indexes and triggers). Each phase prints the CPU seconds it
// cost this process, the emulator and PostgreSQL (on a shared machine, wall time is mostly waiting for a core).
// Usage: pnpm bench sync-historical [--transactions 50000] [--no-precategorize (every row through the backlog)]
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { syncItem } from '@finsync/shared/sync';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { cpuBetween } from './support/cpu-seconds.ts';
import { argNumber, setUpSyncBench } from './support/sync-bench-setup.ts';

const n = argNumber('transactions', 50_000);
const bench = await setUpSyncBench(n);
try {
  let fetchedAt = 0;
  const cpu = { start: bench.cpu(), fetched: bench.cpu(), commitStart: bench.cpu(), commitEnd: bench.cpu() };
  // The run's one commit transaction is its first: timed by wrapping the handle's transaction().
  const commit = { start: 0, end: 0 };
  const db = new Proxy(bench.deps.db, {
    get(target, property) {
      if (property === 'transaction' && commit.start === 0) {
        return () => {
          const builder = target.transaction();
          return new Proxy(builder, {
            get(b, p) {
              if (p !== 'execute') return Reflect.get(b, p, b);
              return async <T>(fn: (trx: never) => Promise<T>) => {
                cpu.commitStart = bench.cpu();
                commit.start = performance.now();
                try {
                  return await b.execute(fn as never);
                } finally {
                  commit.end = performance.now();
                  cpu.commitEnd = bench.cpu();
                }
              };
            },
          });
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  // Categorizing the new rows in memory before staging (none with --no-precategorize): timed by wrapping it.
  // The run categorizes and stages each page while it fetches the next, so these overlap the fetch; a call
  // yields between batches, so its wall time also holds what ran meanwhile (an upper bound, not its CPU).
  let precategorizeMs = 0;
  const precategorize = bench.deps.precategorize;
  cpu.start = bench.cpu();
  const start = performance.now();
  const result = await syncItem(
    {
      ...bench.deps,
      db,
      ...(precategorize && {
        precategorize: async (input) => {
          const categorizer = await precategorize(input);
          return {
            ...categorizer,
            categorize: async (rows) => {
              const t0 = performance.now();
              try {
                return await categorizer.categorize(rows);
              } finally {
                precategorizeMs += performance.now() - t0;
              }
            },
          };
        },
      }),
    },
    {
      itemId: bench.itemId,
      trigger: 'initial',
      onProgress: (p) => {
        if (p.phase === 'saving') {
          fetchedAt = performance.now();
          cpu.fetched = bench.cpu();
        }
      },
    },
  );
  const ms = performance.now() - start;
  if (result.outcome !== 'succeeded') throw new Error(`sync ${result.outcome}`);
  const { count } = await bench.db
    .selectFrom('transactions')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  const rows = Number(count);
  const stageMs = commit.start - fetchedAt;
  const commitMs = commit.end - commit.start;
  const writeMs = commit.end - fetchedAt;
  const drainMs = start + ms - commit.end;

  // Anchors: the emulator's raw paging speed, nothing stored: first a twin item of the same size never paged
  // before (what the sync's own paging met), then the synced item again (the emulator has its pages cached).
  const rawPaging = async (accessToken: string) => {
    const before = bench.cpu();
    const t0 = performance.now();
    let paged = 0;
    let cursor: string | undefined;
    for (;;) {
      const { data } = await bench.deps.plaid.transactionsSync({
        access_token: accessToken,
        count: 500,
        ...(cursor ? { cursor } : {}),
      });
      paged += data.added.length;
      cursor = data.next_cursor;
      if (!data.has_more) break;
    }
    const ms = performance.now() - t0;
    return { paged, ms, txPerSec: Math.round((paged / ms) * 1000), cpu: cpuBetween(before, bench.cpu()) };
  };
  const item = await bench.db
    .selectFrom('plaid_items')
    .select('access_token_encrypted')
    .where('id', '=', bench.itemId)
    .executeTakeFirstOrThrow();
  const coldPaging = await rawPaging(bench.twinAccessToken);
  const warmPaging = await rawPaging(bench.deps.cipher.decrypt(item.access_token_encrypted));

  // Anchor: plain COPY of the same rows into the same table, in one transaction.
  const client = new pg.Client({ connectionString: bench.url });
  await client.connect();
  const chunks: Buffer[] = [];
  await pipeline(
    client.query(copyTo('COPY transactions TO STDOUT (FORMAT binary)')),
    async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) chunks.push(chunk);
    },
  );
  await sql`DELETE FROM transactions`.execute(bench.db);
  await sql`VACUUM transactions`.execute(bench.db);
  const copyCpu = bench.cpu();
  const c0 = performance.now();
  await client.query('BEGIN');
  await pipeline(
    Readable.from(chunks),
    client.query(copyFrom('COPY transactions FROM STDIN (FORMAT binary)')),
  );
  await client.query('COMMIT');
  const copyMs = performance.now() - c0;
  const copyCpuLine = cpuBetween(copyCpu, bench.cpu());
  await client.end();

  console.log(`historical sync: ${rows} transactions, ${result.pages} pages (emulator in its own process)`);
  console.log(`  total   ${ms.toFixed(0)} ms  → ${((rows / ms) * 1000).toFixed(0)} tx/s end to end`);
  console.log(
    `  fetch   ${(fetchedAt - start).toFixed(0)} ms (emulator over HTTP, ${result.pages} × /transactions/sync, categorizing and staging meanwhile); ${cpuBetween(cpu.start, cpu.fetched)}`,
  );
  const perSec = (t: number) => ((rows / t) * 1000).toFixed(0);
  const perSecOr0 = (t: number) => (t > 0 ? perSec(t) : '–');
  console.log(
    `  categorize ${precategorizeMs.toFixed(0)} ms → ${perSecOr0(precategorizeMs)} rows/s (new rows in memory before staging, during the fetch, no transaction held; wall time inside the categorize calls, which yield between batches of 250 rows, so it includes fetch and COPY work interleaved with them)`,
  );
  console.log(
    `  stage   ${stageMs.toFixed(0)} ms → ${perSec(stageMs)} rows/s (COPY into sync_staged_transactions page by page during the fetch; what is left after it, and ANALYZE); ${cpuBetween(cpu.fetched, cpu.commitStart)}`,
  );
  // Staging that falls behind the fetch moves its work from the fetch's figures to the stage's: compare both.
  console.log(
    `  fetch + stage ${(commit.start - start).toFixed(0)} ms (until the commit); ${cpuBetween(cpu.start, cpu.commitStart)}`,
  );
  console.log(
    `  commit  ${commitMs.toFixed(0)} ms → ${perSec(commitMs)} rows/s (the one transaction: INSERT … SELECT + removals + cursor + rollups); ${cpuBetween(cpu.commitStart, cpu.commitEnd)}`,
  );
  console.log(`  after the fetch: stage + commit ${writeMs.toFixed(0)} ms → ${perSec(writeMs)} rows/s`);
  console.log(
    `  categorize backlog ${drainMs.toFixed(0)} ms (after the commit; system categories, no rules)`,
  );
  for (const [label, p] of [
    ['a twin item never paged', coldPaging],
    ['the synced item again, its pages cached', warmPaging],
  ] as const) {
    console.log(
      `  anchor: emulator raw paging, ${label}: ${p.txPerSec} tx/s (${p.paged} rows, ${p.ms.toFixed(0)} ms); ${p.cpu}`,
    );
  }
  console.log(
    `  anchor: plain COPY of the same rows into transactions ${((rows / copyMs) * 1000).toFixed(0)} rows/s (${copyMs.toFixed(0)} ms); ${copyCpuLine}`,
  );
  console.log(
    `BENCH_JSON ${JSON.stringify({
      syncRows: rows,
      syncTxPerSec: Math.round((rows / ms) * 1000),
      precategorizeMs: Math.round(precategorizeMs),
      stageMs: Math.round(stageMs),
      commitMs: Math.round(commitMs),
      commitRowsPerSec: Math.round((rows / commitMs) * 1000),
      stageAndCommitRowsPerSec: Math.round((rows / writeMs) * 1000),
      categorizeBacklogMs: Math.round(drainMs),
      emulatorPagingTxPerSec: coldPaging.txPerSec,
      emulatorCachedPagingTxPerSec: warmPaging.txPerSec,
      copyRowsPerSec: Math.round((rows / copyMs) * 1000),
    })}`,
  );
} finally {
  await bench.close();
}
