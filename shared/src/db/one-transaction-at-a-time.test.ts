import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from './create-database.ts';
import { NestedTransactionError, runAsBackgroundWork } from './one-transaction-at-a-time.ts';

// Embedded PGlite has one connection: before the guard, each of these waited forever for it.
describe('a database handle whose transactions cannot nest (embedded PGlite, one connection)', () => {
  let db: Db;
  beforeAll(async () => {
    db = createDatabase({ kind: 'pglite', dataDir: null });
    await sql`CREATE TABLE t (n int)`.execute(db);
  }, 60_000);
  afterAll(() => db.destroy());

  it('refuses a transaction opened inside another, and rolls the outer one back', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`INSERT INTO t VALUES (1)`.execute(trx);
        await db.transaction().execute((inner) => sql`INSERT INTO t VALUES (2)`.execute(inner));
      }),
    ).rejects.toBeInstanceOf(NestedTransactionError);
    expect((await sql<{ n: number }>`SELECT n FROM t`.execute(db)).rows).toEqual([]);
  });

  it('refuses a query on the handle inside a transaction, even one not awaited directly', async () => {
    const inside = db.transaction().execute(async () => {
      await new Promise((r) => setTimeout(r, 1));
      return sql`SELECT 1`.execute(db);
    });
    await expect(inside).rejects.toBeInstanceOf(NestedTransactionError);
  });

  it('keeps the guard on transactions with settings, and lets queries through after the transaction', async () => {
    await expect(
      db
        .transaction()
        .setIsolationLevel('serializable')
        .execute(() => sql`SELECT 1`.execute(db)),
    ).rejects.toBeInstanceOf(NestedTransactionError);
    await db.transaction().execute((trx) => sql`INSERT INTO t VALUES (3)`.execute(trx));
    expect((await sql<{ n: number }>`SELECT n FROM t`.execute(db)).rows).toEqual([{ n: 3 }]);
  });

  it("gives the connection to a user's request before background work that asked first", async () => {
    const order: string[] = [];
    let releaseHolder!: () => void;
    const holding = new Promise<void>((resolve) => {
      releaseHolder = resolve;
    });
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => {
      held = resolve;
    });
    // A background job holds the one connection (a sync's batch), and more background work queues behind it.
    const holder = runAsBackgroundWork(() =>
      db.transaction().execute(async (trx) => {
        await sql`SELECT 1`.execute(trx);
        held();
        await holding;
      }),
    );
    await isHeld;
    const queued = [1, 2, 3].map((n) =>
      runAsBackgroundWork(async () => {
        await sql`SELECT 1`.execute(db);
        order.push(`background ${n}`);
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    const request = sql`SELECT 1`.execute(db).then(() => order.push('request'));
    await new Promise((r) => setTimeout(r, 10));
    releaseHolder();
    await Promise.all([holder, request, ...queued]);
    expect(order).toEqual(['request', 'background 1', 'background 2', 'background 3']);
  });

  it('lets the event loop take in requests between the transactions of background work', async () => {
    // PGlite answers within promise callbacks: a job's transactions, one after another, never yielded to the
    // event loop, so a request arriving meanwhile (here a timer, as a socket's data would be) was not even
    // read until the job had done all of them.
    let done = 0;
    const job = runAsBackgroundWork(async () => {
      for (let i = 0; i < 50; i++) {
        await db.transaction().execute((trx) => sql`INSERT INTO t VALUES (${i})`.execute(trx));
        done++;
      }
    });
    const request = new Promise((resolve) => setTimeout(resolve, 0))
      .then(() => sql`SELECT 1`.execute(db))
      .then(() => done);
    const answeredAfter = await request;
    await job;
    expect(answeredAfter).toBeLessThan(5);
  });
});
