import {
  type CategorizeContext,
  categorizeTransaction,
  compileRules,
  systemCategories,
  uncategorizedTransaction,
} from '@finsync/shared/categorize';
import type { SyncedTransaction } from '@finsync/shared/sync';

/**
 * The prototype's categorization: shared's categorizer with no user rules and nothing learned, over the
 * system categories (ids are their keys), so each transaction gets a cleaned payee and Plaid's category.
 */
const context: CategorizeContext = {
  engine: compileRules([]),
  merchants: new Map(),
  model: null,
  pfcCategoryIds: new Map(
    systemCategories()
      .filter((c) => c.pfcDetailed !== null)
      .map((c) => [c.pfcDetailed!, c.key]),
  ),
};

export function categorizeSyncedTransaction(t: SyncedTransaction): {
  payee: string | null;
  categoryId: string | null;
  categorySource: string;
} {
  const { transaction } = categorizeTransaction(
    uncategorizedTransaction({
      id: t.plaidTransactionId,
      accountId: t.plaidAccountId,
      amountMinor: t.amountMinor,
      currency: t.currency ?? t.unofficialCurrency,
      date: t.date,
      rawName: t.rawName,
      merchantName: t.merchantName,
      pending: t.pending,
      pfcPrimary: t.pfcPrimary,
      pfcDetailed: t.pfcDetailed,
      pfcConfidence: t.pfcConfidence,
    }),
    context,
  );
  return {
    payee: transaction.payee,
    categoryId: transaction.categoryId,
    categorySource: transaction.categorySource,
  };
}
