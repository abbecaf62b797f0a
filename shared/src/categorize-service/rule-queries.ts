import { type Kysely, sql } from 'kysely';
import type { RuleDefinition, RuleSpec } from '../categorize/rule-schema.ts';
import type { Database, Row } from '../db/database.ts';
import { userRow } from '../db/user-row.ts';
import { NotFoundError } from '../errors/domain-error.ts';
import { ruleFromRow } from './categorization-store.ts';
import { previewRuleForUser, updateRule } from './rule-commands.ts';

// Reads of the user's rules, rule runs and suggestions for the API. Every function takes the executor
// (the caller's withUser transaction) first, so row-level security applies as the caller set it up.

type Executor = Kysely<Database>;

export type RuleOrigin = Row<'rules'>['origin'];
export type RuleWithOrigin = RuleDefinition & { origin: RuleOrigin };
export type RuleSuggestion = { rule: RuleWithOrigin; previewCount: number };

export const ruleWithOrigin = (row: Row<'rules'>): RuleWithOrigin => ({
  ...ruleFromRow(row),
  origin: row.origin,
});

/** The user's rules in engine order, without unanswered suggestions (those are stored disabled with origin 'suggested'). */
export function listRules(db: Executor, userId: string): Promise<Row<'rules'>[]> {
  return db
    .selectFrom('rules')
    .selectAll()
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('origin', '!=', 'suggested'), eb('enabled', '=', true)]))
    .orderBy('stage')
    .orderBy('priority', 'desc')
    .orderBy('created_at')
    .execute();
}

/** One of the user's rules (any origin), or undefined. */
export function findRule(db: Executor, userId: string, ruleId: string): Promise<Row<'rules'> | undefined> {
  return userRow(db, 'rules', userId, ruleId).selectAll().executeTakeFirst();
}

/** The user's most recent rule runs, newest first. */
export function listRuleRuns(db: Executor, userId: string, limit: number): Promise<Row<'rule_runs'>[]> {
  return db
    .selectFrom('rule_runs')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
}

/** A rule the engine proposed and the user has not answered yet: stored disabled with origin 'suggested'. */
export function findSuggestion(
  db: Executor,
  userId: string,
  ruleId: string,
): Promise<Row<'rules'> | undefined> {
  return userRow(db, 'rules', userId, ruleId)
    .selectAll()
    .where('origin', '=', 'suggested')
    .where('enabled', '=', false)
    .executeTakeFirst();
}

/** Unanswered suggestions, newest first, each with how many of the user's transactions it would change. */
export async function listSuggestions(db: Executor, userId: string): Promise<RuleSuggestion[]> {
  const rows = await db
    .selectFrom('rules')
    .selectAll()
    .where('user_id', '=', userId)
    .where('origin', '=', 'suggested')
    .where('enabled', '=', false)
    .orderBy('created_at', 'desc')
    .execute();
  const suggestions: RuleSuggestion[] = [];
  for (const row of rows) {
    const rule = ruleWithOrigin(row);
    const { id: _id, origin: _origin, ...spec } = rule;
    const preview = await previewRuleForUser(db, userId, spec, { limit: 1 });
    suggestions.push({ rule, previewCount: preview.changed });
  }
  return suggestions;
}

/** Accepts a suggestion: the rule is enabled from now on. NotFoundError('suggestion') when there is none to accept. */
export async function acceptSuggestion(
  db: Executor,
  userId: string,
  ruleId: string,
): Promise<RuleWithOrigin> {
  if (!(await findSuggestion(db, userId, ruleId))) throw new NotFoundError('suggestion', ruleId);
  const rule = await updateRule(db, userId, ruleId, { enabled: true });
  return { ...rule, origin: 'suggested' as const };
}

/** Dismisses a suggestion: it stays as a disabled rule of the user's, so it is not proposed again. */
export async function dismissSuggestion(
  db: Executor,
  userId: string,
  ruleId: string,
  now: Date,
): Promise<void> {
  if (!(await findSuggestion(db, userId, ruleId))) throw new NotFoundError('suggestion', ruleId);
  await db
    .updateTable('rules')
    .set({ origin: 'user', updated_at: now })
    .where('user_id', '=', userId)
    .where('id', '=', ruleId)
    .execute();
}

/**
 * Withdraws the unanswered suggestion of exactly this rule (same conditions and actions), if there is one: a
 * dismissed suggestion (origin 'user') or an accepted one (enabled) is the user's and stays.
 */
export async function withdrawSuggestion(
  db: Executor,
  userId: string,
  rule: Pick<RuleSpec, 'conditions' | 'actions'>,
): Promise<void> {
  await db
    .deleteFrom('rules')
    .where('user_id', '=', userId)
    .where('origin', '=', 'suggested')
    .where('enabled', '=', false)
    .where(sql<boolean>`conditions = ${JSON.stringify(rule.conditions)}::jsonb`)
    .where(sql<boolean>`actions = ${JSON.stringify(rule.actions)}::jsonb`)
    .execute();
}
