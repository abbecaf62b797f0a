import { withUser } from '@finsync/shared';
import { ErrorBody, NetWorthHistory, NetWorthQuery } from '@finsync/shared/contract';
import { netWorthHistory } from '@finsync/shared/net-worth';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.ts';
import { userIdOf } from '../../plugins/authenticate.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/** Net worth over time (issue 18): per account and in total, estimated until bank snapshots take over. */
export function netWorthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', app.requireUser);
    app.addHook('preValidation', app.requireCsrf);

    app.get(
      '/net-worth',
      {
        schema: {
          tags: ['accounts'],
          summary:
            'Assets, liabilities (debts) and net worth per day, per account and in total (default: from the first transaction to today)',
          querystring: NetWorthQuery,
          response: { 200: NetWorthHistory, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return withUser(ctx.db, userId, (trx) => netWorthHistory(trx, userId, request.query, ctx.clock()));
      },
    );
  };
}
