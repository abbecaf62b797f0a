import { NotFoundError, type UserDb, withUser } from '@finsync/shared';
import {
  acceptSuggestion,
  applyRuleToHistory,
  createCategory,
  createRule,
  deleteCategory,
  deleteRule,
  dismissSuggestion,
  explainCategory,
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
  CategoryExplanation,
  CategoryPatch,
  ErrorBody,
  IdParams,
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
import { toCategoryView } from '@finsync/shared/ledger';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.ts';
import { userIdOf } from '../../plugins/authenticate.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Categories (create, rename/hide/nest, delete with reassignment), rules, suggestions and explanations. */
export function categorizationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', app.requireUser);
    app.addHook('preValidation', app.requireCsrf);
    const asUser = <T>(userId: string, fn: (trx: UserDb) => Promise<T>) => withUser(ctx.db, userId, fn);

    app.post(
      '/categories',
      {
        schema: {
          tags: ['categories'],
          summary: 'Add a category of your own (optionally under a parent)',
          body: CategoryCreate,
          response: { 201: Category, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const row = await asUser(userId, (trx) => createCategory(trx, userId, request.body));
        reply.code(201);
        return toCategoryView(row);
      },
    );

    app.patch(
      '/categories/:id',
      {
        schema: {
          tags: ['categories'],
          summary: 'Rename, hide, nest or reorder a category',
          params: IdParams,
          body: CategoryPatch,
          response: { 200: Category, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return toCategoryView(
          await asUser(userId, (trx) => updateCategory(trx, userId, request.params.id, request.body)),
        );
      },
    );

    app.delete(
      '/categories/:id',
      {
        schema: {
          tags: ['categories'],
          summary: 'Delete a category; its transactions move to `reassignTo` (or to review when null)',
          params: IdParams,
          body: CategoryDelete,
          response: { 200: CategoryDeleted, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const moved = await asUser(userId, (trx) =>
          deleteCategory(trx, userId, request.params.id, request.body.reassignTo),
        );
        return { moved };
      },
    );

    app.get(
      '/rules',
      { schema: { tags: ['rules'], summary: 'Your rules', response: { 200: RuleList, ...errors } } },
      async (request) => {
        const userId = userIdOf(request);
        const rows = await asUser(userId, (trx) => listRules(trx, userId));
        return { rules: rows.map(ruleWithOrigin) };
      },
    );

    app.post(
      '/rules',
      {
        schema: {
          tags: ['rules'],
          summary: 'Create a rule (conditions, actions, stage, priority)',
          body: RuleCreate,
          response: { 201: Rule, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const rule = await asUser(userId, async (trx) => {
          const created = await createRule(trx, userId, request.body);
          return { ...created, origin: 'user' as const };
        });
        reply.code(201);
        return rule;
      },
    );

    app.post(
      '/rules/preview',
      {
        schema: {
          tags: ['rules'],
          summary: 'Dry run: how many of your transactions a rule would change, with diffs',
          body: RulePreviewRequest,
          response: { 200: RulePreview, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return asUser(userId, (trx) =>
          previewRuleForUser(trx, userId, request.body.rule, { limit: request.body.limit }),
        );
      },
    );

    app.get(
      '/rules/runs',
      {
        schema: {
          tags: ['rules'],
          summary: 'Recent rule runs (ingest and apply-to-history), with failures',
          querystring: RuleRunsQuery,
          response: { 200: RuleRunList, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const rows = await asUser(userId, (trx) => listRuleRuns(trx, userId, request.query.limit));
        return {
          runs: rows.map((r) => ({
            id: r.id,
            ruleId: r.rule_id,
            trigger: r.trigger,
            matched: r.matched,
            changed: r.changed,
            failures: r.failures as unknown[],
            startedAt: r.started_at.toISOString(),
            finishedAt: r.finished_at?.toISOString() ?? null,
          })),
        };
      },
    );

    app.get(
      '/rules/suggestions',
      {
        schema: {
          tags: ['rules'],
          summary: 'Rules finsync proposes after repeated corrections, with how many they would change',
          response: { 200: RuleSuggestionList, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return { suggestions: await asUser(userId, (trx) => listSuggestions(trx, userId)) };
      },
    );

    app.post(
      '/rules/suggestions/:id/accept',
      {
        schema: {
          tags: ['rules'],
          summary: 'Accept a suggested rule: it is enabled from now on',
          params: IdParams,
          response: { 200: Rule, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return asUser(userId, (trx) => acceptSuggestion(trx, userId, request.params.id));
      },
    );

    app.post(
      '/rules/suggestions/:id/dismiss',
      {
        schema: {
          tags: ['rules'],
          summary: 'Dismiss a suggestion: it stays as a disabled rule of yours, so it is not proposed again',
          params: IdParams,
          response: { 200: Ok, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        await asUser(userId, (trx) => dismissSuggestion(trx, userId, request.params.id, ctx.clock()));
        return { ok: true as const };
      },
    );

    app.get(
      '/rules/:id',
      { schema: { tags: ['rules'], params: IdParams, response: { 200: Rule, ...errors } } },
      async (request) => {
        const userId = userIdOf(request);
        const row = await asUser(userId, (trx) => findRule(trx, userId, request.params.id));
        if (!row) throw new NotFoundError('rule', request.params.id);
        return ruleWithOrigin(row);
      },
    );

    app.patch(
      '/rules/:id',
      {
        schema: {
          tags: ['rules'],
          summary: 'Change a rule (any subset of its fields)',
          params: IdParams,
          body: RulePatch,
          response: { 200: Rule, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return asUser(userId, async (trx) => {
          await updateRule(trx, userId, request.params.id, request.body);
          const row = await findRule(trx, userId, request.params.id);
          if (!row) throw new NotFoundError('rule', request.params.id);
          return ruleWithOrigin(row);
        });
      },
    );

    app.delete(
      '/rules/:id',
      {
        schema: { tags: ['rules'], params: IdParams, response: { 200: Ok, ...errors } },
      },
      async (request) => {
        const userId = userIdOf(request);
        await asUser(userId, (trx) => deleteRule(trx, userId, request.params.id));
        return { ok: true as const };
      },
    );

    app.post(
      '/rules/:id/apply',
      {
        schema: {
          tags: ['rules'],
          summary: 'Apply a rule to your whole history (your own edits stay); the run is recorded',
          params: IdParams,
          response: { 200: RuleApplyResult, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return asUser(userId, (trx) =>
          applyRuleToHistory(trx, userId, request.params.id, { now: ctx.clock() }),
        );
      },
    );

    app.get(
      '/transactions/:id/explanation',
      {
        schema: {
          tags: ['transactions'],
          summary: 'Why this category: your edit, a rule, the learned merchant or model, or Plaid',
          params: IdParams,
          response: { 200: CategoryExplanation, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return asUser(userId, (trx) => explainCategory(trx, userId, request.params.id));
      },
    );
  };
}
