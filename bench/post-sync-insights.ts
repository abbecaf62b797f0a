// The worker's post-sync insights job (transfer pairing over the whole history, recurring series) on an
// item's two years of history: the first run after the historical sync, then the runs after later syncs.
// Usage: pnpm bench post-sync-insights [--transactions 20000] [--runs 10]
import { syncItem } from '@finsync/shared/sync';
import { createRefreshInsightsProcessor } from '@finsync/worker';
import { argNumber, setUpSyncBench } from './support/sync-bench-setup.ts';

const n = argNumber('transactions', 20_000);
const runs = argNumber('runs', 10);
const bench = await setUpSyncBench(n);
try {
  await syncItem(bench.deps, { itemId: bench.itemId, trigger: 'initial' });
  const { user_id: userId } = await bench.db
    .selectFrom('plaid_items')
    .select('user_id')
    .where('id', '=', bench.itemId)
    .executeTakeFirstOrThrow();
  const refresh = createRefreshInsightsProcessor({ db: bench.db, now: () => new Date() });
  let start = performance.now();
  const first = (await refresh({ userId })) as { transferPairs: number; recurringSeries: number };
  const firstMs = performance.now() - start;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    start = performance.now();
    await refresh({ userId });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`post-sync insights on an item with ${n} transactions over 730 days:`);
  console.log(
    `  first run ${firstMs.toFixed(1)} ms (${first.transferPairs} transfer pairs, ${first.recurringSeries} series)`,
  );
  console.log(
    `  later runs, ${runs}: median ${at(0.5)} ms   p95 ${at(0.95)} ms   min ${times[0]!.toFixed(1)} ms`,
  );
} finally {
  await bench.close();
}
