import { randomUUID } from 'node:crypto';
import type { CategorizableTransaction } from '../categorize/categorizable-transaction.ts';
import type { Db } from '../db/create-database.ts';
import type { CategorySource } from '../db/database.ts';
import type { SyncedTransaction } from './synced-records.ts';

/** What categorization decided for a row before it was staged: the fields it owns on a transaction. */
export interface StagedCategorization {
  payee: string | null;
  notes: string | null;
  tags: string[];
  isTransfer: boolean;
  excludedFromReports: boolean;
  categoryId: string | null;
  categorySource: CategorySource;
  categoryRuleId: string | null;
  categoryConfidence: number | null;
  needsReview: boolean;
}

/** A row to stage: Plaid's fields, and when the run categorized it, the new row's id with the decision. */
export interface StagedTransaction {
  txn: SyncedTransaction;
  categorized: { id: string; fields: StagedCategorization } | null;
}

/**
 * Categorizes a sync run's rows in memory, before they are staged and with no transaction open. The hook is
 * called once per run and loads what it needs (the user's rules, learned merchants, model, categories);
 * `categorize` is then called for each batch of rows the run stages (page by page while it fetches) and
 * returns one decision per row, in order, or null for a row it leaves to the categorize backlog (e.g. a
 * split, which needs the stored row); `record` is called by the sync's commit to record the pass
 * (rule_runs) with the rows.
 */
export type PrecategorizeHook = (input: { db: Db; userId: string }) => Promise<Precategorizer>;

export interface Precategorizer {
  categorize(
    transactions: readonly CategorizableTransaction[],
  ): Promise<readonly (StagedCategorization | null)[]>;
  record(trx: Db): Promise<void>;
}

/**
 * The rows to stage, categorized as the rows they become if inserted (a fresh id, no edits, no locks,
 * Plaid's merchant name as payee). A row whose account the item does not know yet (it is upserted by the
 * commit) goes to the backlog; so does every row without a categorizer. A row that already exists is
 * updated, not inserted, by the commit, which then ignores this decision and flags the row.
 */
export async function precategorizeRows(
  categorizer: Precategorizer | null,
  accountIds: ReadonlyMap<string, string>,
  txns: readonly SyncedTransaction[],
): Promise<StagedTransaction[]> {
  // The rows to categorize, and where each is in `txns`: two flat arrays, no object per row besides the row.
  // This runs on every row of a history while the sync fetches, on the thread that parses Plaid's pages: the
  // row is built whole (uncategorizedTransaction's defaults, as one literal, its empty lists shared and
  // frozen) and the staged rows are made once, after the decisions.
  const rows: CategorizableTransaction[] = [];
  const at: number[] = [];
  if (categorizer) {
    for (let index = 0; index < txns.length; index++) {
      const t = txns[index] as SyncedTransaction;
      const accountId = accountIds.get(t.plaidAccountId);
      if (accountId === undefined) continue;
      at.push(index);
      rows.push({
        id: randomUUID(),
        accountId,
        amountMinor: Number(t.amountMinor),
        currency: t.currency ?? t.unofficialCurrency,
        date: t.date,
        rawName: t.rawName,
        merchantName: t.merchantName,
        payee: t.merchantName,
        pending: t.pending,
        pfcPrimary: t.pfcPrimary,
        pfcDetailed: t.pfcDetailed,
        pfcConfidence: t.pfcConfidence,
        categoryId: null,
        categorySource: 'none',
        notes: null,
        tags: NONE,
        isTransfer: false,
        excludedFromReports: false,
        lockedFields: NONE,
      });
    }
  }
  const decisions = categorizer && rows.length > 0 ? await categorizer.categorize(rows) : [];
  const staged: StagedTransaction[] = [];
  let next = 0;
  for (let index = 0; index < txns.length; index++) {
    const txn = txns[index] as SyncedTransaction;
    if (at[next] !== index) {
      staged.push({ txn, categorized: null });
      continue;
    }
    const fields = decisions[next];
    const id = (rows[next] as CategorizableTransaction).id;
    next++;
    staged.push({ txn, categorized: fields ? { id, fields } : null });
  }
  return staged;
}

/** A new row's tags and locked fields: none (frozen, so that nothing can add to every row's at once). */
const NONE: readonly string[] = Object.freeze([]);
