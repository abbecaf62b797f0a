// Transfer detection over the whole history of the emulator's demo household (default seed and size):
// every own-account movement the emulator generated (savings transfers, card autopay, student-loan
// payments) is paired in every month, after the first historical sync and again after later syncs.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DemoHousehold, startDemoHousehold } from './demo-household.ts';
import { admin } from './sync-harness.ts';

let home: DemoHousehold;

beforeAll(async () => {
  home = await startDemoHousehold(inject('pgTemplate' as never));
});
afterAll(async () => {
  await home?.close();
});

interface TruthPair {
  key: string;
  outflow_transaction_id: string;
  inflow_transaction_id: string;
}

/** Per month (of the outflow leg): how many true pairs there are and how many we flagged and linked. */
async function recallByMonth(plaidItemId: string) {
  const truth = await admin<{ own_account_transfers: TruthPair[] }>(
    home.emulatorUrl,
    'GET',
    `/emulator/items/${plaidItemId}/ground-truth`,
  );
  const rows = await home.tdb.db
    .selectFrom('transactions')
    .select(['id', 'plaid_transaction_id', 'date', 'is_transfer', 'transfer_pair_id'])
    .where('user_id', '=', home.userId)
    .execute();
  const byPlaidId = new Map(rows.map((r) => [r.plaid_transaction_id, r]));
  const months = new Map<string, { pairs: number; flagged: number }>();
  const truePairs = new Set<string>();
  for (const p of truth.own_account_transfers) {
    const out = byPlaidId.get(p.outflow_transaction_id);
    const inn = byPlaidId.get(p.inflow_transaction_id);
    expect(out, `outflow leg ${p.key} stored`).toBeDefined();
    expect(inn, `inflow leg ${p.key} stored`).toBeDefined();
    truePairs.add(`${out!.id}:${inn!.id}`);
    const month = out!.date.slice(0, 7);
    const m = months.get(month) ?? { pairs: 0, flagged: 0 };
    m.pairs++;
    if (
      out!.is_transfer &&
      inn!.is_transfer &&
      out!.transfer_pair_id === inn!.id &&
      inn!.transfer_pair_id === out!.id
    )
      m.flagged++;
    months.set(month, m);
  }
  // Every pair we stored is one the emulator generated (no purchase/refund coincidences paired).
  const stored = rows.filter((r) => r.transfer_pair_id);
  const falsePairs = stored.filter(
    (r) => !truePairs.has(`${r.id}:${r.transfer_pair_id}`) && !truePairs.has(`${r.transfer_pair_id}:${r.id}`),
  );
  return { months: Object.fromEntries([...months].sort()), falsePairs: falsePairs.length };
}

function expectFullRecall(months: Record<string, { pairs: number; flagged: number }>) {
  const missing = Object.entries(months).filter(([, m]) => m.flagged !== m.pairs);
  expect(missing).toEqual([]);
}

describe('transfer detection over the whole history', () => {
  it('pairs every month’s own-account transfers after the historical sync and after later syncs', async () => {
    const { plaidItemId } = home;
    const first = await recallByMonth(plaidItemId);
    // Two years of history: savings on the 2nd, student loan on the 15th, card autopay on the 25th.
    expect(Object.keys(first.months).length).toBeGreaterThanOrEqual(24);
    expect(first.months['2025-01']).toEqual({ pairs: 3, flagged: 3 });
    expectFullRecall(first.months);
    expect(first.falsePairs).toBe(0);

    // Later syncs: new days arrive (crossing a 2nd, 15th and 25th); pairing stays complete everywhere.
    await admin(home.emulatorUrl, 'POST', `/emulator/items/${plaidItemId}/advance`, { days: 40 });
    await home.sync();
    await home.refresh();
    const later = await recallByMonth(plaidItemId);
    expect(later.months['2026-12']).toEqual({ pairs: 3, flagged: 3 });
    expectFullRecall(later.months);
    expect(later.falsePairs).toBe(0);
  });
});
