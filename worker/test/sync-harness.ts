// Test support for the sync acceptance tests: a user, an emulator-linked item, and the ground-truth check.
import { randomBytes } from 'node:crypto';
import { type RunningEmulator, startEmulator } from '@finsync/emulator';
import type { Db } from '@finsync/shared';
import { createTokenCipher, type TokenCipher } from '@finsync/shared/crypto';
import { toMinor } from '@finsync/shared/money';
import { createPlaidClient } from '@finsync/shared/plaid';
import type { JobQueue } from '@finsync/shared/queue';
import { exchangePublicToken } from '@finsync/shared/sync';
import { createTestDatabase, type TestDatabase } from '@finsync/test-support';
import type { AccountBase, PlaidApi, Transaction } from 'plaid';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const TEST_KEYS = `t1:${randomBytes(32).toString('base64')}`;
export const testCipher = (): TokenCipher =>
  createTokenCipher(new Map([['t1', Buffer.from(TEST_KEYS.slice(3), 'base64')]]), 't1');

export const fastRetry = {
  attempts: 12,
  baseMs: 5,
  maxMs: 100,
  rateLimitBaseMs: 20,
  random: Math.random,
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
};

export function emulatorPlaid(url: string, timeoutMs = 5000): PlaidApi {
  return createPlaidClient({
    PLAID_ENV: 'emulator',
    PLAID_EMULATOR_URL: url,
    PLAID_CLIENT_ID: 'finsync-emulator-client',
    PLAID_SECRET: 'finsync-emulator-secret',
    PLAID_TIMEOUT_MS: timeoutMs,
  });
}

export async function admin<T = unknown>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function createUser(db: Db): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({ email: `u-${randomBytes(4).toString('hex')}@example.test`, password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Creates an emulator item and links it through the real exchange flow; returns our item id. */
export async function linkEmulatorItem(
  ctx: { db: Db; url: string; plaid: PlaidApi; cipher: TokenCipher; queue: JobQueue; clock?: () => Date },
  userId: string,
  /** Omitted transactions / history_days: the emulator's defaults (the demo's household). */
  options: { transactions?: number; history_days?: number; webhook?: string },
): Promise<{ itemId: string; plaidItemId: string }> {
  const created = await admin<{ public_token: string; item_id: string }>(
    ctx.url,
    'POST',
    '/emulator/sandbox-items',
    {
      ...(options.transactions === undefined
        ? {}
        : { transactions: options.transactions, history_days: options.history_days ?? 365 }),
      ...(options.history_days === undefined ? {} : { history_days: options.history_days }),
      ...(options.webhook ? { webhook: options.webhook } : {}),
    },
  );
  const item = await exchangePublicToken(
    {
      db: ctx.db,
      plaid: ctx.plaid,
      cipher: ctx.cipher,
      queue: ctx.queue,
      // The link records the day's balance snapshot: on the test's clock when it has one.
      clock: ctx.clock ?? (() => new Date()),
      syncIntervalHours: 6,
      webhookUrl: options.webhook,
      retry: fastRetry,
    },
    { userId, publicToken: created.public_token },
  );
  return { itemId: item.id, plaidItemId: item.plaid_item_id };
}

/** The database holds exactly the emulator's ground truth for the item: same set, cents, pending flags, balances. */
export async function expectGroundTruth(
  db: Db,
  url: string,
  itemId: string,
  plaidItemId: string,
): Promise<number> {
  const truth = await admin<{ accounts: AccountBase[]; transactions: Transaction[] }>(
    url,
    'GET',
    `/emulator/items/${plaidItemId}/ground-truth`,
  );
  const rows = await db
    .selectFrom('transactions')
    .innerJoin('accounts', 'accounts.id', 'transactions.account_id')
    .select([
      'transactions.plaid_transaction_id',
      'accounts.plaid_account_id',
      'transactions.amount_minor',
      'transactions.pending',
      'transactions.date',
    ])
    .where('transactions.item_id', '=', itemId)
    .$narrowType<{ plaid_transaction_id: string; plaid_account_id: string }>() // synced rows of Plaid accounts
    .execute();
  const key = (t: { id: string; account: string; minor: number; pending: boolean; date: string }) =>
    `${t.id}|${t.account}|${t.minor}|${t.pending}|${t.date}`;
  const expected = truth.transactions
    .map((t) =>
      key({
        id: t.transaction_id,
        account: t.account_id,
        minor: toMinor(t.amount, t.iso_currency_code ?? t.unofficial_currency_code),
        pending: t.pending,
        date: t.date,
      }),
    )
    .sort();
  const actual = rows
    .map((r) =>
      key({
        id: r.plaid_transaction_id,
        account: r.plaid_account_id,
        minor: r.amount_minor,
        pending: r.pending,
        date: r.date,
      }),
    )
    .sort();
  expect(actual.length).toBe(expected.length);
  expect(actual).toEqual(expected);
  // Ground truth lists the accounts /transactions/sync covers; we also keep the item's other accounts.
  const synced = new Set(truth.accounts.map((a) => a.account_id));
  const accounts = (
    await db
      .selectFrom('accounts')
      .select(['plaid_account_id', 'current_minor', 'available_minor'])
      .where('item_id', '=', itemId)
      .orderBy('plaid_account_id')
      .$narrowType<{ plaid_account_id: string }>()
      .execute()
  ).filter((a) => synced.has(a.plaid_account_id));
  const cur = (a: AccountBase) => a.balances.iso_currency_code ?? a.balances.unofficial_currency_code;
  expect(accounts).toEqual(
    [...truth.accounts]
      .sort((a, b) => (a.account_id < b.account_id ? -1 : 1))
      .map((a) => ({
        plaid_account_id: a.account_id,
        current_minor: a.balances.current == null ? null : toMinor(a.balances.current, cur(a)),
        available_minor: a.balances.available == null ? null : toMinor(a.balances.available, cur(a)),
      })),
  );
  return expected.length;
}

/** A test file's own database and emulator (Plaid, seeded), and a Plaid client for it, around the file. */
export function useSyncEmulator(seed: number, plaidTimeoutMs?: number) {
  let tdb: TestDatabase | undefined;
  let emulator: RunningEmulator | undefined;
  let plaid: PlaidApi | undefined;
  beforeAll(async () => {
    tdb = await createTestDatabase(inject('pgTemplate'));
    emulator = await startEmulator({ port: 0, seed });
    plaid = emulatorPlaid(emulator.url, plaidTimeoutMs);
  });
  afterAll(async () => {
    await emulator?.close();
    await tdb?.drop();
  });
  const ready = () => {
    if (!tdb || !emulator || !plaid) throw new Error('the sync emulator is set up in beforeAll');
    return { tdb, emulator, plaid };
  };
  return {
    get db(): TestDatabase['db'] {
      return ready().tdb.db;
    },
    get url(): string {
      return ready().emulator.url;
    },
    get plaid(): PlaidApi {
      return ready().plaid;
    },
  };
}
