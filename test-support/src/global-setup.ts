import { migrateToLatest } from '@finsync/migrations';
import { createDatabase } from '@finsync/shared';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { testEnvironment } from './test-environment.ts';

/** Vitest projects whose tests need no PostgreSQL (see vitest.config.ts). */
const SERVER_FREE_PROJECTS = new Set(['shared', 'web']);

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}

/**
 * Builds one migrated template database for the run; each integration test file clones it
 * (CREATE DATABASE … TEMPLATE), which is far faster than migrating per file. Only databases
 * named with this run's prefix are ever created or dropped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A run of only server-free projects (`pnpm test:unit`) needs no PostgreSQL at all.
  if (project.vitest.projects.every((p) => SERVER_FREE_PROJECTS.has(p.name))) return async () => {};
  // Without an explicit prefix each run gets its own (test workers inherit it), so two runs on one
  // machine never drop each other's databases; leftovers of runs whose process is gone are swept.
  const sweepOrphans = !process.env.FINSYNC_TEST_DB_PREFIX;
  process.env.FINSYNC_TEST_DB_PREFIX ??= `finsync_test_p${process.pid}`;
  const env = testEnvironment(process.env);
  const template = `${env.dbPrefix}_template`;
  const admin = new pg.Client({ connectionString: env.adminUrl });
  await admin.connect();
  await dropRunDatabases(admin, env.dbPrefix);
  if (sweepOrphans) await dropOrphanedRunDatabases(admin);
  await admin.query(`CREATE DATABASE "${template}"`);
  const db = createDatabase({ kind: 'postgres', url: withDatabase(env.adminUrl, template), poolMax: 1 });
  await migrateToLatest(db);
  await db.destroy();
  await admin.end();
  project.provide('pgTemplate', template);

  return async () => {
    const client = new pg.Client({ connectionString: env.adminUrl });
    await client.connect();
    await dropRunDatabases(client, env.dbPrefix);
    await client.end();
  };
}

async function dropRunDatabases(client: pg.Client, prefix: string): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    // starts_with, not LIKE: a prefix's own '_' would be a LIKE wildcard, matching other runs' names.
    `SELECT datname FROM pg_database WHERE starts_with(datname, $1 || '_')`,
    [prefix],
  );
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}

async function dropOrphanedRunDatabases(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname ~ '^finsync_test_p[0-9]+_'`,
  );
  for (const { datname } of rows) {
    const pid = Number(/^finsync_test_p(\d+)_/.exec(datname)?.[1]);
    if (!isAlive(pid)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
