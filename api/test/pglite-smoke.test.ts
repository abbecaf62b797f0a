import { migrateToLatest } from '@finsync/migrations';
import { createDatabase, type Db, loadApiConfig, withUser } from '@finsync/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { signedUpClient } from './support/test-app.ts';

// The embedded demo runs the same migrations on PGlite: row-level security and withUser must hold there too.
describe('the API on embedded PGlite', () => {
  let db: Db;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = createDatabase({ kind: 'pglite', dataDir: null });
    await migrateToLatest(db);
    app = await buildApp({
      config: loadApiConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', COOKIE_SECURE: 'false' }),
      db,
      plaidItems: { removeItem: async () => {} },
    });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  it('signs up, reads its own data and cannot see another user under RLS', async () => {
    const alice = await signedUpClient(app);
    const bob = await signedUpClient(app);
    const res = await alice.request({ method: 'GET', url: '/api/v1/categories' });
    expect(res.statusCode).toBe(200);
    expect(res.json().categories.length).toBeGreaterThan(10);
    const seen = await withUser(db, alice.userId!, (trx) =>
      trx.selectFrom('categories').select('user_id').distinct().execute(),
    );
    expect(seen.map((r) => r.user_id)).toEqual([alice.userId]);
    const users = await withUser(db, bob.userId!, (trx) => trx.selectFrom('users').select('id').execute());
    expect(users.map((u) => u.id)).toEqual([bob.userId]);
  });
});
