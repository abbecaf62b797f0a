// Conditional reads (issue 16): the dashboard, transaction and report reads carry the user's ledger version
// as their ETag. It changes exactly when the data does: a write of the user's changes it, and the next read
// sends the new figures; a read, or any write to another user's ledger, leaves it, and If-None-Match gets 304.
import { currentReportSummary, customPeriod, saveReport } from '@finsync/shared/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

const READS = [
  '/dashboard/summary?from=2026-11-01&to=2026-11-30',
  '/dashboard/summary?from=2026-01-01&to=2026-12-31',
  '/transactions?limit=50',
  '/transactions/totals',
  '/reports',
];

describe('ETag and 304 on the ledger reads', () => {
  let h: TestApp;
  let alice: Client;
  let bob: Client;
  let aliceTxns: string[];
  let bobTxns: string[];

  beforeAll(async () => {
    h = await startTestApp();
    alice = await signedUpClient(h.app);
    bob = await signedUpClient(h.app);
    aliceTxns = (await h.ctx.newLedger(alice.userId!, 4)).transactionIds;
    bobTxns = (await h.ctx.newLedger(bob.userId!, 4)).transactionIds;
  });
  afterAll(() => h.close());

  const get = (client: Client, url: string, etag?: string) =>
    client.request({ method: 'GET', url: `/api/v1${url}`, headers: etag ? { 'if-none-match': etag } : {} });

  /** Each read's current tag, checked to be answered 304 when sent back. */
  async function tags(client: Client): Promise<string[]> {
    const out: string[] = [];
    for (const url of READS) {
      const res = await get(client, url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      const etag = String(res.headers.etag);
      expect(etag).toMatch(/^W\/".+"$/);
      expect(res.headers['cache-control']).toBe('private, no-cache');
      const again = await get(client, url, etag);
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
      out.push(etag);
    }
    return out;
  }

  it('stays the same across reads and another user’s writes, and changes with the user’s own writes', async () => {
    const first = await tags(alice);
    // Reads change nothing.
    expect(await tags(alice)).toEqual(first);

    // Bob's edit, through the API, and a write straight to his rows: Alice's tags stand.
    const bobEdit = await bob.request({
      method: 'PATCH',
      url: `/api/v1/transactions/${bobTxns[2]}`,
      payload: { excludedFromReports: true },
    });
    expect(bobEdit.statusCode, bobEdit.body).toBe(200);
    await h.t.db.updateTable('transactions').set({ amount_minor: 1 }).where('id', '=', bobTxns[3]!).execute();
    await h.app.ledgerReads.caughtUp();
    expect(await tags(alice)).toEqual(first);

    // Alice's edit: every read's tag changes, the old one is answered with the new figures.
    const before = (await get(alice, READS[0]!)).json();
    const edit = await alice.request({
      method: 'PATCH',
      url: `/api/v1/transactions/${aliceTxns[2]}`,
      payload: { excludedFromReports: true },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const after = await tags(alice);
    for (const [i, tag] of after.entries()) expect(tag, READS[i]).not.toBe(first[i]);
    const fresh = await get(alice, READS[0]!, first[0]);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().spentMinor).toBe(before.spentMinor - 30_00);

    // A write outside the API (the worker's sync) changes it too.
    await h.t.db
      .updateTable('transactions')
      .set({ amount_minor: 5 })
      .where('id', '=', aliceTxns[3]!)
      .execute();
    // Heard by this instance once the database announces it (ledger-cache-instances.test.ts).
    await h.app.ledgerReads.caughtUp();
    const afterSync = await tags(alice);
    for (const [i, tag] of afterSync.entries()) expect(tag, READS[i]).not.toBe(after[i]);
  });

  it('is never one user’s tag for another user', async () => {
    const [a, b] = [await tags(alice), await tags(bob)];
    for (const [i, tag] of a.entries()) {
      expect(tag).not.toBe(b[i]);
      expect((await get(bob, READS[i]!, tag)).statusCode).toBe(200);
    }
  });

  it('a stored report answers 304 until the ledger or the reports change', async () => {
    const generatedAt = new Date('2026-11-30T07:00:00Z');
    const period = customPeriod('2026-11-01', '2026-11-29', 'UTC');
    const summary = await currentReportSummary(
      h.t.db,
      alice.userId!,
      {
        kind: 'custom',
        period_start: period.start,
        period_end: period.end,
        timezone: 'UTC',
        currency: 'USD',
      },
      generatedAt,
    );
    const { id } = await saveReport(h.t.db, {
      userId: alice.userId!,
      kind: 'custom',
      period,
      currency: 'USD',
      summary,
      pdf: Buffer.from('%PDF-1.7\n'),
      generatedAt,
    });
    await h.app.ledgerReads.caughtUp();
    const url = `/reports/${id}`;
    const first = await get(alice, url);
    expect(first.statusCode, first.body).toBe(200);
    const etag = String(first.headers.etag);
    expect((await get(alice, url, etag)).statusCode).toBe(304);
    // Bob cannot use Alice's tag to learn anything: his read of her report is refused, tag or not.
    expect((await get(bob, url, etag)).statusCode).toBe(404);
    await alice.request({
      method: 'PATCH',
      url: `/api/v1/transactions/${aliceTxns[1]}`,
      payload: { notes: 'x' },
    });
    expect((await get(alice, url, etag)).statusCode).toBe(200);
  });

  it('a single transaction read answers 304 until that user writes', async () => {
    const url = `/transactions/${aliceTxns[1]}`;
    const etag = String((await get(alice, url)).headers.etag);
    expect((await get(alice, url, etag)).statusCode).toBe(304);
    await alice.request({ method: 'PATCH', url: `/api/v1${url}`, payload: { notes: 'lunch' } });
    const res = await get(alice, url, etag);
    expect(res.statusCode).toBe(200);
    expect(res.json().notes).toBe('lunch');
  });
});

describe('a write that changes nothing', () => {
  let h: TestApp;
  let carol: Client;
  let txns: string[];

  beforeAll(async () => {
    h = await startTestApp();
    carol = await signedUpClient(h.app);
    txns = (await h.ctx.newLedger(carol.userId!, 4)).transactionIds;
  });
  afterAll(() => h.close());

  const tag = async (url: string) => {
    const res = await carol.request({ method: 'GET', url: `/api/v1${url}` });
    expect(res.statusCode, res.body).toBe(200);
    return String(res.headers.etag);
  };

  it('keeps the tag: the same notes, the same exclusion, sent again', async () => {
    const patch = async (payload: object) => {
      const res = await carol.request({ method: 'PATCH', url: `/api/v1/transactions/${txns[0]}`, payload });
      expect(res.statusCode, res.body).toBe(200);
      await h.app.ledgerReads.caughtUp();
    };
    await patch({ notes: 'groceries', excludedFromReports: true });
    const before = await Promise.all(READS.map(tag));
    await patch({ notes: 'groceries' });
    await patch({ excludedFromReports: true });
    expect(await Promise.all(READS.map(tag))).toEqual(before);
    // …and a real change still moves it.
    await patch({ notes: 'groceries, and wine' });
    const after = await Promise.all(READS.map(tag));
    for (const [i, t] of after.entries()) expect(t, READS[i]).not.toBe(before[i]);
  });

  it('keeps the tag when a category is saved as it is, and moves it on a rename', async () => {
    const list = await carol.request({ method: 'GET', url: '/api/v1/categories' });
    const category = (list.json() as { categories: { id: string; name: string }[] }).categories[0]!;
    const rename = async (name: string) => {
      const res = await carol.request({
        method: 'PATCH',
        url: `/api/v1/categories/${category.id}`,
        payload: { name },
      });
      expect(res.statusCode, res.body).toBe(200);
      await h.app.ledgerReads.caughtUp();
    };
    const before = await Promise.all(READS.map(tag));
    await rename(category.name);
    expect(await Promise.all(READS.map(tag))).toEqual(before);
    await rename(`${category.name} (home)`);
    const after = await Promise.all(READS.map(tag));
    for (const [i, t] of after.entries()) expect(t, READS[i]).not.toBe(before[i]);
  });
});
