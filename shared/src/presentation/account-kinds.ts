/**
 * The one rule for which accounts are debts. Plaid's `credit` (credit cards, lines of credit) and `loan`
 * (student, mortgage, auto, …) accounts are liabilities: their balance is what the person owes, shown as a
 * debt and subtracted in net worth (net worth = assets − liabilities). Every other type (depository,
 * investment, brokerage, other) is an asset.
 */
export const LIABILITY_ACCOUNT_TYPES: readonly string[] = ['credit', 'loan'];

export type AccountSide = 'asset' | 'liability';

export function accountSide(type: string): AccountSide {
  return LIABILITY_ACCOUNT_TYPES.includes(type) ? 'liability' : 'asset';
}

/** The kinds a person picks for an account they add by hand (a statement import or a manual account). */
export const MANUAL_ACCOUNT_TYPES = [
  'checking',
  'savings',
  'credit card',
  'loan',
  'cash',
  'investment',
] as const;
export type ManualAccountType = (typeof MANUAL_ACCOUNT_TYPES)[number];
