import { createTestDatabase, testEnvironment } from '@finsync/test-support';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}

describe('createDatabase on PostgreSQL', () => {
  it('survives the server ending an idle connection and reconnects on next use', async () => {
    const t = await createTestDatabase(inject('pgTemplate'));
    try {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(t.db);
      const admin = new pg.Client({ connectionString: testEnvironment(process.env).adminUrl });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await admin.end();
      await new Promise((r) => setTimeout(r, 100));
      const again = await sql<{ one: number }>`SELECT 1 AS one`.execute(t.db);
      expect(again.rows[0]?.one).toBe(1);
    } finally {
      await t.drop();
    }
  });
});
