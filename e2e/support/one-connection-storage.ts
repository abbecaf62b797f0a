import { migrateToLatest } from '@finsync/migrations';
import { createDatabase, type OwnerDb } from '@finsync/shared';
import { createTestDatabase } from '@finsync/test-support';
import { inject } from 'vitest';

/** A database with exactly one connection, as the demo has: what nested or leaked transactions hang on. */
export interface OneConnectionStorage {
  db: OwnerDb;
  close(): Promise<void>;
}

/** The demo's embedded PGlite, in memory, migrated. */
export async function openEmbeddedPglite(): Promise<OneConnectionStorage> {
  const db = createDatabase({ kind: 'pglite', dataDir: null });
  await migrateToLatest(db);
  return { db, close: () => db.destroy() };
}

/** A migrated PostgreSQL test database behind a pool of one connection. */
export async function openPostgresPoolOfOne(): Promise<OneConnectionStorage> {
  const t = await createTestDatabase(inject('pgTemplate' as never));
  await t.db.destroy();
  const db = createDatabase({ kind: 'postgres', url: t.url, poolMax: 1 });
  return {
    db,
    async close() {
      await db.destroy();
      await t.drop();
    },
  };
}
