import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type Transaction,
  type TransactionBuilder,
  type TransactionSettings,
} from 'kysely';
import type { Database } from './database.ts';

/**
 * Thrown instead of waiting forever: code running inside a transaction asked the database handle (not the
 * transaction it was given) for a connection. On one connection (embedded PGlite, a pool of one) that
 * request waits for the connection its own transaction holds — every later request then hangs.
 */
export class NestedTransactionError extends Error {
  constructor() {
    super(
      'a query or transaction on the database handle was started inside a transaction; pass the transaction (trx) to it instead',
    );
    this.name = 'NestedTransactionError';
  }
}

const background = new AsyncLocalStorage<true>();

/**
 * Runs `fn` as background work (a queued job in the embedded demo): on a single connection, whatever it asks
 * of the database waits until no request from a user is waiting, so a page load never queues behind a sync's
 * next batch. With a pool of several connections this changes nothing.
 */
export function runAsBackgroundWork<T>(fn: () => Promise<T>): Promise<T> {
  return background.run(true, fn);
}

/**
 * A Kysely whose transactions cannot nest: inside `transaction().execute(fn)`, everything `fn` starts
 * (awaited or not) that asks this handle for a connection fails at once with NestedTransactionError instead
 * of deadlocking. Repository functions take the executor they are given; only units of work open a
 * transaction, on the handle, never inside another.
 */
export function oneTransactionAtATime(dialect: Dialect): Kysely<Database> {
  const inside = new AsyncLocalStorage<true>();
  const adapter = dialect.createAdapter();
  // A single-connection driver (PGlite) is serialized by Kysely before the driver is asked for the
  // connection, where the guard could no longer refuse: the guarded driver serializes it itself instead.
  const serialize = !adapter.supportsMultipleConnections;
  const guarded: Dialect = {
    createAdapter: () =>
      new Proxy(adapter, {
        get: (target, property) =>
          property === 'supportsMultipleConnections' ? true : Reflect.get(target, property, target),
      }),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => guardDriver(dialect.createDriver(), inside, serialize),
  };
  return new GuardedKysely(guarded, inside);
}

class GuardedKysely extends Kysely<Database> {
  readonly #inside: AsyncLocalStorage<true>;
  constructor(dialect: Dialect, inside: AsyncLocalStorage<true>) {
    super({ dialect });
    this.#inside = inside;
  }
  override transaction(): TransactionBuilder<Database> {
    return markInside(super.transaction(), this.#inside);
  }
}

/** The builder, with `execute`'s callback run as "inside a transaction" (settings builders keep it). */
function markInside(
  builder: TransactionBuilder<Database>,
  inside: AsyncLocalStorage<true>,
): TransactionBuilder<Database> {
  return new Proxy(builder, {
    get(target, property) {
      if (property === 'execute') {
        return <T>(fn: (trx: Transaction<Database>) => Promise<T>) =>
          target.execute((trx) => inside.run(true, () => fn(trx)));
      }
      if (property === 'setAccessMode' || property === 'setIsolationLevel') {
        return (value: never) => markInside(target[property](value), inside);
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Resolves after the event loop's next poll for I/O (setImmediate runs right after it). */
const afterPendingIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The one connection's turn-taking: a holder at a time; on release the turn passes to the longest-waiting
 * user request, else to the longest-waiting background work (runAsBackgroundWork).
 *
 * Background work first lets the event loop read what arrived meanwhile: the embedded database answers
 * within promise callbacks, so a job's statements and transactions, one after another, would otherwise run
 * for seconds without the loop ever polling a socket: a request that came in could not even ask for its turn
 * (seen: /auth/me answered after 3 s while a first sync categorized its history, 250 rows a transaction).
 */
function connectionTurns() {
  let held = false;
  const waiting = { user: [] as (() => void)[], background: [] as (() => void)[] };
  return {
    async take(): Promise<void> {
      if (background.getStore()) await afterPendingIo();
      if (!held) {
        held = true;
        return;
      }
      await new Promise<void>((resolve) =>
        (background.getStore() ? waiting.background : waiting.user).push(resolve),
      );
    },
    pass(): void {
      const next = waiting.user.shift() ?? waiting.background.shift();
      if (next) next();
      else held = false;
    },
  };
}

function guardDriver(driver: Driver, inside: AsyncLocalStorage<true>, serialize: boolean): Driver {
  const turns = serialize ? connectionTurns() : undefined;
  return {
    init: (options) => driver.init(options),
    async acquireConnection(options): Promise<DatabaseConnection> {
      if (inside.getStore()) throw new NestedTransactionError();
      await turns?.take();
      try {
        return await driver.acquireConnection(options);
      } catch (error) {
        turns?.pass();
        throw error;
      }
    },
    beginTransaction: (connection, settings: TransactionSettings) =>
      driver.beginTransaction(connection, settings),
    commitTransaction: (connection) => driver.commitTransaction(connection),
    rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
    ...(driver.savepoint ? { savepoint: driver.savepoint.bind(driver) } : {}),
    ...(driver.rollbackToSavepoint ? { rollbackToSavepoint: driver.rollbackToSavepoint.bind(driver) } : {}),
    ...(driver.releaseSavepoint ? { releaseSavepoint: driver.releaseSavepoint.bind(driver) } : {}),
    async releaseConnection(connection, options) {
      try {
        await driver.releaseConnection(connection, options);
      } finally {
        turns?.pass();
      }
    },
    destroy: (options) => driver.destroy(options),
  };
}
