import type { Transaction } from '../api/contract-types.ts';

/** Why a transaction is on the "to review" list, in words: what finsync could not be sure of. */
export function reviewReason(txn: Transaction): string {
  if (txn.categoryId === null) return 'No category yet';
  if (txn.categorySource === 'learned') return 'A guess from your past choices, not a sure one';
  if (txn.categorySource === 'plaid') return 'The bank’s category; your history suggests another';
  return 'finsync was not sure of its category';
}
