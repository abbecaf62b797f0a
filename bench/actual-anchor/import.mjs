// Times Actual Budget's importTransactions on the transactions in the JSON file named by argv[2] (one account,
// a fresh budget file in a temporary folder). Prints one `BENCH_JSON {…}` line. Run by bench/actual-import.ts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as actual from '@actual-app/api';

const transactions = JSON.parse(await readFile(process.argv[2], 'utf8'));
const dataDir = await mkdtemp(join(tmpdir(), 'finsync-actual-anchor-'));
// Actual logs its progress on stdout; keep stdout for the result line.
const log = console.log;
console.log = (...args) => console.error(...args);
let figures;
try {
  await actual.init({ dataDir });
  await actual.runImport('finsync-anchor', async () => {
    const account = await actual.createAccount({ name: 'Checking', offbudget: false }, 0);
    const started = performance.now();
    const result = await actual.importTransactions(account, transactions);
    const ms = performance.now() - started;
    if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
    figures = {
      actualRows: transactions.length,
      actualAdded: result.added.length,
      actualMs: Math.round(ms),
      actualTxPerSec: Math.round(transactions.length / (ms / 1000)),
    };
  });
  await actual.shutdown();
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
log(`BENCH_JSON ${JSON.stringify(figures)}`);
