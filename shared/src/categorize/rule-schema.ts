// Rule JSON as the API accepts and stores it. Imported by the SPA too: zod only, no Node imports.
import { z } from 'zod';
import { text } from '../contract/text.ts';

export const textFields = [
  'rawName',
  'payee',
  'merchantName',
  'notes',
  'accountId',
  'pfcPrimary',
  'pfcDetailed',
  'currency',
  'categoryId',
] as const;
export const numberFields = ['amount', 'dayOfMonth'] as const;
export const booleanFields = ['pending', 'isTransfer'] as const;

export type TextField = (typeof textFields)[number];
export type NumberField = (typeof numberFields)[number];
export type BooleanField = (typeof booleanFields)[number];
export type ConditionField = TextField | NumberField | BooleanField | 'date' | 'tags';

export const textOps = [
  'is',
  'isNot',
  'contains',
  'doesNotContain',
  'startsWith',
  'endsWith',
  'matches',
  'oneOf',
  'notOneOf',
  'empty',
  'notEmpty',
] as const;
export const numberOps = [
  'is',
  'isNot',
  'oneOf',
  'notOneOf',
  'between',
  'approx',
  'lt',
  'lte',
  'gt',
  'gte',
] as const;
export const dateOps = ['is', 'isNot', 'between', 'approx', 'lt', 'lte', 'gt', 'gte'] as const;
export const tagOps = ['contains', 'doesNotContain', 'oneOf', 'empty', 'notEmpty'] as const;

const isoDate = text().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const dateOrPeriod = text().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');
const nonEmpty = text().min(1).max(500);

// Each op's value shape; `undefined` means the op takes no value.
const textValue: Record<(typeof textOps)[number], z.ZodType | undefined> = {
  is: text().max(500),
  isNot: text().max(500),
  contains: nonEmpty,
  doesNotContain: nonEmpty,
  startsWith: nonEmpty,
  endsWith: nonEmpty,
  matches: text().min(1).max(200),
  oneOf: z.array(text().max(500)).min(1).max(500),
  notOneOf: z.array(text().max(500)).min(1).max(500),
  empty: undefined,
  notEmpty: undefined,
};
const minor = z.number().int().safe();
const numberValue: Record<(typeof numberOps)[number], z.ZodType> = {
  is: minor,
  isNot: minor,
  oneOf: z.array(minor).min(1).max(500),
  notOneOf: z.array(minor).min(1).max(500),
  between: z.tuple([minor, minor]),
  approx: minor,
  lt: minor,
  lte: minor,
  gt: minor,
  gte: minor,
};
const dateValue: Record<(typeof dateOps)[number], z.ZodType> = {
  is: dateOrPeriod,
  isNot: dateOrPeriod,
  between: z.tuple([isoDate, isoDate]),
  approx: isoDate,
  lt: isoDate,
  lte: isoDate,
  gt: isoDate,
  gte: isoDate,
};
const tagValue: Record<(typeof tagOps)[number], z.ZodType | undefined> = {
  contains: nonEmpty,
  doesNotContain: nonEmpty,
  oneOf: z.array(nonEmpty).min(1).max(100),
  empty: undefined,
  notEmpty: undefined,
};

function checkValue(schema: z.ZodType | undefined, value: unknown, ctx: z.RefinementCtx): void {
  if (schema === undefined) {
    if (value !== undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'this operator takes no value' });
    return;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', path: ['value', ...issue.path.map(String)], message: issue.message });
    }
  }
}

export const textConditionSchema = z
  .strictObject({
    field: z.enum(textFields),
    op: z.enum(textOps),
    value: z.union([text(), z.array(text())]).optional(),
    negate: z.boolean().optional(),
  })
  .superRefine((c, ctx) => checkValue(textValue[c.op], c.value, ctx));

export const numberConditionSchema = z
  .strictObject({
    field: z.enum(numberFields),
    op: z.enum(numberOps),
    value: z.union([minor, z.array(minor)]),
    /** Amount only: `outflow` matches money out and compares absolute values (users type positive numbers). */
    direction: z.enum(['inflow', 'outflow']).optional(),
    /** `approx` tolerance, percent of the value (default 7.5). */
    tolerancePercent: z.number().min(0).max(100).optional(),
    negate: z.boolean().optional(),
  })
  .superRefine((c, ctx) => checkValue(numberValue[c.op], c.value, ctx));

export const dateConditionSchema = z
  .strictObject({
    field: z.literal('date'),
    op: z.enum(dateOps),
    value: z.union([text(), z.array(text())]),
    /** `approx` tolerance in days (default 2). */
    toleranceDays: z.number().int().min(0).max(31).optional(),
    negate: z.boolean().optional(),
  })
  .superRefine((c, ctx) => checkValue(dateValue[c.op], c.value, ctx));

export const booleanConditionSchema = z.strictObject({
  field: z.enum(booleanFields),
  op: z.literal('is'),
  value: z.boolean(),
  negate: z.boolean().optional(),
});

export const tagConditionSchema = z
  .strictObject({
    field: z.literal('tags'),
    op: z.enum(tagOps),
    value: z.union([text(), z.array(text())]).optional(),
    negate: z.boolean().optional(),
  })
  .superRefine((c, ctx) => checkValue(tagValue[c.op], c.value, ctx));

