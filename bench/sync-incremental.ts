// A no-change incremental sync (the common webhook/schedule case) after a historical sync.
// Usage: pnpm bench sync-incremental [--transactions 10000] [--runs 30]
import { syncItem } from '@finsync/shared/sync';
import { argNumber, setUpSyncBench } from './support/sync-bench-setup.ts';

const n = argNumber('transactions', 10_000);
const runs = argNumber('runs', 30);
const bench = await setUpSyncBench(n);
try {
  await syncItem(bench.deps, { itemId: bench.itemId, trigger: 'initial' });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = await syncItem(bench.deps, { itemId: bench.itemId, trigger: 'webhook' });
    times.push(performance.now() - start);
    if (result.outcome !== 'succeeded' || result.changed !== 0) throw new Error('expected a no-change sync');
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`no-change incremental sync of an item with ${n} transactions, ${runs} runs:`);
  console.log(`  median ${at(0.5)} ms   p95 ${at(0.95)} ms   min ${times[0]!.toFixed(1)} ms`);
} finally {
  await bench.close();
}
