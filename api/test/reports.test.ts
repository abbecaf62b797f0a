import * as contract from '@finsync/shared/contract';
import { generateReportJobData } from '@finsync/shared/jobs';
import { createInProcessJobQueue } from '@finsync/shared/queue';
import {
  currentReportSummary,
  customPeriod,
  type ReportSummary,
  saveReport,
  signLinkToken,
} from '@finsync/shared/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

const SECRET = 'report-link-secret-for-api-tests-0123456789';
const PDF = Buffer.from('%PDF-1.7\n% finsync test document\n');

describe('reports: list, summary, PDF, email links that still need the session, on-demand generation', () => {
  let h: TestApp;
  let alice: Client;
  let bob: Client;
  let reportId: string;
  let summary: ReportSummary;
  const queued: unknown[] = [];
  const queue = createInProcessJobQueue();

  beforeAll(async () => {
    queue.register('generate-report', async (data) => {
      queued.push(data);
    });
    // Signing up queues the link's email; signedUpClient reads the link from the database instead, so the
    // mail job has nothing to do here (without a handler it fails and retries, and queue.idle() waits on it).
    queue.register('send-signup-link', async () => {});
    await queue.start();
    h = await startTestApp({ queue }, { REPORT_LINK_SECRET: SECRET });
    alice = await signedUpClient(h.app);
    bob = await signedUpClient(h.app);
    const generatedAt = new Date('2026-11-08T07:00:00Z');
    summary = await currentReportSummary(
      h.t.db,
      alice.userId!,
      {
        kind: 'custom',
        period_start: '2026-11-01',
        period_end: '2026-11-07',
        timezone: 'UTC',
        currency: 'USD',
      },
      generatedAt,
    );
    ({ id: reportId } = await saveReport(h.t.db, {
      userId: alice.userId!,
      kind: 'custom',
      period: customPeriod('2026-11-01', '2026-11-07', 'UTC'),
      currency: 'USD',
      summary,
      pdf: PDF,
      generatedAt,
    }));
  });
  afterAll(async () => {
    await h.close();
    await queue.close();
  });

  const token = (userId: string, subject: string, expiresAt = new Date(Date.now() + 86_400_000)) =>
    signLinkToken({ purpose: 'report', userId, subject, expiresAt }, SECRET);

  it('summarizes any range on demand, the same figures a report of it has, and refuses a backwards range', async () => {
    const res = await alice.request({
      method: 'GET',
      url: '/api/v1/reports/summary?start=2026-11-01&end=2026-11-07',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = contract.PeriodSummary.parse(res.json());
    const { generatedAt: _a, ...figures } = body.summary as Record<string, unknown>;
    const { generatedAt: _b, ...expected } = JSON.parse(JSON.stringify(summary)) as Record<string, unknown>;
    expect(figures).toEqual(expected);
    const bad = await alice.request({
      method: 'GET',
      url: '/api/v1/reports/summary?start=2026-11-07&end=2026-11-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(await h.t.db.selectFrom('reports').select('id').execute()).toHaveLength(1);
  });

  it('lists the reports and shows one with its summary', async () => {
    const list = contract.ReportList.parse(
      (await alice.request({ method: 'GET', url: '/api/v1/reports' })).json(),
    );
    expect(list.reports).toMatchObject([
      {
        id: reportId,
        kind: 'custom',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-07',
        pdfBytes: PDF.length,
      },
    ]);
    const res = await alice.request({ method: 'GET', url: `/api/v1/reports/${reportId}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(contract.Report.parse(res.json()).summary).toEqual(JSON.parse(JSON.stringify(summary)));
  });

  it('downloads the PDF as an attachment', async () => {
    const res = await alice.request({ method: 'GET', url: `/api/v1/reports/${reportId}/pdf` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="finsync-custom-2026-11-01-2026-11-07.pdf"',
    );
    expect(res.rawPayload.equals(PDF)).toBe(true);
  });

  it('an email link opens the report only with the session of its user and a valid, fresh token', async () => {
    const t = encodeURIComponent(token(alice.userId!, reportId));
    const ok = await alice.request({ method: 'GET', url: `/api/v1/reports/${reportId}?t=${t}` });
    expect(ok.statusCode).toBe(200);
    const anonymous = await h.app.inject({ method: 'GET', url: `/api/v1/reports/${reportId}/pdf?t=${t}` });
    expect(anonymous.statusCode).toBe(401);
    const otherSession = await bob.request({ method: 'GET', url: `/api/v1/reports/${reportId}?t=${t}` });
    expect(otherSession.statusCode).toBe(404);
    const expired = encodeURIComponent(token(alice.userId!, reportId, new Date(Date.now() - 1000)));
    const late = await alice.request({ method: 'GET', url: `/api/v1/reports/${reportId}/pdf?t=${expired}` });
    expect(late.statusCode).toBe(403);
    expect(late.json().error.code).toBe('LINK_EXPIRED');
    const forged = await alice.request({
      method: 'GET',
      url: `/api/v1/reports/${reportId}?t=123.${'A'.repeat(43)}`,
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('LINK_INVALID');
  });

  it("another user's report is 404, like a missing one", async () => {
    for (const url of [`/api/v1/reports/${reportId}`, `/api/v1/reports/${reportId}/pdf`]) {
      const res = await bob.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    const list = await bob.request({ method: 'GET', url: '/api/v1/reports' });
    expect(list.json().reports).toEqual([]);
  });

  it("on demand, the worker's generate-report job is queued with data its schema accepts, without an email", async () => {
    const weekly = await alice.request({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { kind: 'weekly' },
    });
    expect(weekly.statusCode, weekly.body).toBe(202);
    contract.ReportQueued.parse(weekly.json());
    const custom = await alice.request({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { kind: 'custom', start: '2026-10-01', end: '2026-10-31' },
    });
    expect(custom.statusCode).toBe(202);
    const reversed = await alice.request({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { kind: 'custom', start: '2026-10-31', end: '2026-10-01' },
    });
    expect(reversed.statusCode).toBe(400);
    await queue.idle();
    expect(queued).toHaveLength(2);
    for (const data of queued) {
      const parsed = generateReportJobData.parse(data);
      expect(parsed).toMatchObject({ userId: alice.userId, notify: false });
    }
  });
});
