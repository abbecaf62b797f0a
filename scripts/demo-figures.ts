// Prints the demo household's figures the way the pipeline produces them: the emulator's default seed and
// item (as `pnpm demo` links it), one historical sync with categorization, then the post-sync insights job
// (transfer pairing, recurring series). Uses a scratch PostgreSQL database that it drops afterwards.
// Usage: node scripts/demo-figures.ts [today=2026-11-29]   (env FINSYNC_TEST_PG_URL / FINSYNC_TEST_DB_PREFIX as for tests)
import { randomBytes } from 'node:crypto';
import { createEmptyTestDatabase } from '@finsync/test-support';
import { startEmulator } from '../emulator/src/index.ts';
import { migrateToLatest } from '../migrations/src/index.ts';
import { categorizeTransactions, seedSystemCategories } from '../shared/src/categorize-service/index.ts';
import { createTokenCipher } from '../shared/src/crypto/index.ts';
import { createDatabase } from '../shared/src/index.ts';
import { dashboardSummary } from '../shared/src/ledger/index.ts';
import { createPlaidClient } from '../shared/src/plaid/index.ts';
import { createInProcessJobQueue } from '../shared/src/queue/index.ts';
import { buildReportSummary, loadReportInput, type ReportPeriod } from '../shared/src/reports/index.ts';
import { exchangePublicToken, syncItem } from '../shared/src/sync/index.ts';
import { createRefreshInsightsProcessor } from '../worker/src/refresh-insights.ts';

const today = process.argv[2] ?? '2026-11-29';
const dollars = (minor: number) => `$${(minor / 100).toFixed(2)}`;

const scratch = await createEmptyTestDatabase();
const db = createDatabase({ kind: 'postgres', url: scratch.url, poolMax: 4 });
const emulator = await startEmulator({ port: 0, today });
try {
  await migrateToLatest(db);
  const plaid = createPlaidClient({
    PLAID_ENV: 'emulator',
    PLAID_EMULATOR_URL: emulator.url,
    PLAID_CLIENT_ID: 'finsync-emulator-client',
    PLAID_SECRET: 'finsync-emulator-secret',
    PLAID_TIMEOUT_MS: 10_000,
  });
  const cipher = createTokenCipher(new Map([['k1', randomBytes(32)]]), 'k1');
  const user = await db
    .insertInto('users')
    .values({ email: 'demo@example.test', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await seedSystemCategories(db, user.id);
  const created = (await (
    await fetch(`${emulator.url}/emulator/sandbox-items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
  ).json()) as { public_token: string };
  const queue = createInProcessJobQueue();
  const item = await exchangePublicToken(
    { db, plaid, cipher, queue, clock: () => new Date(), syncIntervalHours: 6 },
    { userId: user.id, publicToken: created.public_token },
  );
  await queue.close();
  await syncItem(
    {
      db,
      plaid,
      cipher,
      clock: () => new Date(),
      categorize: async ({ trx, userId, transactions }) => {
        await categorizeTransactions(trx, userId, transactions, {});
      },
    },
    { itemId: item.id, trigger: 'initial' },
  );
  await createRefreshInsightsProcessor({ db, now: () => new Date(`${today}T18:00:00Z`) })({
    userId: user.id,
  });

  const flagged = await db
    .selectFrom('transactions')
    .select(['date', 'transfer_pair_id'])
    .where('user_id', '=', user.id)
    .where('is_transfer', '=', true)
    .where('amount_minor', '>', 0)
    .execute();
  const perMonth = new Map<string, { paired: number; oneSided: number }>();
  for (const r of flagged) {
    const m = perMonth.get(r.date.slice(0, 7)) ?? { paired: 0, oneSided: 0 };
    if (r.transfer_pair_id) m.paired++;
    else m.oneSided++;
    perMonth.set(r.date.slice(0, 7), m);
  }
  console.log(
    `today ${today}; transfers flagged per month (outflow legs: paired / one-sided by Plaid category):`,
  );
  console.log(
    [...perMonth]
      .sort()
      .map(([m, c]) => `${m} ${c.paired}/${c.oneSided}`)
      .join('  '),
  );
  for (const [from, to] of [
    ['2026-09-01', '2026-09-30'],
    ['2026-10-01', '2026-10-31'],
  ] as const) {
    const s = await dashboardSummary(db, user.id, { from, to });
    console.log(
      `dashboard ${from}..${to}: spent ${dollars(s.spentMinor)} income ${dollars(s.incomeMinor)} net ${dollars(s.netMinor)}`,
    );
  }
  const series = await db
    .selectFrom('recurring_series')
    .select(['payee', 'next_expected_date', 'typical_amount_minor', 'status'])
    .where('user_id', '=', user.id)
    .where('status', 'in', ['late', 'missed'])
    .orderBy('payee')
    .execute();
  console.log(
    `recurring series late/missed now: ${series.map((s) => `${s.payee} ${s.next_expected_date} ${dollars(s.typical_amount_minor)} ${s.status}`).join('; ') || 'none'}`,
  );
  for (const month of ['2026-05', '2026-09', '2026-10']) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const period: ReportPeriod = { kind: 'monthly', start: `${month}-01`, end, timezone: 'UTC' };
    const summary = buildReportSummary(
      await loadReportInput(db, user.id, period, 'USD', new Date(`${today}T18:00:00Z`)),
    );
    const missed = summary.recurring.missed.map((b) => `${b.payee} ${b.date} ${dollars(b.expectedMinor)}`);
    console.log(
      `report ${month}: spent ${dollars(summary.headline.spentMinor)} income ${dollars(summary.headline.incomeMinor)}; missed bills: ${missed.join('; ') || 'none'}; price changes: ${summary.recurring.priceChanges.map((p) => `${p.payee} ${dollars(p.previousMinor)}→${dollars(p.currentMinor)}`).join('; ') || 'none'}`,
    );
  }
} finally {
  await emulator.close();
  await db.destroy();
  await scratch.drop();
}
