// Ledger versions and dashboard summaries kept in each API instance's memory (issue 16) stay correct behind a
// load balancer: a change made through one instance, or straight to the database (the worker's sync), is heard
// by the other through PostgreSQL's NOTIFY, and while an instance's listening connection is down it keeps
// nothing, so a change made then is never answered with the old figures or a 304.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

const DASHBOARD = '/api/v1/dashboard/summary?from=2026-11-01&to=2026-11-30';
const LIST = '/api/v1/transactions?limit=50';

describe('in-memory ledger versions across two API instances', () => {
  let h: TestApp;
  let onA: Client;
  let onB: Client;
  let txns: string[];

  beforeAll(async () => {
    h = await startTestApp();
    onA = await signedUpClient(h.app);
    // The same browser session, its requests sent to the second instance.
    onB = new Client(await h.twin());
    for (const [name, value] of onA.cookies) onB.cookies.set(name, value);
    onB.csrf = onA.csrf;
    txns = (await h.ctx.newLedger(onA.userId!, 4)).transactionIds;
  });
  afterAll(() => h.close());

  const get = (client: Client, url: string, etag?: string) =>
    client.request({ method: 'GET', url, headers: etag ? { 'if-none-match': etag } : {} });

  /** The current tag and body on `client`'s instance, checked to be answered 304 there when sent back. */
  async function current(client: Client, url: string) {
    const res = await get(client, url);
    expect(res.statusCode, res.body).toBe(200);
    const etag = String(res.headers.etag);
    expect((await get(client, url, etag)).statusCode).toBe(304);
    return { etag, body: res.json() };
  }

  it('a write through one instance is seen by the other: new figures, new tag, no 304 for the old one', async () => {
    const before = await current(onB, DASHBOARD);
    const listBefore = await current(onB, LIST);
    const edit = await onA.request({
      method: 'PATCH',
      url: `/api/v1/transactions/${txns[3]}`,
      payload: { excludedFromReports: true },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    await onB.app.ledgerReads.caughtUp();

    const after = await get(onB, DASHBOARD, before.etag);
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.etag);
    expect(after.json().spentMinor).toBe(before.body.spentMinor - 40_00);
    expect((await get(onB, LIST, listBefore.etag)).statusCode).toBe(200);
  });

  it('a write straight to the database (the worker) is seen by both instances', async () => {
    const onEach = [await current(onA, DASHBOARD), await current(onB, DASHBOARD)];
    await h.t.db.updateTable('transactions').set({ amount_minor: 1_00 }).where('id', '=', txns[2]!).execute();
    for (const [i, client] of [onA, onB].entries()) {
      await client.app.ledgerReads.caughtUp();
      const res = await get(client, DASHBOARD, onEach[i]!.etag);
      expect(res.statusCode).toBe(200);
      expect(res.json().spentMinor).toBe(onEach[i]!.body.spentMinor - 30_00 + 1_00);
    }
  });

  it('a change made while the listening connection was down is not answered from memory', async () => {
    const before = await current(onB, DASHBOARD);
    // Every instance's listening connection ends (a database restart or failover would do the same).
    const { rows } = await sql<{ ended: boolean }>`
      SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
      WHERE application_name = 'finsync-ledger-listener' AND datname = current_database()`.execute(h.t.db);
    expect(rows.length).toBe(2);
    // Its announcement goes nowhere: no instance is listening.
    await h.t.db.updateTable('transactions').set({ amount_minor: 2_00 }).where('id', '=', txns[2]!).execute();
    // Listening again (the marker needs the new connection), and the change must show.
    await onB.app.ledgerReads.caughtUp();
    const res = await get(onB, DASHBOARD, before.etag);
    expect(res.statusCode).toBe(200);
    expect(res.json().spentMinor).toBe(before.body.spentMinor - 1_00 + 2_00);
    // And memory serves again once listening: the new tag is answered 304.
    expect((await get(onB, DASHBOARD, String(res.headers.etag))).statusCode).toBe(304);
  });
});
