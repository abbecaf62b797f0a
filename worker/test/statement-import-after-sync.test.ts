import { startEmulator } from '@finsync/emulator';
import { withUser } from '@finsync/shared';
import { commitImport, startImport } from '@finsync/shared/imports';
import { createInProcessJobQueue, type InProcessJobQueue } from '@finsync/shared/queue';
import { serializeCsvStatement } from '@finsync/shared/statements';
import { syncItem } from '@finsync/shared/sync';
import { createTestDatabase, type TestDatabase } from '@finsync/test-support';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, emulatorPlaid, fastRetry, linkEmulatorItem, testCipher } from './sync-harness.ts';

// A bank statement for an account Plaid already syncs: the rows the bank shows for the synced period (same
// day, amount and text), two of them booked a day later than Plaid's date, and rows from before the link.
let tdb: TestDatabase;
let emulator: { url: string; close(): Promise<void> };
let queue: InProcessJobQueue;
let userId: string;

beforeAll(async () => {
  tdb = await createTestDatabase(inject('pgTemplate' as never));
  emulator = await startEmulator({ port: 0, seed: 1919 });
  queue = createInProcessJobQueue();
  userId = await createUser(tdb.db);
});
afterAll(async () => {
  await queue?.close();
  await emulator?.close();
  await tdb?.drop();
});

type StatementRow = Parameters<typeof serializeCsvStatement>[0][number];
const csvBytes = (rows: StatementRow[]) => Buffer.from(serializeCsvStatement(rows));
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('statement import into an account synced from the emulator', () => {
  it('import, re-import and an overlapping import give the expected counts', async () => {
    const plaid = emulatorPlaid(emulator.url, 1500);
    const cipher = testCipher();
    const { itemId } = await linkEmulatorItem(
      { db: tdb.db, url: emulator.url, plaid, cipher, queue },
      userId,
      {
        transactions: 300,
        history_days: 90,
      },
    );
    const sync = await syncItem(
      { db: tdb.db, plaid, cipher, clock: () => new Date(), retry: fastRetry },
      {
        itemId,
        trigger: 'initial',
      },
    );
    expect(sync.outcome).toBe('succeeded');
    // The account with the most posted rows, and its rows oldest first.
    const busiest = await tdb.db
      .selectFrom('transactions')
      .select(['account_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('item_id', '=', itemId)
      .where('pending', '=', false)
      .groupBy('account_id')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const accountId = busiest.account_id;
    const synced = await tdb.db
      .selectFrom('transactions')
      .select(['date', 'amount_minor', 'raw_name', 'currency'])
      .where('account_id', '=', accountId)
      .where('pending', '=', false)
      .orderBy('date')
      .orderBy('id')
      .execute();
    expect(synced.length).toBeGreaterThan(30);
    const asRow = (t: (typeof synced)[number], date = t.date): StatementRow => ({
      date,
      amount: (t.amount_minor / 100).toFixed(2), // test data only: integer cents → decimal text
      currency: t.currency,
      payee: t.raw_name,
      memo: null,
      fitid: null,
      account: 'default',
      source: '',
    });
    const first = synced[0]!.date;
    const history = [1, 2, 3, 4, 5].map(
      (i): StatementRow => ({
        date: shift(first, -10 * i),
        amount: `${i}.25`,
        currency: synced[0]!.currency,
        payee: `CREDIT UNION FEE ${i}`,
        memo: null,
        fitid: null,
        account: 'default',
        source: '',
      }),
    );
    // Statement 1: the history before the link and the first 20 synced rows, two booked a day late.
    const late = new Set([5, 12]);
    const statement1 = [
      ...history,
      ...synced.slice(0, 20).map((t, i) => (late.has(i) ? asRow(t, shift(t.date, 1)) : asRow(t))),
    ];
    const run = (bytes: Buffer) =>
      withUser(tdb.db, userId, async (trx) => {
        const preview = await startImport(trx, userId, { accountId, fileName: 'statement.csv', bytes });
        const committed = await commitImport(trx, userId, preview.id);
        return { preview: preview.counts, imported: committed.counts.imported };
      });
    const count = async () =>
      Number(
        (
          await tdb.db
            .selectFrom('transactions')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('account_id', '=', accountId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();

    const one = await run(csvBytes(statement1));
    expect(one.preview).toMatchObject({ rows: 25, new: 5, duplicate: 18, suspect: 2 });
    expect(one.imported).toBe(5);
    expect(await count()).toBe(before + 5);

    const again = await run(csvBytes(statement1));
    expect(again.preview).toMatchObject({ rows: 25, new: 0, duplicate: 23, suspect: 2 });
    expect(again.imported).toBe(0);
    expect(await count()).toBe(before + 5);

    // Statement 2 overlaps: the last 2 history rows and synced rows 15–29, plus 3 rows Plaid never had.
    const extra = [1, 2, 3].map(
      (i): StatementRow => ({
        date: synced[25]!.date,
        amount: `${i}0.01`,
        currency: synced[0]!.currency,
        payee: `CASH DEPOSIT ${i}`,
        memo: null,
        fitid: null,
        account: 'default',
        source: '',
      }),
    );
    const statement2 = [...history.slice(3), ...synced.slice(15, 30).map((t) => asRow(t)), ...extra];
    const two = await run(csvBytes(statement2));
    expect(two.preview).toMatchObject({ rows: 20, new: 3, duplicate: 17, suspect: 0 });
    expect(two.imported).toBe(3);
    expect(await count()).toBe(before + 8);
  });
});
