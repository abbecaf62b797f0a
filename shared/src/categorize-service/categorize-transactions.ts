import type { Kysely } from 'kysely';
import type { CategorizableTransaction } from '../categorize/categorizable-transaction.ts';
import { type CategorizeContext, categorizeTransaction } from '../categorize/categorize-transaction.ts';
import { RuleBudgetExceeded, SYNC_RULE_BUDGET } from '../categorize/rule-budget.ts';
import { type ActionFailure, compileRules, type RuleProblem } from '../categorize/rule-engine.ts';
import type { Database, Row } from '../db/database.ts';
import {
  type CategorizedWrite,
  inTransaction,
  loadCategorizeContext,
  saveCategorizedMany,
  toCategorizable,
} from './categorization-store.ts';

export interface CategorizeSummary {
  processed: number;
  /** Transactions at least one rule matched. */
  matched: number;
  changed: number;
  needsReview: number;
  failures: ActionFailure[];
  invalidRules: RuleProblem[];
  /**
   * Set when the rules spent the batch's budget: from that transaction on, rules were skipped (learned and
   * Plaid categories still applied) and the run records it.
   */
  budgetExceeded: RuleBudgetExceeded | null;
}

export interface CategorizeOptions {
  autoApplyConfidence?: number | undefined;
  now?: Date | undefined;
  /** Work units the rules may spend on this batch (default SYNC_RULE_BUDGET). */
  ruleBudget?: number | undefined;
}

/**
 * Categorizes stored transactions of one user on ingest: payee cleanup, rules, learned merchants and model,
 * Plaid's category, in that precedence, never touching a locked field. Writes only rows that changed and
 * records one rule_runs row (trigger 'ingest') with the failures. Accepts ids or the rows themselves (the sync
 * hook already holds them). Runs in the caller's transaction when given one.
 */
export async function categorizeTransactions(
  db: Kysely<Database>,
  userId: string,
  transactions: readonly string[] | readonly Row<'transactions'>[],
  options: CategorizeOptions = {},
): Promise<CategorizeSummary> {
  const summary = emptySummary();
  if (transactions.length === 0) return summary;
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const rows =
      typeof transactions[0] === 'string'
        ? await trx
            .selectFrom('transactions')
            .selectAll()
            .where('user_id', '=', userId)
            .where('id', 'in', transactions as string[])
            .execute()
        : (transactions as Row<'transactions'>[]).filter((r) => r.user_id === userId);
    const ctx = await loadCategorizeContext(trx, userId, {
      ...options,
      ruleBudget: options.ruleBudget ?? SYNC_RULE_BUDGET,
    });
    const batch = rows.map((r) => ({
      t: toCategorizable(r),
      stored: {
        categoryRuleId: r.category_rule_id,
        categoryConfidence: r.category_confidence,
        needsReview: r.needs_review,
      },
    }));
    const writes = categorizeBatch(ctx, batch, summary).filter((w) => w !== null);
    await saveCategorizedMany(trx, userId, writes, now);
    await recordIngestRun(trx, userId, summary, now);
    return summary;
  });
}

export function emptySummary(): CategorizeSummary {
  return {
    processed: 0,
    matched: 0,
    changed: 0,
    needsReview: 0,
    failures: [],
    invalidRules: [],
    budgetExceeded: null,
  };
}

/** A row to categorize, with what is stored for it beyond its categorizable fields. */
export interface BatchRow {
  t: CategorizableTransaction;
  stored: { categoryRuleId: string | null; categoryConfidence: number | null; needsReview: boolean };
}

/**
 * Categorizes one batch in memory (the rules spend at most `ctx.engine`'s budget on it), adding to `summary`.
 * Returns per row what to write, or null for a row whose stored categorization is already right.
 */
export function categorizeBatch(
  ctx: CategorizeContext,
  rows: readonly BatchRow[],
  summary: CategorizeSummary,
): (CategorizedWrite | null)[] {
  summary.invalidRules = ctx.engine.invalid;
  let engine = ctx.engine;
  return rows.map(({ t: before, stored }) => {
    let result: ReturnType<typeof categorizeTransaction>;
    try {
      result = categorizeTransaction(before, { ...ctx, engine });
    } catch (error) {
      if (!(error instanceof RuleBudgetExceeded)) throw error;
      summary.budgetExceeded = error;
      engine = compileRules([]);
      result = categorizeTransaction(before, { ...ctx, engine });
    }
    summary.processed++;
    if (result.matchedRuleIds.length > 0) summary.matched++;
    if (result.decision.needsReview) summary.needsReview++;
    summary.failures.push(...result.failures);
    const d = result.decision;
    const stale =
      result.changes.length > 0 ||
      result.splits !== null ||
      before.categorySource !== d.source ||
      stored.categoryRuleId !== d.ruleId ||
      stored.needsReview !== d.needsReview ||
      (d.confidence !== null && stored.categoryConfidence === null);
    if (!stale) return null;
    summary.changed++;
    return { t: result.transaction, decision: d, splits: result.splits };
  });
}

/** Records one categorization pass on ingest (rule_runs, trigger 'ingest') with its failures. */
export async function recordIngestRun(
  db: Kysely<Database>,
  userId: string,
  summary: CategorizeSummary,
  startedAt: Date,
): Promise<void> {
  await db
    .insertInto('rule_runs')
    .values({
      user_id: userId,
      rule_id: null,
      trigger: 'ingest',
      matched: summary.matched,
      changed: summary.changed,
      failures: JSON.stringify([
        ...summary.invalidRules.map((p) => ({ ...p, kind: 'invalid_rule' })),
        ...summary.failures.map((f) => ({ ...f, kind: 'action_failed' })),
        ...(summary.budgetExceeded
          ? [
              {
                kind: 'budget_exceeded',
                code: summary.budgetExceeded.code,
                message: summary.budgetExceeded.message,
              },
            ]
          : []),
      ]),
      started_at: startedAt,
      finished_at: new Date(),
    })
    .execute();
}

/** The sync engine's categorize hook (shared/src/sync CategorizeHook): categorizes what a sync wrote. */
export async function categorizeSyncedTransactions(input: {
  trx: Kysely<Database>;
  userId: string;
  transactions: Row<'transactions'>[];
}): Promise<void> {
  await categorizeTransactions(input.trx, input.userId, input.transactions);
}