export const conditionSchema = z.union([
  textConditionSchema,
  numberConditionSchema,
  dateConditionSchema,
  booleanConditionSchema,
  tagConditionSchema,
]);

export type TextCondition = z.infer<typeof textConditionSchema>;
export type NumberCondition = z.infer<typeof numberConditionSchema>;
export type DateCondition = z.infer<typeof dateConditionSchema>;
export type BooleanCondition = z.infer<typeof booleanConditionSchema>;
export type TagCondition = z.infer<typeof tagConditionSchema>;
export type Condition = z.infer<typeof conditionSchema>;

export interface ConditionGroup {
  op: 'all' | 'any';
  conditions: ConditionNode[];
  negate?: boolean | undefined;
}
export type ConditionNode = Condition | ConditionGroup;

export const MAX_GROUP_DEPTH = 3;

export const conditionGroupSchema: z.ZodType<ConditionGroup> = z.lazy(() =>
  z.strictObject({
    op: z.enum(['all', 'any']),
    conditions: z.array(conditionNodeSchema).min(1).max(50),
    negate: z.boolean().optional(),
  }),
);
export const conditionNodeSchema: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([conditionSchema, conditionGroupSchema]),
);

export function isConditionGroup(node: ConditionNode): node is ConditionGroup {
  return 'conditions' in node;
}

function depth(nodes: ConditionNode[]): number {
  let max = 0;
  for (const n of nodes) if (isConditionGroup(n)) max = Math.max(max, 1 + depth(n.conditions));
  return max;
}

const splitPartSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('fixed'),
    amount: z.number().int().positive().safe(),
    categoryId: text().min(1).nullable().optional(),
    notes: text().max(500).optional(),
  }),
  z.strictObject({
    method: z.literal('percent'),
    percent: z.number().gt(0).max(100),
    categoryId: text().min(1).nullable().optional(),
    notes: text().max(500).optional(),
  }),
  z.strictObject({
    method: z.literal('remainder'),
    categoryId: text().min(1).nullable().optional(),
    notes: text().max(500).optional(),
  }),
]);
export type SplitPart = z.infer<typeof splitPartSchema>;

export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('setCategory'), categoryId: text().min(1) }),
  z.strictObject({ type: z.literal('setPayee'), payee: text().min(1).max(200) }),
  z.strictObject({ type: z.literal('addTags'), tags: z.array(nonEmpty).min(1).max(20) }),
  z.strictObject({ type: z.literal('removeTags'), tags: z.array(nonEmpty).min(1).max(20) }),
  z.strictObject({
    type: z.literal('setNotes'),
    notes: text().max(1000),
    mode: z.enum(['replace', 'append', 'prepend']).optional(),
  }),
  z.strictObject({ type: z.literal('markTransfer'), value: z.boolean().optional() }),
  z.strictObject({ type: z.literal('excludeFromReports'), value: z.boolean().optional() }),
  z.strictObject({ type: z.literal('split'), splits: z.array(splitPartSchema).min(2).max(20) }),
]);
export type RuleAction = z.infer<typeof actionSchema>;

export const ruleStages = ['pre', 'default', 'post'] as const;
export type RuleStageName = (typeof ruleStages)[number];

const ruleBody = {
  name: text().trim().min(1).max(200),
  stage: z.enum(ruleStages).default('default'),
  /** Higher runs first within a stage; specificity breaks ties. */
  priority: z.number().int().min(-1000).max(1000).default(0),
  conditionsOp: z.enum(['all', 'any']).default('all'),
  conditions: z.array(conditionNodeSchema).min(1).max(50),
  actions: z.array(actionSchema).min(1).max(20),
  stopProcessing: z.boolean().default(false),
  enabled: z.boolean().default(true),
};

const checkDepth = (r: { conditions?: ConditionNode[] | undefined }, ctx: z.RefinementCtx) => {
  if (r.conditions && depth(r.conditions) > MAX_GROUP_DEPTH) {
    ctx.addIssue({
      code: 'custom',
      path: ['conditions'],
      message: `groups nest at most ${MAX_GROUP_DEPTH} deep`,
    });
  }
};

/** Body of "create rule" (and of "preview rule": the same shape, nothing stored). */
export const ruleInputSchema = z.strictObject(ruleBody).superRefine(checkDepth);
export type RuleInput = z.input<typeof ruleInputSchema>;
export type RuleSpec = z.output<typeof ruleInputSchema>;

/** Body of "update rule": any subset. */
export const ruleUpdateSchema = z
  .strictObject({
    name: ruleBody.name.optional(),
    stage: z.enum(ruleStages).optional(),
    priority: z.number().int().min(-1000).max(1000).optional(),
    conditionsOp: z.enum(['all', 'any']).optional(),
    conditions: ruleBody.conditions.optional(),
    actions: ruleBody.actions.optional(),
    stopProcessing: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .superRefine(checkDepth);
export type RuleUpdate = z.output<typeof ruleUpdateSchema>;

export const rulePreviewSchema = z.strictObject({
  rule: ruleInputSchema,
  limit: z.number().int().min(1).max(500).default(50),
});

/** A stored rule as the engine sees it. */
export interface RuleDefinition extends RuleSpec {
  id: string;
}
