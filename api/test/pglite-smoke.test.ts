import { migrateToLatest } from '@finsync/migrations';
import {
  createDatabase,
  DEV_REPORT_LINK_SECRET,
  loadApiConfig,
  type OwnerDb,
  withUser,
} from '@finsync/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { multipart } from './support/multipart.ts';
import { registerTestApp, signedUpClient } from './support/test-app.ts';

// The embedded demo runs the same migrations on PGlite: row-level security and withUser must hold there too.
describe('the API on embedded PGlite', () => {
  let db: OwnerDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = createDatabase({ kind: 'pglite', dataDir: null });
    await migrateToLatest(db);
    app = await buildApp({
      config: loadApiConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', COOKIE_SECURE: 'false' }),
      db,
      plaidItems: { removeItem: async () => {} },
    });
    registerTestApp(app, db, DEV_REPORT_LINK_SECRET);
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

  it('imports a statement into a manual account, re-imports it as duplicates, and undoes it (bytea, SET LOCAL)', async () => {
    const carol = await signedUpClient(app);
    const csv = 'Date,Description,Amount\n2026-11-02,Kiosk,-3.50\n2026-11-03,Salary,100.00\n';
    const form = { newAccountName: 'Cash box', newAccountType: 'cash', newAccountCurrency: 'USD' };
    const first = await carol.request({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipart(form, { content: csv }),
    });
    expect(first.statusCode, first.body).toBe(201);
    const committed = await carol.request({
      method: 'POST',
      url: `/api/v1/imports/${first.json().id}/commit`,
      payload: {},
    });
    expect(committed.json().counts.imported).toBe(2);
    const accountId = first.json().accountId as string;
    const again = await carol.request({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipart({ accountId }, { content: csv }),
    });
    expect(again.json().counts).toMatchObject({ new: 0, duplicate: 2 });
    const undone = await carol.request({ method: 'DELETE', url: `/api/v1/imports/${first.json().id}` });
    expect(undone.json()).toEqual({ ok: true, removed: 2 });
  });
});
