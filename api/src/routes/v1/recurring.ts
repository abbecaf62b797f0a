import { withUser } from '@finsync/shared';
import {
  BankRecurringCheck,
  ErrorBody,
  IdParams,
  Ok,
  RecurringCreate,
  RecurringPatch,
  RecurringQuery,
  RecurringSeries,
  RecurringView,
} from '@finsync/shared/contract';
import {
  addSeriesByHand,
  bankRecurringCrossCheck,
  decideRecurring,
  deleteSeriesByHand,
  recurringView,
} from '@finsync/shared/recurring';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.ts';
import { userIdOf } from '../../plugins/authenticate.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Recurring series and the upcoming-bills calendar (issue 18). */
export function recurringRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', app.requireUser);
    app.addHook('preValidation', app.requireCsrf);

    app.get(
      '/recurring',
      {
        schema: {
          tags: ['recurring'],
          summary: 'Every recurring series with its amount band, and the expected payments of the next days',
          querystring: RecurringQuery,
          response: { 200: RecurringView, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return withUser(ctx.db, userId, (trx) => recurringView(trx, userId, ctx.clock(), request.query.days));
      },
    );

    app.get(
      '/recurring/bank',
      {
        schema: {
          tags: ['recurring'],
          summary:
            "The bank's own recurring streams (Plaid /transactions/recurring/get) next to finsync's series",
          response: { 200: BankRecurringCheck, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return bankRecurringCrossCheck(
          { read: (fn) => withUser(ctx.db, userId, fn), plaid: ctx.plaid, cipher: ctx.cipher },
          userId,
        );
      },
    );

    app.post(
      '/recurring',
      {
        schema: {
          tags: ['recurring'],
          summary: 'Add a series by hand (a bill detection did not find), paid from one of your accounts',
          body: RecurringCreate,
          response: { 201: RecurringSeries, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const series = await withUser(ctx.db, userId, (trx) =>
          addSeriesByHand(trx, userId, request.body, ctx.clock()),
        );
        return reply.code(201).send(series);
      },
    );

    app.delete(
      '/recurring/:id',
      {
        schema: {
          tags: ['recurring'],
          summary: 'Delete a series added by hand (a detected one is dismissed instead)',
          params: IdParams,
          response: { 200: Ok, 409: ErrorBody, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        await withUser(ctx.db, userId, (trx) => deleteSeriesByHand(trx, userId, request.params.id));
        return { ok: true as const };
      },
    );

    app.patch(
      '/recurring/:id',
      {
        schema: {
          tags: ['recurring'],
          summary: 'Confirm or dismiss a series, or correct its cadence or typical amount (null clears)',
          params: IdParams,
          body: RecurringPatch,
          response: { 200: RecurringSeries, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return withUser(ctx.db, userId, (trx) =>
          decideRecurring(trx, userId, request.params.id, request.body),
        );
      },
    );
  };
}
