// Pages a 50k-transaction item out of the Plaid emulator through the official SDK at count=500.
// Run: node bench/run.ts emulator-sync [transactions]
import { startEmulator } from '@finsync/emulator';
import { Configuration, PlaidApi } from 'plaid';

const total = Number(process.argv[2] ?? 50_000);
const emulator = await startEmulator({ port: 0, initialDelayMs: 0, historicalDelayMs: 0 });
try {
  const plaid = new PlaidApi(
    new Configuration({
      basePath: emulator.url,
      baseOptions: {
        headers: { 'PLAID-CLIENT-ID': 'finsync-emulator-client', 'PLAID-SECRET': 'finsync-emulator-secret' },
        proxy: false,
      },
    }),
  );
  let t0 = performance.now();
  const res = await fetch(`${emulator.url}/emulator/sandbox-items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ transactions: total, history_days: 730 }),
  });
  const created = (await res.json()) as { public_token: string };
  const generateMs = performance.now() - t0;
  const { data: exchanged } = await plaid.itemPublicTokenExchange({ public_token: created.public_token });

  t0 = performance.now();
  let cursor: string | undefined;
  let added = 0;
  let pages = 0;
  for (;;) {
    const { data } = await plaid.transactionsSync({
      access_token: exchanged.access_token,
      count: 500,
      ...(cursor ? { cursor } : {}),
    });
    added += data.added.length;
    pages++;
    cursor = data.next_cursor;
    if (!data.has_more) break;
  }
  const syncMs = performance.now() - t0;
  console.log(`emulator-sync: generated ${added} transactions in ${generateMs.toFixed(0)} ms`);
  console.log(
    `emulator-sync: paged ${added} transactions in ${pages} pages (count=500) in ${syncMs.toFixed(0)} ms`,
  );
  console.log(
    `emulator-sync: ${Math.round(added / (syncMs / 1000))} tx/s, ${(syncMs / pages).toFixed(1)} ms/page`,
  );
} finally {
  await emulator.close();
}
