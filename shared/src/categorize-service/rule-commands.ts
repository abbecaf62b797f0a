import { type Kysely, sql } from 'kysely';
import { cleanPayee } from '../categorize/clean-payee.ts';
import { type RulePreview, rulePreviewer } from '../categorize/preview-rule.ts';
import { type ActionFailure, compileRules, type RuleProblem, runRules } from '../categorize/rule-engine.ts';
import {
  type RuleDefinition,
  type RuleSpec,
  type RuleUpdate,
  ruleInputSchema,
  ruleUpdateSchema,
} from '../categorize/rule-schema.ts';
import type { Database } from '../db/database.ts';
import { deleteUserRow, userRow } from '../db/user-row.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import {
  type CategorizedWrite,
  inTransaction,
  ruleFromRow,
  saveCategorizedMany,
  toCategorizable,
} from './categorization-store.ts';

type Executor = Kysely<Database>;

function parseOrThrow<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: unknown[] } };
  },
  input: unknown,
): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new DomainError('VALIDATION_FAILED', 'invalid rule', parsed.error.issues);
  return parsed.data;
}

/** A rule that does not compile is a 400 naming the field at fault (`body.conditions.0.value`). */
function refuseInvalid(problem: RuleProblem | undefined, at = 'body'): void {
  if (!problem) return;
  const path = `${at}.${problem.path ?? 'conditions'}`;
  throw new DomainError(problem.code, problem.message, [{ path, message: problem.message }]);
}

/** Refuses a rule that cannot compile (RULE_INVALID_REGEX, ...) or names a category the user does not have. */
async function validateRule(db: Executor, userId: string, rule: RuleDefinition): Promise<void> {
  refuseInvalid(compileRules([{ ...rule, enabled: true }]).invalid[0]);
  const ids = new Set<string>();
  for (const a of rule.actions) {
    if (a.type === 'setCategory') ids.add(a.categoryId);
    if (a.type === 'split') for (const s of a.splits) if (s.categoryId) ids.add(s.categoryId);
  }
  if (ids.size === 0) return;
  const found = await db
    .selectFrom('categories')
    .select('id')
    .where('user_id', '=', userId)
    .where('id', 'in', [...ids])
    .execute();
  const missing = [...ids].filter((id) => !found.some((f) => f.id === id));
  if (missing.length > 0)
    throw new DomainError('CATEGORY_NOT_FOUND', 'the rule names unknown categories', { missing });
}

function ruleColumns(spec: RuleSpec) {
  return {
    name: spec.name,
    stage: spec.stage,
    priority: spec.priority,
    conditions_op: spec.conditionsOp,
    conditions: JSON.stringify(spec.conditions),
    actions: JSON.stringify(spec.actions),
    stop_processing: spec.stopProcessing,
    enabled: spec.enabled,
  };
}

