// Past reports follow the ledger: after a person marks a transaction as a transfer, the report page shows
// the new figures at once and the PDF download is re-rendered by the worker's refresh job before it is served.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as contract from '@finsync/shared/contract';
import { createInProcessJobQueue } from '@finsync/shared/queue';
import { customPeriod, type ReportSummary, saveReport } from '@finsync/shared/reports';
import type { Ledger } from '@finsync/test-support';
import { createRefreshReportsProcessor, refreshStoredReports } from '@finsync/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedUpClient, startTestApp, type TestApp } from '../../api/test/support/test-app.ts';

const pdfText = (pdf: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'finsync-report-'));
  writeFileSync(join(dir, 'r.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
};
const money = (minor: number) => (minor / 100).toFixed(2);

describe('stored reports follow the ledger', () => {
  let h: TestApp;
  let alice: Client;
  let seeded: Ledger;
  let reportId: string;
  const queue = createInProcessJobQueue();

  beforeAll(async () => {
    h = await startTestApp({ queue });
    queue.register('refresh-reports', createRefreshReportsProcessor({ db: h.t.db, now: () => new Date() }));
    await queue.start();
    alice = await signedUpClient(h.app);
    seeded = await h.ctx.newLedger(alice.userId!, 5);
    ({ id: reportId } = await saveReport(h.t.db, {
      userId: alice.userId!,
      kind: 'custom',
      period: customPeriod('2026-11-01', '2026-11-30', 'UTC'),
      currency: 'USD',
      summary: {} as ReportSummary,
      pdf: null,
      generatedAt: new Date('2026-12-01T07:00:00Z'),
    }));
    // The worker renders it (as the generate job would have).
    expect(await refreshStoredReports({ db: h.t.db, now: () => new Date() }, alice.userId!)).toEqual({
      reports: 1,
      refreshed: 1,
    });
  });
  afterAll(async () => {
    await h.close();
    await queue.close();
  });

  const get = async (url: string, payload?: object, method = 'GET') => {
    const res = await alice.request({
      method: method as 'GET',
      url: `/api/v1${url}`,
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
    return res;
  };
  const spent = async () =>
    (contract.Report.parse((await get(`/reports/${reportId}`)).json()).summary as unknown as ReportSummary)
      .headline.spentMinor;

  it('shows a transfer mark on the report page at once and in the downloaded PDF', async () => {
    const before = await spent();
    expect(pdfText((await get(`/reports/${reportId}/pdf`)).rawPayload)).toContain(money(before));
    const coffee = seeded.transactionIds[4]!; // 50.00 spent
    await get(`/transactions/${coffee}`, { isTransfer: true }, 'PATCH');
    expect(await spent()).toBe(before - 50_00);
    const text = pdfText((await get(`/reports/${reportId}/pdf`)).rawPayload);
    expect(text).toContain(money(before - 50_00));
    expect(text).not.toContain(money(before));
    // Nothing left to refresh: the stored report now matches the ledger.
    expect(await refreshStoredReports({ db: h.t.db, now: () => new Date() }, alice.userId!)).toEqual({
      reports: 1,
      refreshed: 0,
    });
  });
});
