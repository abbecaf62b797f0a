import { Goal, GoalCreate, GoalList, GoalPatch, Ok } from '@finsync/shared/contract';
import { createGoal, deleteGoal, listGoals, updateGoal } from '@finsync/shared/goals';
import { ok, userRoutes } from './user-routes.ts';

/** Savings goals (issue 18): progress, the monthly amount to stay on track, alerts when one falls behind. */
export const goalRoutes = userRoutes(({ inTransaction }, ctx) => {
  inTransaction(
    'GET /goals',
    {
      summary: 'Savings goals with progress and the monthly amount needed to stay on track',
      response: GoalList,
    },
    (trx, { userId }) => listGoals(trx, userId, ctx.clock()),
  );
  inTransaction(
    'POST /goals',
    {
      summary: 'Set a savings goal: a target by a date, saved in one or more accounts',
      body: GoalCreate,
      response: Goal,
      status: 201,
    },
    (trx, { userId, body }) => createGoal(trx, userId, body, ctx.clock()),
  );
  inTransaction(
    'PATCH /goals/:id',
    { summary: "Change a goal's name, target, date, accounts or alerts", body: GoalPatch, response: Goal },
    (trx, { userId, params, body }) => updateGoal(trx, userId, params.id, body, ctx.clock()),
  );
  inTransaction(
    'DELETE /goals/:id',
    { summary: 'Delete a savings goal', response: Ok },
    (trx, { userId, params }) => ok(deleteGoal(trx, userId, params.id)),
  );
});
