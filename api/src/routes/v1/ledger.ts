import { NotFoundError } from '@finsync/shared';
import {
  DashboardQuery,
  DashboardSummary,
  Transaction,
  TransactionListQuery,
  TransactionPage,
  TransactionTotals,
} from '@finsync/shared/contract';
import { dashboardSummary, transactionQuery } from '@finsync/shared/ledger';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { userRoutes } from './user-routes.ts';

/** The dashboard route's own response serializer, for the JSON it keeps per ledger version. */
const serializeDashboardSummary = serializerCompiler({
  schema: DashboardSummary,
  method: 'GET',
  url: '/dashboard/summary',
}) as (body: unknown) => string;

/**
 * The ledger reads a client polls (the transaction list and its totals, one transaction, the dashboard),
 * answered with the ledger's version as ETag (304 when unchanged). Edits and the other reads are in
 * transactions.ts, accounts.ts, categorization.ts and settings.ts.
 */
export const ledgerRoutes = userRoutes(({ withoutTransaction }, ctx) => {
  withoutTransaction(
    'GET /transactions',
    {
      summary: 'Transactions, newest first, with filters and keyset pagination',
      querystring: TransactionListQuery,
      response: TransactionPage,
    },
    ({ userId, query, request, reply }) =>
      ctx.ledgerReads.read(request, reply, userId, (trx) => transactionQuery.list(trx, userId, query)),
  );
  withoutTransaction(
    'GET /transactions/totals',
    {
      summary: 'How many transactions the list filters match and their amounts summed per currency',
      querystring: TransactionListQuery,
      response: TransactionTotals,
    },
    ({ userId, query, request, reply }) =>
      ctx.ledgerReads.read(request, reply, userId, (trx) => transactionQuery.totals(trx, userId, query)),
  );
  withoutTransaction(
    'GET /transactions/:id',
    { response: Transaction },
    ({ userId, params, request, reply }) =>
      ctx.ledgerReads.read(request, reply, userId, async (trx) => {
        const found = await transactionQuery.get(trx, userId, params.id);
        if (!found) throw new NotFoundError('transaction', params.id);
        return found;
      }),
  );
  withoutTransaction(
    'GET /dashboard/summary',
    {
      summary: 'Spent, income, net, by category and trend over a period',
      querystring: DashboardQuery,
      response: DashboardSummary,
    },
    ({ userId, query: { from, to, currency }, request, reply }) =>
      // Computed once per ledger version and period, then served from memory until the ledger changes.
      ctx.ledgerReads.memoizedJson(
        request,
        reply,
        userId,
        `dashboard ${from} ${to} ${currency ?? ''}`,
        (trx) => dashboardSummary(trx, userId, { from, to, currency }, { readOnlyTransaction: true }),
        serializeDashboardSummary,
      ),
  );
});
