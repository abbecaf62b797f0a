import { NotFoundError, type UserDb } from '@finsync/shared';
import {
  acceptSuggestion,
  applyRuleToHistory,
  createCategory,
  createRule,
  deleteCategory,
  deleteRule,
  dismissSuggestion,
  findRule,
  listRuleRuns,
  listRules,
  listSuggestions,
  previewRuleForUser,
  ruleWithOrigin,
  updateCategory,
  updateRule,
} from '@finsync/shared/categorize-service';
import {
  Category,
  CategoryCreate,
  CategoryDelete,
  CategoryDeleted,
  CategoryList,
  CategoryPatch,
  Ok,
  Rule,
  RuleApplyResult,
  RuleCreate,
  RuleList,
  RulePatch,
  RulePreview,
  RulePreviewRequest,
  RuleRunList,
  RuleRunsQuery,
  RuleSuggestionList,
} from '@finsync/shared/contract';
import { accountQuery, toCategoryView } from '@finsync/shared/ledger';
import { ok, userRoutes } from './user-routes.ts';

/** The user's rule with its origin; another user's id (or none) is 404. */
async function ownRule(trx: UserDb, userId: string, id: string) {
  const row = await findRule(trx, userId, id);
  if (!row) throw new NotFoundError('rule', id);
  return ruleWithOrigin(row);
}

/** Categories (list, create, rename/hide/nest, delete with reassignment), rules and their suggestions. */
export const categorizationRoutes = userRoutes(({ inTransaction }, ctx) => {
  inTransaction('GET /categories', { response: CategoryList }, async (trx, { userId }) => ({
    categories: await accountQuery.categories(trx, userId),
  }));
  inTransaction(
    'POST /categories',
    {
      summary: 'Add a category of your own (optionally under a parent)',
      body: CategoryCreate,
      response: Category,
      status: 201,
    },
    async (trx, { userId, body }) => toCategoryView(await createCategory(trx, userId, body)),
  );
  inTransaction(
    'PATCH /categories/:id',
    { summary: 'Rename, hide, nest or reorder a category', body: CategoryPatch, response: Category },
    async (trx, { userId, params, body }) =>
      toCategoryView(await updateCategory(trx, userId, params.id, body)),
  );
  inTransaction(
    'DELETE /categories/:id',
    {
      summary: 'Delete a category; its transactions move to `reassignTo` (or to review when null)',
      body: CategoryDelete,
      response: CategoryDeleted,
    },
    async (trx, { userId, params, body }) => ({
      moved: await deleteCategory(trx, userId, params.id, body.reassignTo),
    }),
  );
  inTransaction('GET /rules', { summary: 'Your rules', response: RuleList }, async (trx, { userId }) => ({
    rules: (await listRules(trx, userId)).map(ruleWithOrigin),
  }));
  inTransaction(
    'POST /rules',
    {
      summary: 'Create a rule (conditions, actions, stage, priority)',
      body: RuleCreate,
      response: Rule,
      status: 201,
    },
    async (trx, { userId, body }) => ({
      ...(await createRule(trx, userId, body)),
      origin: 'user' as const,
    }),
  );
  inTransaction(
    'POST /rules/preview',
    {
      summary: 'Dry run: how many of your transactions a rule would change, with diffs',
      body: RulePreviewRequest,
      response: RulePreview,
    },
    (trx, { userId, body }) => previewRuleForUser(trx, userId, body.rule, { limit: body.limit }),
  );
  inTransaction(
    'GET /rules/runs',
    {
      summary: 'Recent rule runs (ingest and apply-to-history), with failures',
      querystring: RuleRunsQuery,
      response: RuleRunList,
    },
    async (trx, { userId, query }) => ({
      runs: (await listRuleRuns(trx, userId, query.limit)).map((r) => ({
        id: r.id,
        ruleId: r.rule_id,
        trigger: r.trigger,
        matched: r.matched,
        changed: r.changed,
        failures: r.failures as unknown[],
        startedAt: r.started_at.toISOString(),
        finishedAt: r.finished_at?.toISOString() ?? null,
      })),
    }),
  );
  inTransaction(
    'GET /rules/suggestions',
    {
      summary: 'Rules finsync proposes after repeated corrections, with how many they would change',
      response: RuleSuggestionList,
    },
    async (trx, { userId }) => ({ suggestions: await listSuggestions(trx, userId) }),
  );
  inTransaction(
    'POST /rules/suggestions/:id/accept',
    { summary: 'Accept a suggested rule: it is enabled from now on', response: Rule },
    (trx, { userId, params }) => acceptSuggestion(trx, userId, params.id),
  );
  inTransaction(
    'POST /rules/suggestions/:id/dismiss',
    {
      summary: 'Dismiss a suggestion: it stays as a disabled rule of yours, so it is not proposed again',
      response: Ok,
    },
    (trx, { userId, params }) => ok(dismissSuggestion(trx, userId, params.id, ctx.clock())),
  );
  inTransaction('GET /rules/:id', { response: Rule }, (trx, { userId, params }) =>
    ownRule(trx, userId, params.id),
  );
  inTransaction(
    'PATCH /rules/:id',
    { summary: 'Change a rule (any subset of its fields)', body: RulePatch, response: Rule },
    async (trx, { userId, params, body }) => {
      await updateRule(trx, userId, params.id, body);
      return ownRule(trx, userId, params.id);
    },
  );
  inTransaction('DELETE /rules/:id', { response: Ok }, (trx, { userId, params }) =>
    ok(deleteRule(trx, userId, params.id)),
  );
  inTransaction(
    'POST /rules/:id/apply',
    {
      summary: 'Apply a rule to your whole history (your own edits stay); the run is recorded',
      response: RuleApplyResult,
    },
    (trx, { userId, params }) => applyRuleToHistory(trx, userId, params.id, { now: ctx.clock() }),
  );
});
