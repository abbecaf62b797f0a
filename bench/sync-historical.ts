// Historical sync end to end: emulator over HTTP → syncItem → PostgreSQL, for one item.
// Usage: pnpm bench sync-historical [--transactions 50000]
import { syncItem } from '@finsync/shared/sync';
import { argNumber, setUpSyncBench } from './support/sync-bench-setup.ts';

const n = argNumber('transactions', 50_000);
const bench = await setUpSyncBench(n);
try {
  let fetchedAt = 0;
  const start = performance.now();
  const result = await syncItem(bench.deps, {
    itemId: bench.itemId,
    trigger: 'initial',
    onProgress: (p) => {
      if (p.phase === 'saving') fetchedAt = performance.now();
    },
  });
  const ms = performance.now() - start;
  if (result.outcome !== 'succeeded') throw new Error(`sync ${result.outcome}`);
  const { count } = await bench.db
    .selectFrom('transactions')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  const rows = Number(count);
  console.log(`historical sync: ${rows} transactions, ${result.pages} pages`);
  console.log(`  total   ${ms.toFixed(0)} ms  → ${((rows / ms) * 1000).toFixed(0)} tx/s end to end`);
  console.log(
    `  fetch   ${(fetchedAt - start).toFixed(0)} ms (emulator over HTTP, ${result.pages} × /transactions/sync)`,
  );
  console.log(
    `  commit  ${(performance.now() - fetchedAt).toFixed(0)} ms (one transaction: upserts + cursor)`,
  );
} finally {
  await bench.close();
}
