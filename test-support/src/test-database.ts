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
    drop: () => adminQuery(env.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
