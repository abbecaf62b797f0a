import { DomainError, withUser } from '@finsync/shared';
import {
  ErrorBody,
  IdParams,
  PeriodSummary,
  PeriodSummaryQuery,
  Report,
  ReportList,
  ReportQuery,
  ReportQueued,
  ReportRequest,
} from '@finsync/shared/contract';
import {
  currentReportSummary,
  findReport,
  listReports,
  loadReportOwner,
  sameSummary,
  verifyLinkToken,
} from '@finsync/shared/reports';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.ts';
import { userIdOf } from '../../plugins/authenticate.ts';
import { clientHasVersion, notModified } from '../../plugins/ledger-etag.ts';
import { queueReportRefresh } from './queue-report-refresh.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };

const day = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

const toListItem = (r: Awaited<ReturnType<typeof listReports>>[number]) => ({
  id: r.id,
  kind: r.kind,
  periodStart: day(r.period_start),
  periodEnd: day(r.period_end),
  timezone: r.timezone,
  currency: r.currency.trim(),
  pdfBytes: r.pdf_bytes,
  generatedAt: r.generated_at.toISOString(),
});

/** How long a PDF download waits for the worker to re-render a report whose figures changed. */
const PDF_REFRESH_WAIT_MS = 15_000;

/**
 * Reports: listed, viewed and downloaded after login only; generated on demand by the worker's job.
 * A report shows the ledger as it is now (see shared/src/reports/report-freshness.ts): its summary is
 * recomputed on every view, and a PDF whose figures changed is re-rendered by the worker before download.
 */
export function reportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', app.requireUser);
    app.addHook('preValidation', app.requireCsrf);

    /** The caller's report (another user's id is 404); an email link's token must also be valid and theirs. */
    const openReport = (userId: string, reportId: string, token: string | undefined, withPdf: boolean) =>
      withUser(ctx.db, userId, async (trx) => {
        const report = await findReport(trx, userId, reportId, withPdf);
        if (token !== undefined) {
          verifyLinkToken(
            token,
            { purpose: 'report', userId, subject: reportId },
            ctx.config.REPORT_LINK_SECRET,
            ctx.clock(),
          );
        }
        return report;
      });

    const queueRefresh = (userId: string) => queueReportRefresh(ctx.queue, userId);

    /**
     * The report with a PDF that shows the ledger as it is now: when the figures changed since it was
     * rendered, the worker's refresh is queued and awaited (briefly); null when it is not done in time.
     */
    const freshReportWithPdf = async (userId: string, reportId: string, token: string | undefined) => {
      const deadline = Date.now() + PDF_REFRESH_WAIT_MS;
      let queued = false;
      for (;;) {
        const r = await openReport(userId, reportId, token, true);
        const current = await withUser(ctx.db, userId, (trx) =>
          currentReportSummary(trx, userId, r, r.generated_at),
        );
        if (sameSummary(r.summary, current)) return r;
        if (!ctx.queue || Date.now() > deadline) return null;
        if (!queued) await queueRefresh(userId);
        queued = true;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };

    app.get(
      '/reports',
      {
        schema: {
          tags: ['reports'],
          summary: 'Your reports, newest period first',
          response: { 200: ReportList, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        return ctx.ledgerReads.read(request, reply, userId, async (trx) => ({
          reports: (await listReports(trx, userId)).map(toListItem),
        }));
      },
    );

    app.post(
      '/reports',
      {
        schema: {
          tags: ['reports'],
          summary:
            'Generate a report now (weekly, monthly or a custom period); it appears in the list when ready',
          body: ReportRequest,
          response: { 202: ReportQueued, ...errors },
        },
      },
      async (request, reply) => {
        if (!ctx.queue) throw new DomainError('JOBS_UNAVAILABLE', 'background jobs are not configured');
        const userId = userIdOf(request);
        const body = request.body;
        // Asked for in the app: no "report ready" email.
        const data =
          body.kind === 'custom'
            ? { userId, kind: body.kind, start: body.start, end: body.end, notify: false }
            : { userId, kind: body.kind, asOf: body.asOf ?? ctx.clock().toISOString(), notify: false };
        const { jobId } = await ctx.queue.enqueue('generate-report', data, {
          dedupeId: `report-${userId}-${body.kind}-${body.kind === 'custom' ? `${body.start}-${body.end}` : 'now'}`,
          attempts: 3,
        });
        reply.code(202);
        return { jobId };
      },
    );

    app.get(
      '/reports/summary',
      {
        schema: {
          tags: ['reports'],
          summary:
            "A report's figures (top payees, bills, trends) for any range, computed from the ledger now and not stored",
          querystring: PeriodSummaryQuery,
          response: { 200: PeriodSummary, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const { start, end } = request.query;
        return withUser(ctx.db, userId, async (trx) => {
          const owner = await loadReportOwner(trx, userId);
          const key = {
            kind: 'custom' as const,
            period_start: start,
            period_end: end,
            timezone: owner.timezone,
          };
          const summary = await currentReportSummary(
            trx,
            userId,
            { ...key, currency: owner.currency },
            ctx.clock(),
          );
          return {
            periodStart: start,
            periodEnd: end,
            currency: owner.currency,
            summary,
          };
        });
      },
    );

    app.get(
      '/reports/:id',
      {
        schema: {
          tags: ['reports'],
          summary: 'One report with its summary figures (the email link adds ?t=, checked with the session)',
          params: IdParams,
          querystring: ReportQuery,
          response: { 200: Report, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        // The version before the report and its figures, so the tag is never newer than the body.
        const version = await withUser(ctx.db, userId, (trx) => ctx.ledgerReads.version(trx, userId));
        const r = await openReport(userId, request.params.id, request.query.t, false);
        if (clientHasVersion(request, reply, userId, version)) return notModified(reply);
        const current = await withUser(ctx.db, userId, (trx) =>
          currentReportSummary(trx, userId, r, r.generated_at),
        );
        if (!sameSummary(r.summary, current)) await queueRefresh(userId);
        return {
          ...toListItem(r),
          summary: current,
        };
      },
    );

    app.get(
      '/reports/:id/pdf',
      {
        schema: {
          tags: ['reports'],
          summary: 'The report as a PDF download',
          params: IdParams,
          querystring: ReportQuery,
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const r = await freshReportWithPdf(userId, request.params.id, request.query.t);
        if (!r) {
          reply.header('retry-after', '5');
          throw new DomainError(
            'REPORT_UPDATING',
            'this report’s figures changed and its PDF is being updated; try again in a moment',
          );
        }
        const pdf = 'pdf' in r ? (r.pdf as Buffer | null) : null;
        if (!pdf) throw new DomainError('NOT_FOUND', 'this report has no PDF yet', { id: r.id });
        const name = `finsync-${r.kind}-${day(r.period_start)}-${day(r.period_end)}.pdf`;
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    );
  };
}
