import { setImmediate as nextTurn } from 'node:timers/promises';
import { ruleBudget, SYNC_RULE_BUDGET } from '../categorize/rule-budget.ts';
import type { PrecategorizeHook, Precategorizer, StagedCategorization } from '../sync/precategorize.ts';
import { loadCategorizeContext } from './categorization-store.ts';
import {
  type BatchRow,
  type CategorizeOptions,
  categorizeBatch,
  emptySummary,
  recordIngestRun,
} from './categorize-transactions.ts';

/** What is stored for a new row beyond its fields: nothing (one frozen object for every row). */
const NOTHING_STORED: BatchRow['stored'] = Object.freeze({
  categoryRuleId: null,
  categoryConfidence: null,
  needsReview: false,
});

/** Rows per rule budget, as in the backlog's batches (the sync's CATEGORIZE_BATCH). */
const BATCH = 250;

/**
 * The sync engine's precategorize hook (shared/src/sync PrecategorizeHook): loads the user's context once per
 * run, then categorizes the run's new rows in memory before they are staged, exactly as the backlog would once
 * they were stored (categorizeBatch), each batch of 250 rows given the rules' budget of one backlog batch. It
 * yields to the event loop between batches, so a long history never blocks the process (e.g. the worker's
 * lock renewals). A split leaves the row to the backlog: its parts need the stored row. `record` writes one
 * rule_runs row for the whole run.
 */
export async function precategorizeSyncedTransactions(
  input: Parameters<PrecategorizeHook>[0],
  options: Pick<CategorizeOptions, 'autoApplyConfidence'> = {},
): Promise<Precategorizer> {
  const startedAt = new Date();
  const base = await loadCategorizeContext(input.db, input.userId, {
    autoApplyConfidence: options.autoApplyConfidence,
    ruleBudget: SYNC_RULE_BUDGET,
  });
  const summary = emptySummary();
  return {
    async categorize(transactions) {
      const decisions: (StagedCategorization | null)[] = [];
      for (let i = 0; i < transactions.length; i += BATCH) {
        if (i > 0) await nextTurn();
        const ctx = { ...base, engine: { ...base.engine, budget: ruleBudget(SYNC_RULE_BUDGET) } };
        const batch = transactions.slice(i, i + BATCH).map((t) => ({ t, stored: NOTHING_STORED }));
        const writes = categorizeBatch(ctx, batch, summary);
        for (const [j, write] of writes.entries()) {
          const t = batch[j]!.t;
          if (write?.splits) {
            decisions.push(null);
            continue;
          }
          const d = write?.decision;
          const w = write?.t ?? t;
          decisions.push({
            payee: w.payee,
            notes: w.notes,
            // A mutable copy for the sync's staged row: categorization's transactions are read-only.
            tags: [...w.tags],
            isTransfer: w.isTransfer,
            excludedFromReports: w.excludedFromReports,
            categoryId: d ? d.categoryId : t.categoryId,
            categorySource: d ? d.source : t.categorySource,
            categoryRuleId: d ? d.ruleId : null,
            categoryConfidence: d ? d.confidence : null,
            needsReview: d ? d.needsReview : false,
          });
        }
      }
      return decisions;
    },
    record: (trx) => recordIngestRun(trx, input.userId, summary, startedAt),
  };
}
