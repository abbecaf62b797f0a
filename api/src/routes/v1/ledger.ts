import { NotFoundError } from '@finsync/shared';
import {
  DashboardQuery,
  DashboardSummary,
  ErrorBody,
  IdParams,
  Transaction,
  TransactionListQuery,
  TransactionPage,
} from '@finsync/shared/contract';
import { dashboardSummary, transactionQuery } from '@finsync/shared/ledger';
import { type FastifyPluginAsyncZod, serializerCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.ts';
import { userIdOf } from '../../plugins/authenticate.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** The dashboard route's own response serializer, for the JSON it keeps per ledger version. */
const serializeDashboardSummary = serializerCompiler({
  schema: DashboardSummary,
  method: 'GET',
  url: '/dashboard/summary',
}) as (body: unknown) => string;

/**
 * The ledger reads a client polls (the transaction list, one transaction, the dashboard), answered with the
 * ledger's version as ETag (304 when unchanged). Edits and the other reads are in transactions.ts,
 * accounts.ts, categorization.ts and settings.ts.
 */
export function ledgerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', app.requireUser);
    app.addHook('preValidation', app.requireCsrf);

    app.get(
      '/transactions',
      {
        schema: {
          tags: ['transactions'],
          summary: 'Transactions, newest first, with filters and keyset pagination',
          querystring: TransactionListQuery,
          response: { 200: TransactionPage, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        return ctx.ledgerReads.read(request, reply, userId, (trx) =>
          transactionQuery.list(trx, userId, request.query),
        );
      },
    );

    app.get(
      '/transactions/:id',
      { schema: { tags: ['transactions'], params: IdParams, response: { 200: Transaction, ...errors } } },
      async (request, reply) => {
        const userId = userIdOf(request);
        return ctx.ledgerReads.read(request, reply, userId, async (trx) => {
          const found = await transactionQuery.get(trx, userId, request.params.id);
          if (!found) throw new NotFoundError('transaction', request.params.id);
          return found;
        });
      },
    );

    app.get(
      '/dashboard/summary',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'Spent, income, net, by category and trend over a period',
          querystring: DashboardQuery,
          response: { 200: DashboardSummary, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const { from, to, currency } = request.query;
        // Computed once per ledger version and period, then served from memory until the ledger changes.
        return ctx.ledgerReads.memoizedJson(
          request,
          reply,
          userId,
          `dashboard ${from} ${to} ${currency ?? ''}`,
          (trx) => dashboardSummary(trx, userId, { from, to, currency }, { readOnlyTransaction: true }),
          serializeDashboardSummary,
        );
      },
    );
  };
}
