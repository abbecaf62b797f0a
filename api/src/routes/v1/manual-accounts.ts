import { withUser } from '@finsync/shared';
import { Account, ErrorBody, ManualAccountCreate } from '@finsync/shared/contract';
import { createManualAccount } from '@finsync/shared/imports';
import { accountQuery } from '@finsync/shared/ledger';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.ts';
import { userIdOf } from '../../plugins/authenticate.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/** Manual accounts: banks Plaid can't reach, filled from statement files; listed with Plaid's in GET /accounts. */
export function manualAccountRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', app.requireUser);
    app.addHook('preValidation', app.requireCsrf);

    app.post(
      '/accounts',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Create a manual account (name, type, currency, opening balance)',
          body: ManualAccountCreate,
          response: { 201: Account, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const account = await withUser(ctx.db, userId, async (trx) => {
          const id = await createManualAccount(trx, userId, request.body);
          return (await accountQuery.accounts(trx, userId)).find((a) => a.id === id)!;
        });
        return reply.code(201).send(account);
      },
    );
  };
}
