import { randomUUID } from 'node:crypto';
import {
  type CategorizableTransaction,
  uncategorizedTransaction,
} from '../categorize/categorizable-transaction.ts';
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
  const staged: StagedTransaction[] = txns.map((txn) => ({ txn, categorized: null }));
  if (!categorizer) return staged;
  // The rows to categorize, and where each is in `txns`: two flat arrays, no object per row besides the row.
  const rows: CategorizableTransaction[] = [];
  const at: number[] = [];
  for (let index = 0; index < txns.length; index++) {
    const t = txns[index] as SyncedTransaction;
    const accountId = accountIds.get(t.plaidAccountId);
    if (accountId === undefined) continue;
    at.push(index);
    rows.push(
      uncategorizedTransaction({
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
      }),
    );
  }
  if (rows.length === 0) return staged;
  const decisions = await categorizer.categorize(rows);
  for (let i = 0; i < rows.length; i++) {
    const fields = decisions[i];
    const index = at[i] as number;
    if (fields)
      staged[index] = {
        txn: txns[index] as SyncedTransaction,
        categorized: { id: (rows[i] as CategorizableTransaction).id, fields },
      };
  }
  return staged;
}
