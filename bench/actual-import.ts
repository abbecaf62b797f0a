// Anchor for the ingest figures of issue 16: Actual Budget's importTransactions (@actual-app/api) on the same
// transactions the historical-sync benchmark syncs (the emulator in its own process, same seed and size).
// Actual lives in bench/actual-anchor, a workspace of its own installed here on first use, so that the root
// install never carries it.
// Usage: pnpm bench actual-import [--transactions 10000]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPlaidClient } from '@finsync/shared/plaid';
import type { Transaction } from 'plaid';
import { argNumber, startEmulatorProcess } from './support/sync-bench-setup.ts';

const n = argNumber('transactions', 10_000);
const anchorDir = fileURLToPath(new URL('./actual-anchor/', import.meta.url));

if (!existsSync(join(anchorDir, 'node_modules', '@actual-app', 'api'))) {
  console.error('installing @actual-app/api into bench/actual-anchor (first use)…');
  const install = spawnSync('pnpm', ['install', '--frozen-lockfile', '--reporter=silent'], {
    cwd: anchorDir,
    stdio: 'inherit',
  });
  if (install.status !== 0) throw new Error(`pnpm install in bench/actual-anchor failed (${install.status})`);
}

/** The item's transactions, paged from the emulator as the sync pages them. */
async function emulatorTransactions(): Promise<Transaction[]> {
  const emulator = await startEmulatorProcess();
  try {
    const plaid = createPlaidClient({
      PLAID_ENV: 'emulator',
      PLAID_EMULATOR_URL: emulator.url,
      PLAID_CLIENT_ID: 'finsync-emulator-client',
      PLAID_SECRET: 'finsync-emulator-secret',
      PLAID_TIMEOUT_MS: 30_000,
    });
    const res = await fetch(`${emulator.url}/emulator/sandbox-items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ transactions: n, history_days: 730 }),
    });
    const { public_token } = (await res.json()) as { public_token: string };
    const { data } = await plaid.itemPublicTokenExchange({ public_token });
    const all: Transaction[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await plaid.transactionsSync({
        access_token: data.access_token,
        count: 500,
        ...(cursor ? { cursor } : {}),
      });
      all.push(...page.data.added);
      cursor = page.data.next_cursor;
      if (!page.data.has_more) break;
    }
    return all;
  } finally {
    await emulator.close();
  }
}

const transactions = await emulatorTransactions();
// Actual's import shape: integer cents, outflow negative (Plaid's amount is positive for money out).
const rows = transactions.map((t) => ({
  date: t.date,
  amount: -Math.round(t.amount * 100),
  payee_name: t.merchant_name ?? t.name,
  imported_id: t.transaction_id,
  notes: t.name,
}));
const dir = await mkdtemp(join(tmpdir(), 'finsync-actual-import-'));
try {
  const file = join(dir, 'transactions.json');
  await writeFile(file, JSON.stringify(rows));
  const child = spawnSync(process.execPath, [join(anchorDir, 'import.mjs'), file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (child.status !== 0 || !line) throw new Error(`Actual's import failed (exit ${child.status})`);
  const figures = JSON.parse(line.slice('BENCH_JSON '.length)) as {
    actualMs: number;
    actualTxPerSec: number;
  };
  console.log(
    `Actual Budget importTransactions (@actual-app/api 26.9.0): ${rows.length} transactions in ${figures.actualMs} ms → ${figures.actualTxPerSec} tx/s`,
  );
  console.log(`BENCH_JSON ${line.slice('BENCH_JSON '.length)}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
