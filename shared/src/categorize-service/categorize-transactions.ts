import type { Kysely } from 'kysely';
import { categorizeTransaction } from '../categorize/categorize-transaction.ts';
import { RuleBudgetExceeded, SYNC_RULE_BUDGET } from '../categorize/rule-budget.ts';
import { type ActionFailure, compileRules, type RuleProblem } from '../categorize/rule-engine.ts';
import type { Database, Row } from '../db/database.ts';
import {
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
  const summary: CategorizeSummary = {
    processed: 0,
    matched: 0,
    changed: 0,
    needsReview: 0,
    failures: [],
    invalidRules: [],
    budgetExceeded: null,
  };
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
    summary.invalidRules = ctx.engine.invalid;
    const writes: Parameters<typeof saveCategorizedMany>[2][number][] = [];
    for (const row of rows) {
      const before = toCategorizable(row);
      let result: ReturnType<typeof categorizeTransaction>;
      try {
        result = categorizeTransaction(before, ctx);
      } catch (error) {
        if (!(error instanceof RuleBudgetExceeded)) throw error;
        summary.budgetExceeded = error;
        ctx.engine = compileRules([]);
        result = categorizeTransaction(before, ctx);
      }
      summary.processed++;
      if (result.matchedRuleIds.length > 0) summary.matched++;
      if (result.decision.needsReview) summary.needsReview++;
      summary.failures.push(...result.failures);
      const d = result.decision;
      const stale =
        result.changes.length > 0 ||
        result.splits !== null ||
        row.category_source !== d.source ||
        row.category_rule_id !== d.ruleId ||
        row.needs_review !== d.needsReview ||
        (d.confidence !== null && row.category_confidence === null);
      if (!stale) continue;
      summary.changed++;
      writes.push({ t: result.transaction, decision: d, splits: result.splits });
    }
    await saveCategorizedMany(trx, userId, writes, now);
    await trx
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
        started_at: now,
        finished_at: new Date(),
      })
      .execute();
    return summary;
  });
}

/** The sync engine's categorize hook (shared/src/sync CategorizeHook): categorizes what a sync wrote. */
export async function categorizeSyncedTransactions(input: {
  trx: Kysely<Database>;
  userId: string;
  transactions: Row<'transactions'>[];
}): Promise<void> {
  await categorizeTransactions(input.trx, input.userId, input.transactions);
}
