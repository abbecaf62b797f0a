import { Readable } from 'node:stream';
import { withUser } from '@finsync/shared';
import { ExportQuery } from '@finsync/shared/contract';
import { recordAudit } from '@finsync/shared/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.ts';
import { exportCsv, exportJson } from '../../export/export-stream.ts';
import { userIdOf } from '../../plugins/authenticate.ts';
import { auditContext } from './request-context.ts';

/** Streams the user's data as CSV (transactions) or JSON (accounts, categories, transactions). */
export function exportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/export',
      {
        onRequest: [app.requireUser],
        schema: {
          tags: ['export'],
          summary: 'Download your data (streamed)',
          querystring: ExportQuery,
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const { format } = request.query;
        const now = ctx.clock();
        await withUser(ctx.db, userId, (trx) =>
          recordAudit(trx, 'data.export', userId, auditContext(request), { format }),
        );
        const day = now.toISOString().slice(0, 10);
        reply
          .header('content-disposition', `attachment; filename="finsync-${day}.${format}"`)
          .header('cache-control', 'no-store')
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
        return reply.send(
          Readable.from(format === 'csv' ? exportCsv(ctx.db, userId) : exportJson(ctx.db, userId, now)),
        );
      },
    );
  };
}
