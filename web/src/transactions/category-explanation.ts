import type { Transaction } from '../api/contract-types.ts';

/** Why a transaction has its category, in the user's words of the categorization order. */
export function categoryExplanation(
  txn: Pick<Transaction, 'categorySource' | 'pfcPrimary' | 'pfcDetailed'>,
): string {
  switch (txn.categorySource) {
    case 'user':
      return 'You chose this category; rules and new syncs will not change it.';
    case 'rule':
      return 'One of your rules matched this transaction.';
    case 'learned':
      return 'Learned from how you categorized similar transactions before.';
    case 'plaid':
      return `Plaid's category for it${txn.pfcDetailed ? ` (${humanize(txn.pfcDetailed)})` : txn.pfcPrimary ? ` (${humanize(txn.pfcPrimary)})` : ''}.`;
    default:
      return 'No rule, past edit or bank category applied; pick one and finsync will learn from it.';
  }
}

function humanize(code: string): string {
  return code.toLowerCase().replaceAll('_', ' ');
}
