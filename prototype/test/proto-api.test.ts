import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@finsync/emulator';
import { pfcDetailed, pfcPrimaries } from '@finsync/shared/categorize';
import { commonEnv } from '@finsync/shared/config';
import { tokenCipherFromConfig } from '@finsync/shared/crypto';
import { createPlaidClient } from '@finsync/shared/plaid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProtoApi } from '../server/create-proto-api.ts';
import type { DashboardFigures } from '../server/dashboard-figures.ts';
import { createPrototypeStore } from '../server/prototype-store.ts';

// A Wednesday, so "this week" is Monday 2026-03-16 to today.
const TODAY = '2026-03-18';
const SECRET = 'prototype-test-secret';

interface TruthTransaction {
  transaction_id: string;
  amount: number;
  date: string;
  datetime: string | null;
  pending: boolean;
  personal_finance_category: { primary: string; detailed: string } | null;
}

let emulator: RunningEmulator;
let server: Server;
let base: string;
let dataDir: string;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: 7,
    today: TODAY,
    secret: SECRET,
    initialDelayMs: 50,
    historicalDelayMs: 150,
  });
  dataDir = await mkdtemp(join(tmpdir(), 'finsync-prototype-'));
  const config = commonEnv.parse({ PLAID_EMULATOR_URL: emulator.url, PLAID_SECRET: SECRET });
  const api = createProtoApi({
    plaid: createPlaidClient(config),
    cipher: tokenCipherFromConfig(config),
    store: createPrototypeStore(dataDir),
    timezone: 'UTC',
    plaidEnv: config.PLAID_ENV,
    clock: () => new Date(`${TODAY}T18:00:00Z`),
    pollMs: 50,
  });
  server = createServer((req, res) => api(req, res, () => res.writeHead(404).end())).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const post = (path: string) =>
  fetch(`${base}/proto-api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });

/** Integer cents from the emulator's JSON amount, independently of shared's money code. */
const cents = (amount: number) => Math.round(amount * 100);
const kinds = new Map(pfcDetailed.map((d) => [d.code, d.kind]));
const primaryNames = new Map(pfcPrimaries.map((p) => [p.code, p.name]));

/** Spending and income between two dates (inclusive) as a person would add them up from Plaid's data. */
function expected(truth: TruthTransaction[], start: string, end: string) {
  let spent = 0;
  let income = 0;
  const byGroup = new Map<string, number>();
  for (const t of truth) {
    const day = t.datetime ? t.datetime.slice(0, 10) : t.date;
    if (t.pending || day < start || day > end) continue;
    const kind = t.personal_finance_category ? kinds.get(t.personal_finance_category.detailed) : undefined;
    if (kind === 'transfer') continue;
    if (kind === 'income' || (kind === undefined && t.amount < 0)) income -= cents(t.amount);
    else {
      spent += cents(t.amount);
      const group = primaryNames.get(t.personal_finance_category?.primary ?? '') ?? 'Uncategorized';
      byGroup.set(group, (byGroup.get(group) ?? 0) + cents(t.amount));
    }
  }
  return { spent, income, byGroup };
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('prototype backend against the emulator', () => {
  let figures: DashboardFigures;
  let truth: TruthTransaction[];

  it('starts with no bank and an empty dashboard', async () => {
    const response = await fetch(`${base}/proto-api/dashboard`);
    expect(response.status).toBe(200);
    const empty = (await response.json()) as DashboardFigures;
    expect(empty.banks).toEqual([]);
    expect(empty.thisWeek.spentMinor).toBe(0);
  });

  it('links a sandbox bank and syncs its whole history', async () => {
    const response = await post('/link');
    expect(response.status).toBe(200);
    figures = (await response.json()) as DashboardFigures;
    expect(figures.banks).toHaveLength(1);
    expect(figures.banks[0]!.updateStatus).toBe('HISTORICAL_UPDATE_COMPLETE');
    const gt = await fetch(`${emulator.url}/emulator/items/${figures.banks[0]!.itemId}/ground-truth`);
    truth = ((await gt.json()) as { transactions: TruthTransaction[] }).transactions;
    expect(truth.length).toBeGreaterThan(500);
    expect(figures.transactionCount).toBe(truth.length);
  });

  it('lists cards and loans as debts, negative, and net worth as assets minus debts', () => {
    const byName = new Map(figures.accounts.map((a) => [a.name, a]));
    expect(byName.get('Plaid Credit Card')).toMatchObject({ side: 'liability', signedMinor: -410_00 });
    expect(byName.get('Plaid Student Loan')).toMatchObject({ side: 'liability', signedMinor: -65_262_00 });
    expect(byName.get('Plaid Checking')).toMatchObject({ side: 'asset', signedMinor: 110_00 });
    const signed = figures.accounts.map((a) => a.signedMinor ?? 0).reduce((x, y) => x + y, 0);
    expect(figures.netWorth.netMinor).toBe(signed);
    expect(figures.netWorth.netMinor).toBe(figures.netWorth.assetsMinor - figures.netWorth.liabilitiesMinor);
    expect(figures.netWorth.liabilitiesMinor).toBeGreaterThan(0);
  });

  it("shows this week's spending and income equal to the ground truth's sums", () => {
    expect(figures.thisWeek.start).toBe('2026-03-16');
    expect(figures.thisWeek.end).toBe(TODAY);
    const want = expected(truth, '2026-03-16', TODAY);
    expect(want.spent).toBeGreaterThan(0);
    expect(figures.thisWeek.spentMinor).toBe(want.spent);
    expect(figures.thisWeek.incomeMinor).toBe(want.income);
  });

  it("breaks this week's spending down by category group exactly", () => {
    const want = expected(truth, '2026-03-16', TODAY);
    const got = new Map(figures.byGroup.map((g) => [g.name, g.spentMinor]));
    expect(got.size).toBeGreaterThan(1);
    expect(got).toEqual(new Map([...want.byGroup].filter(([, v]) => v !== 0)));
    expect(figures.byCategory.reduce((s, c) => s + c.spentMinor, 0)).toBe(want.spent);
  });

  it('charts 12 weeks and 12 months of spending equal to the ground truth', () => {
    expect(figures.weeklyTrend).toHaveLength(12);
    for (const week of figures.weeklyTrend) {
      expect(week.spentMinor, week.start).toBe(expected(truth, week.start, week.end).spent);
    }
    expect(figures.weeklyTrend[0]!.start).toBe(addDays('2026-03-16', -77));
    expect(figures.monthlyTrend.map((m) => m.month)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    for (const month of figures.monthlyTrend) {
      const nextMonth = `${addDays(`${month.month}-01`, 31).slice(0, 7)}-01`;
      const end = month.month === '2026-03' ? TODAY : addDays(nextMonth, -1);
      expect(month.spentMinor, month.month).toBe(expected(truth, `${month.month}-01`, end).spent);
      expect(month.incomeMinor, month.month).toBe(expected(truth, `${month.month}-01`, end).income);
    }
  });

  it('gives every synced transaction a category and a cleaned payee', async () => {
    const stored = JSON.parse(await readFile(join(dataDir, 'data.json'), 'utf8')) as {
      transactions: Record<string, { categoryId: string | null; payee: string | null }>;
    };
    const rows = Object.values(stored.transactions);
    expect(rows).toHaveLength(truth.length);
    expect(rows.filter((r) => r.categoryId === null)).toEqual([]);
    expect(rows.filter((r) => !r.payee)).toEqual([]);
  });

  it('keeps the access token encrypted and the Plaid secret out of every response', async () => {
    const file = await readFile(join(dataDir, 'data.json'), 'utf8');
    expect(file).not.toMatch(/access-sandbox-/);
    const dashboard = await (await fetch(`${base}/proto-api/dashboard`)).text();
    expect(dashboard).not.toContain(SECRET);
    expect(dashboard).not.toMatch(/access-sandbox-/);
  });

  it('picks up new activity on the next sync without duplicating anything', async () => {
    const itemId = figures.banks[0]!.itemId;
    await fetch(`${emulator.url}/emulator/items/${itemId}/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ days: 3 }),
    });
    const after = (await (await post('/sync')).json()) as DashboardFigures;
    const gt = await fetch(`${emulator.url}/emulator/items/${itemId}/ground-truth`);
    const newTruth = ((await gt.json()) as { transactions: TruthTransaction[] }).transactions;
    expect(after.transactionCount).toBe(newTruth.length);
    expect(after.thisWeek.spentMinor).toBe(expected(newTruth, '2026-03-16', TODAY).spent);
  });

  it('refuses writes that are not JSON, so a cross-site form cannot link banks', async () => {
    const response = await fetch(`${base}/proto-api/link`, { method: 'POST', body: 'x=1' });
    expect(response.status).toBe(415);
  });
});
