import { withUser } from '@finsync/shared';
import {
  budgetMonth,
  copyLastMonth,
  createBudget,
  currentMonth,
  deleteBudget,
  suggestBudgets,
  updateBudget,
} from '@finsync/shared/budgets';
import {
  Budget,
  BudgetCopyRequest,
  BudgetCopyResult,
  BudgetCreate,
  BudgetMonthQuery,
  BudgetMonthView,
  BudgetPatch,
  BudgetSuggestionList,
  ErrorBody,
  IdParams,
  Ok,
} from '@finsync/shared/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.ts';
import { userIdOf } from '../../plugins/authenticate.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Monthly budgets (issue 18): the month with progress and pace, limits, copy last month, suggestions. */
export function budgetRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', app.requireUser);
    app.addHook('preValidation', app.requireCsrf);
    const asUser = <T>(userId: string, fn: Parameters<typeof withUser<T>>[2]) => withUser(ctx.db, userId, fn);

    app.get(
      '/budgets',
      {
        schema: {
          tags: ['budgets'],
          summary: "A month's budgets with spending, rollover, pace and left to spend (default: this month)",
          querystring: BudgetMonthQuery,
          response: { 200: BudgetMonthView, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const now = ctx.clock();
        return asUser(userId, async (trx) =>
          budgetMonth(trx, userId, request.query.month ?? (await currentMonth(trx, userId, now)), now),
        );
      },
    );

    app.post(
      '/budgets',
      {
        schema: {
          tags: ['budgets'],
          summary: "Set a month's limit for a category, group or the income",
          body: BudgetCreate,
          response: { 201: Budget, 409: ErrorBody, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const line = await asUser(userId, (trx) => createBudget(trx, userId, request.body, ctx.clock()));
        return reply.code(201).send(line);
      },
    );

    app.patch(
      '/budgets/:id',
      {
        schema: {
          tags: ['budgets'],
          summary: "Change a month's limit, the rollover or the pace alerts of a budget",
          params: IdParams,
          body: BudgetPatch,
          response: { 200: Budget, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return asUser(userId, (trx) =>
          updateBudget(trx, userId, request.params.id, request.body, ctx.clock()),
        );
      },
    );

    app.delete(
      '/budgets/:id',
      {
        schema: {
          tags: ['budgets'],
          summary: 'Delete a budget and all its months',
          params: IdParams,
          response: { 200: Ok, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        await asUser(userId, (trx) => deleteBudget(trx, userId, request.params.id));
        return { ok: true as const };
      },
    );

    app.post(
      '/budgets/copy-last-month',
      {
        schema: {
          tags: ['budgets'],
          summary: "Give every budget without a limit in the month last month's limit",
          body: BudgetCopyRequest,
          response: { 200: BudgetCopyResult, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return asUser(userId, (trx) => copyLastMonth(trx, userId, request.body.month));
      },
    );

    app.get(
      '/budgets/suggestions',
      {
        schema: {
          tags: ['budgets'],
          summary: 'Limits suggested from the average of the 3 months before (default: this month)',
          querystring: BudgetMonthQuery,
          response: { 200: BudgetSuggestionList, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return asUser(userId, async (trx) => {
          const month = request.query.month ?? (await currentMonth(trx, userId, ctx.clock()));
          return { month, suggestions: await suggestBudgets(trx, userId, month) };
        });
      },
    );
  };
}
