import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { registerCopyPool } from './bulk-copy.ts';
import type { Database } from './database.ts';
import { oneTransactionAtATime } from './one-transaction-at-a-time.ts';
import { pgConnectionOptions } from './pg-connection-options.ts';
import { PG_DATE, PG_INT8, parseDate, parseInt8 } from './value-parsers.ts';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; caCertPath?: string | undefined; poolMax?: number }
  | { kind: 'pglite'; dataDir: string | null };

declare const ownerRole: unique symbol;
declare const rowScope: unique symbol;

/** Any handle or transaction. The table modules take this: their queries mean the same under either role. */
export type Db = Kysely<Database>;
/**
 * The handle createDatabase opens, as the database owner: row-level security does not apply. Workers, the
 * sync engine and migrations use it; a route only passes it to withUser.
 */
export type OwnerDb = Db & { readonly [ownerRole]: true };
/** A transaction withUser opened for one user: row-level security shows and accepts only that user's rows. */
export type UserDb = Db & { readonly [rowScope]: true };

/** Picks PostgreSQL when a URL is configured, else embedded PGlite in a data folder (demo default). */
export function databaseTarget(cfg: {
  DATABASE_URL?: string | undefined;
  DATABASE_CA_CERT?: string | undefined;
  DATABASE_POOL_MAX?: number;
  PGLITE_DIR: string;
}): DatabaseTarget {
  return cfg.DATABASE_URL
    ? {
        kind: 'postgres',
        url: cfg.DATABASE_URL,
        caCertPath: cfg.DATABASE_CA_CERT,
        poolMax: cfg.DATABASE_POOL_MAX ?? 10,
      }
    : { kind: 'pglite', dataDir: cfg.PGLITE_DIR };
}

export function createPgPool(target: Extract<DatabaseTarget, { kind: 'postgres' }>): pg.Pool {
  const { connectionString, ssl } = pgConnectionOptions(target.url, target.caCertPath);
  const parsers = new Map<number, (v: string) => unknown>([
    [PG_INT8, parseInt8],
    [PG_DATE, parseDate],
  ]);
  const pool = new pg.Pool({
    connectionString,
    ssl,
    max: target.poolMax ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers.get(oid) ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ends (restart, failover, admin termination) is dropped by the pool and
  // replaced on next use; without a listener node-postgres would raise it as an uncaught error and crash.
  pool.on('error', (error) => {
    process.emitWarning(`idle PostgreSQL connection closed: ${error.message}`, { code: 'FINSYNC_PG_IDLE' });
  });
  return pool;
}

/**
 * The database handle. Its transactions cannot nest (see oneTransactionAtATime): code inside one that asks
 * the handle for another connection fails at once instead of hanging the demo's single connection.
 */
export function createDatabase(target: DatabaseTarget): OwnerDb {
  if (target.kind === 'postgres') {
    const pool = createPgPool(target);
    const db = oneTransactionAtATime(new PostgresDialect({ pool })) as OwnerDb;
    // The same pool streams a sync's rows by COPY (copyRows), which Kysely cannot issue.
    registerCopyPool(db, pool);
    return db;
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  // One options object: PGlite(undefined, options) would drop the options of an in-memory database (its
  // constructor only reads the second argument when the first is a directory), so dates came back as Date.
  const pglite = new PGlite({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    parsers: { [PG_INT8]: parseInt8, [PG_DATE]: parseDate },
  });
  return oneTransactionAtATime(new PGliteDialect({ pglite })) as OwnerDb;
}