/** Creates a rule from API input (validated with ruleInputSchema). */
export async function createRule(
  db: Executor,
  userId: string,
  input: unknown,
  origin: 'user' | 'suggested' | 'learned' = 'user',
): Promise<RuleDefinition> {
  const spec = parseOrThrow<RuleSpec>(ruleInputSchema, input);
  await validateRule(db, userId, { ...spec, id: 'new' });
  const row = await db
    .insertInto('rules')
    .values({ user_id: userId, origin, ...ruleColumns(spec) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return ruleFromRow(row);
}

export async function getRule(db: Executor, userId: string, ruleId: string): Promise<RuleDefinition> {
  const row = await userRow(db, 'rules', userId, ruleId).selectAll().executeTakeFirst();
  if (!row) throw new NotFoundError('rule', ruleId);
  return ruleFromRow(row);
}

/** Applies a partial update (validated with ruleUpdateSchema). */
export async function updateRule(
  db: Executor,
  userId: string,
  ruleId: string,
  input: unknown,
): Promise<RuleDefinition> {
  const patch = parseOrThrow<RuleUpdate>(ruleUpdateSchema, input);
  const current = await getRule(db, userId, ruleId);
  const merged: RuleDefinition = {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  await validateRule(db, userId, merged);
  const row = await db
    .updateTable('rules')
    .set({ ...ruleColumns(merged), updated_at: new Date() })
    .where('user_id', '=', userId)
    .where('id', '=', ruleId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return ruleFromRow(row);
}

export async function deleteRule(db: Executor, userId: string, ruleId: string): Promise<void> {
  if (!(await deleteUserRow(db, 'rules', userId, ruleId))) throw new NotFoundError('rule', ruleId);
}

function asCategorizable(r: Parameters<typeof toCategorizable>[0]) {
  const t = toCategorizable(r);
  return t.payee ? t : { ...t, payee: cleanPayee(t.rawName, t.merchantName) };
}

/** The user's transactions newest first, `pageSize` at a time (keyset on date and id): one page in memory. */
async function* userTransactionPages(db: Executor, userId: string, pageSize: number) {
  let after: { date: string; id: string } | undefined;
  for (;;) {
    const from = after;
    const rows = await db
      .selectFrom('transactions')
      .selectAll()
      .where('user_id', '=', userId)
      .$if(from !== undefined, (q) =>
        q.where(sql<boolean>`(date, id) < (${from?.date}::date, ${from?.id}::uuid)`),
      )
      .orderBy('date', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .execute();
    if (rows.length > 0) yield rows.map(asCategorizable);
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = { date: last.date, id: last.id };
  }
}

/** Dry run of a rule (stored or not) over the user's history: "N transactions would change", with diffs. */
export async function previewRuleForUser(
  db: Executor,
  userId: string,
  input: unknown,
  options: { limit?: number; pageSize?: number } = {},
): Promise<RulePreview> {
  const spec = parseOrThrow<RuleSpec>(ruleInputSchema, input);
  refuseInvalid(compileRules([{ ...spec, id: 'preview', enabled: true }]).invalid[0], 'body.rule');
  const categories = await db.selectFrom('categories').select('id').where('user_id', '=', userId).execute();
  const previewer = rulePreviewer(
    { ...spec, id: 'preview' },
    { limit: options.limit ?? 50, categoryIds: new Set(categories.map((c) => c.id)) },
  );
  // A page at a time, newest first, as applying it goes: a history of any length never sits in memory at once.
  for await (const page of userTransactionPages(db, userId, options.pageSize ?? 1_000)) previewer.see(page);
  return previewer.result();
}

export interface ApplyResult {
  matched: number;
  changed: number;
  failures: ActionFailure[];
}

/** Applies one stored rule to the user's whole history (locks respected) and records the run. */
export async function applyRuleToHistory(
  db: Executor,
  userId: string,
  ruleId: string,
  options: { now?: Date; pageSize?: number } = {},
): Promise<ApplyResult> {
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const rule = await getRule(trx, userId, ruleId);
    const engine = compileRules([{ ...rule, enabled: true }]);
    refuseInvalid(engine.invalid[0]);
    const categories = await trx
      .selectFrom('categories')
      .select('id')
      .where('user_id', '=', userId)
      .execute();
    const categoryIds = new Set(categories.map((c) => c.id));
    const result: ApplyResult = { matched: 0, changed: 0, failures: [] };
    // A page at a time: a history of any length never sits in memory at once; each page's changes are
    // written together.
    for await (const page of userTransactionPages(trx, userId, options.pageSize ?? 1_000)) {
      const writes: CategorizedWrite[] = [];
      const keepingDecision: Omit<CategorizedWrite, 'decision'>[] = [];
      for (const t of page) {
        const out = runRules(engine, t, { categoryIds });
        if (out.matchedRuleIds.length === 0) continue;
        result.matched++;
        result.failures.push(...out.failures);
        if (out.changes.length === 0) continue;
        result.changed++;
        const byRule = out.categoryRuleId !== null && out.changes.some((c) => c.field === 'categoryId');
        if (!byRule) {
          keepingDecision.push({ t: out.transaction, splits: out.splits });
          continue;
        }
        writes.push({
          t: out.transaction,
          decision: {
            categoryId: out.transaction.categoryId,
            source: 'rule',
            ruleId,
            confidence: null,
            needsReview: false,
          },
          splits: out.splits,
        });
      }
      const stored = await currentDecisions(
        trx,
        userId,
        keepingDecision.map((w) => w.t.id),
      );
      for (const w of keepingDecision) {
        const decision = stored.get(w.t.id);
        // (Gone since the page was read — deleted meanwhile: nothing left to write.)
        if (decision) writes.push({ ...w, decision });
      }
      if (writes.length > 0) await saveCategorizedMany(trx, userId, writes, now);
    }
    await trx
      .insertInto('rule_runs')
      .values({
        user_id: userId,
        rule_id: ruleId,
        trigger: 'apply',
        matched: result.matched,
        changed: result.changed,
        failures: JSON.stringify(result.failures),
        started_at: now,
        finished_at: new Date(),
      })
      .execute();
    return result;
  });
}

/** The stored categorization of these transactions, by id (a rule that changes other fields keeps it). */
async function currentDecisions(db: Executor, userId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, CategorizedWrite['decision']>();
  const rows = await db
    .selectFrom('transactions')
    .select([
      'id',
      'category_id',
      'category_source',
      'category_rule_id',
      'category_confidence',
      'needs_review',
    ])
    .where('id', 'in', ids)
    .execute();
  return new Map<string, CategorizedWrite['decision']>(
    rows.map((r) => [
      r.id,
      {
        categoryId: r.category_id,
        source: r.category_source,
        ruleId: r.category_rule_id,
        confidence: r.category_confidence,
        needsReview: r.needs_review,
      },
    ]),
  );
}
