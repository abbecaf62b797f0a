import { withUser } from '@finsync/shared';
import { ErrorBody, Goal, GoalCreate, GoalList, GoalPatch, IdParams, Ok } from '@finsync/shared/contract';
import { createGoal, deleteGoal, listGoals, updateGoal } from '@finsync/shared/goals';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.ts';
import { userIdOf } from '../../plugins/authenticate.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Savings goals (issue 18): progress, the monthly amount to stay on track, alerts when one falls behind. */
export function goalRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', app.requireUser);
    app.addHook('preValidation', app.requireCsrf);
    const asUser = <T>(userId: string, fn: Parameters<typeof withUser<T>>[2]) => withUser(ctx.db, userId, fn);

    app.get(
      '/goals',
      {
        schema: {
          tags: ['goals'],
          summary: 'Savings goals with progress and the monthly amount needed to stay on track',
          response: { 200: GoalList, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return asUser(userId, (trx) => listGoals(trx, userId, ctx.clock()));
      },
    );

    app.post(
      '/goals',
      {
        schema: {
          tags: ['goals'],
          summary: 'Set a savings goal: a target by a date, saved in one or more accounts',
          body: GoalCreate,
          response: { 201: Goal, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const goal = await asUser(userId, (trx) => createGoal(trx, userId, request.body, ctx.clock()));
        return reply.code(201).send(goal);
      },
    );

    app.patch(
      '/goals/:id',
      {
        schema: {
          tags: ['goals'],
          summary: "Change a goal's name, target, date, accounts or alerts",
          params: IdParams,
          body: GoalPatch,
          response: { 200: Goal, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return asUser(userId, (trx) => updateGoal(trx, userId, request.params.id, request.body, ctx.clock()));
      },
    );

    app.delete(
      '/goals/:id',
      {
        schema: {
          tags: ['goals'],
          summary: 'Delete a savings goal',
          params: IdParams,
          response: { 200: Ok, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        await asUser(userId, (trx) => deleteGoal(trx, userId, request.params.id));
        return { ok: true as const };
      },
    );
  };
}
