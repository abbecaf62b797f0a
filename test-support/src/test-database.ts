import { randomBytes } from 'node:crypto';
import { createDatabase, type OwnerDb } from '@finsync/shared';
import pg from 'pg';
import { testEnvironment } from './test-environment.ts';

export interface TestDatabase {
  db: OwnerDb;
  url: string;
  name: string;
  /** Destroys the pool and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated PostgreSQL database cloned from the run's template (see scripts/test-global-setup.ts). */
export async function createTestDatabase(template: string): Promise<TestDatabase> {
  const env = testEnvironment(process.env);
  const name = `${env.dbPrefix}_${randomBytes(5).toString('hex')}`;
  await adminQuery(env.adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = new URL(env.adminUrl);
  url.pathname = `/${name}`;
  const db = createDatabase({ kind: 'postgres', url: url.toString(), poolMax: 5 });
  return {
    db,
    url: url.toString(),
    name,
    async drop() {
      await db.destroy();
      await adminQuery(env.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** An empty database (no migrations), for migration tests. */
export async function createEmptyTestDatabase(): Promise<Omit<TestDatabase, 'db'>> {
  const env = testEnvironment(process.env);
  const name = `${env.dbPrefix}_${randomBytes(5).toString('hex')}`;
  await adminQuery(env.adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(env.adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await adminQuery(env.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/**
 * A scratch database kept between runs (a benchmark's seeded data, reused while iterating): created empty when
 * missing, never dropped. `name` must start with the run's prefix, so only this run's own databases are touched.
 */
export async function keptTestDatabase(
  name: string,
): Promise<{ url: string; name: string; created: boolean }> {
  const env = testEnvironment(process.env);
  if (!name.startsWith(`${env.dbPrefix}_`) || !/^[a-z][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(
      `kept test database: expected a name starting with ${env.dbPrefix}_ (lower-case, digits, _)`,
    );
  }
  const { rowCount } = await adminQuery(env.adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (rowCount === 0) await adminQuery(env.adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(env.adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, created: rowCount === 0 };
}

async function adminQuery(adminUrl: string, sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}
