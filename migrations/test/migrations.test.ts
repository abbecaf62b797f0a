import { createDatabase, databaseColumns } from '@finsync/shared';
import { createEmptyTestDatabase, createTestDatabase } from '@finsync/test-support';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateDownAll, migrateToLatest, migrationNames, migrationStatus } from '../src/migrator.ts';

describe('migrations on an empty PostgreSQL database', () => {
  let target: Awaited<ReturnType<typeof createEmptyTestDatabase>>;
  beforeAll(async () => {
    target = await createEmptyTestDatabase();
  });
  afterAll(() => target.drop());

  it('go up, all the way down, and up again', async () => {
    const db = createDatabase({ kind: 'postgres', url: target.url, poolMax: 1 });
    try {
      expect(await migrateToLatest(db)).toEqual(migrationNames);
      expect((await migrationStatus(db)).every((m) => m.executedAt)).toBe(true);
      expect(await migrateDownAll(db)).toEqual([...migrationNames].reverse());
      const left = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM information_schema.tables
        WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%'`.execute(db);
      expect(left.rows[0]?.n).toBe(0);
      expect(await migrateToLatest(db)).toEqual(migrationNames);
    } finally {
      await db.destroy();
    }
  });
});

describe('migrations on embedded PGlite (the demo database)', () => {
  it('go up, down and up again', async () => {
    const db = createDatabase({ kind: 'pglite', dataDir: null });
    try {
      expect(await migrateToLatest(db)).toEqual(migrationNames);
      expect(await migrateDownAll(db)).toEqual([...migrationNames].reverse());
      expect(await migrateToLatest(db)).toEqual(migrationNames);
    } finally {
      await db.destroy();
    }
    // Three passes over every migration in WebAssembly PostgreSQL: ~10 s alone, over 30 s beside two other
    // test files on a loaded 2-core machine. A bound on hanging, not a speed check.
  }, 120_000);
});

describe('the typed Database interface', () => {
  it('names exactly the tables and columns of the migrated schema', async () => {
    const t = await createTestDatabase(inject('pgTemplate'));
    try {
      const { rows } = await sql<{ table_name: string; column_name: string }>`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%'`.execute(t.db);
      const actual: Record<string, string[]> = {};
      for (const r of rows) {
        actual[r.table_name] ??= [];
        actual[r.table_name]!.push(r.column_name);
      }
      const expected = Object.fromEntries(
        Object.entries(databaseColumns).map(([table, cols]) => [table, [...cols].sort()]),
      );
      for (const table of Object.keys(actual)) actual[table]!.sort();
      expect(actual).toEqual(expected);
    } finally {
      await t.drop();
    }
  });
});
