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
  Ok,
} from '@finsync/shared/contract';
import { ok, USER_ERRORS, userRoutes } from './user-routes.ts';

/** Monthly budgets (issue 18): the month with progress and pace, limits, copy last month, suggestions. */
export const budgetRoutes = userRoutes(({ inTransaction }, ctx) => {
  inTransaction(
    'GET /budgets',
    {
      summary: "A month's budgets with spending, rollover, pace and left to spend (default: this month)",
      querystring: BudgetMonthQuery,
      response: BudgetMonthView,
    },
    async (trx, { userId, query }) => {
      const now = ctx.clock();
      return budgetMonth(trx, userId, query.month ?? (await currentMonth(trx, userId, now)), now);
    },
  );
  inTransaction(
    'POST /budgets',
    {
      summary: "Set a month's limit for a category, group or the income",
      body: BudgetCreate,
      response: Budget,
      status: 201,
      errors: [...USER_ERRORS, 409],
    },
    (trx, { userId, body }) => createBudget(trx, userId, body, ctx.clock()),
  );
  inTransaction(
    'PATCH /budgets/:id',
    {
      summary: "Change a month's limit, the rollover or the pace alerts of a budget",
      body: BudgetPatch,
      response: Budget,
    },
    (trx, { userId, params, body }) => updateBudget(trx, userId, params.id, body, ctx.clock()),
  );
  inTransaction(
    'DELETE /budgets/:id',
    { summary: 'Delete a budget and all its months', response: Ok },
    (trx, { userId, params }) => ok(deleteBudget(trx, userId, params.id)),
  );
  inTransaction(
    'POST /budgets/copy-last-month',
    {
      summary: "Give every budget without a limit in the month last month's limit",
      body: BudgetCopyRequest,
      response: BudgetCopyResult,
    },
    (trx, { userId, body }) => copyLastMonth(trx, userId, body.month),
  );
  inTransaction(
    'GET /budgets/suggestions',
    {
      summary: 'Limits suggested from the average of the 3 months before (default: this month)',
      querystring: BudgetMonthQuery,
      response: BudgetSuggestionList,
    },
    async (trx, { userId, query }) => {
      const month = query.month ?? (await currentMonth(trx, userId, ctx.clock()));
      return { month, suggestions: await suggestBudgets(trx, userId, month) };
    },
  );
});
