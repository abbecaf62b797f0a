import { z } from 'zod';
// The categorization engine's own request schemas (zod only, browser-safe), served as the API contract.
import {
  categoryCreateSchema,
  categoryDeleteSchema,
  categoryUpdateSchema,
} from '../categorize/category-schema.ts';
import {
  actionSchema,
  conditionNodeSchema,
  ruleInputSchema,
  rulePreviewSchema,
  ruleStages,
  ruleUpdateSchema,
} from '../categorize/rule-schema.ts';
import { Id, Timestamp } from './common.ts';

const nonEmpty = (p: object) => Object.keys(p).length > 0;

export const CategoryCreate = categoryCreateSchema;
export const CategoryPatch = categoryUpdateSchema.refine(nonEmpty, {
  message: 'expected at least one field',
});
export const CategoryDelete = categoryDeleteSchema;
export const CategoryDeleted = z.object({ moved: z.number().int() });

export const RuleCreate = ruleInputSchema;
export const RulePatch = ruleUpdateSchema.refine(nonEmpty, { message: 'expected at least one field' });
export const RulePreviewRequest = rulePreviewSchema;

export const Rule = z.object({
  id: Id,
  name: z.string(),
  stage: z.enum(ruleStages),
  priority: z.number().int(),
  conditionsOp: z.enum(['all', 'any']),
  conditions: z.array(conditionNodeSchema),
  actions: z.array(actionSchema),
  stopProcessing: z.boolean(),
  enabled: z.boolean(),
  origin: z.enum(['user', 'suggested', 'learned']),
});
export const RuleList = z.object({ rules: z.array(Rule) });

const RuleProblem = z.object({ ruleId: z.string(), code: z.string(), message: z.string() });
const ActionFailure = RuleProblem.extend({ actionIndex: z.number().int() });

/** "N transactions would change", with a diff per transaction (up to the request's limit). */
export const RulePreview = z.object({
  matched: z.number().int(),
  changed: z.number().int(),
  diffs: z.array(
    z.object({
      transactionId: Id,
      changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    }),
  ),
  failures: z.array(ActionFailure),
  invalid: RuleProblem.nullable(),
});

export const RuleApplyResult = z.object({
  matched: z.number().int(),
  changed: z.number().int(),
  failures: z.array(ActionFailure),
});

export const RuleRun = z.object({
  id: Id,
  ruleId: Id.nullable(),
  trigger: z.enum(['ingest', 'apply', 'preview']),
  matched: z.number().int(),
  changed: z.number().int(),
  failures: z.array(z.unknown()),
  startedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export const RuleRunList = z.object({ runs: z.array(RuleRun) });
export const RuleRunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** A rule finsync proposes after repeated corrections, with how many transactions it would change now. */
export const RuleSuggestionList = z.object({
  suggestions: z.array(z.object({ rule: Rule, previewCount: z.number().int() })),
});

/** "Why this category?": the user, a rule, the learned merchant or model (with confidence), or Plaid. */
export const CategoryExplanation = z
  .object({
    categoryId: Id.nullable(),
    categoryName: z.string().nullable(),
    source: z.enum(['user', 'rule', 'learned', 'plaid', 'none']),
    summary: z.string(),
    via: z.enum(['merchant', 'model']).optional(),
    ruleId: z.string().optional(),
    ruleName: z.string().nullable().optional(),
    merchantKey: z.string().optional(),
    hits: z.number().int().optional(),
    confidence: z.number().optional(),
    alternatives: z.array(z.object({ categoryId: z.string(), confidence: z.number() })).optional(),
    pfcDetailed: z.string().optional(),
    pfcConfidence: z.string().nullable().optional(),
  })
  .strict();
