import { categorizeTransactions } from '../../shared/src/categorize/index.ts';
import type { CategorizeHook } from '../../shared/src/sync/index.ts';

/** The sync engine's categorize hook: new and changed rows are categorized inside the sync's commit. */
export const categorizeOnSync: CategorizeHook = async ({ trx, userId, transactions }) => {
  await categorizeTransactions(trx, userId, transactions);
};
