import type { UserDb } from '../db/create-database.ts';
import type { StatementAccountType } from '../statements/statement.ts';
import { insertAccounts, refreshManualBalance } from '../tables/accounts.ts';

/** A manual account's kind in Plaid's type/subtype terms, so it sits beside Plaid accounts everywhere. */
const PLAID_SHAPE: Record<StatementAccountType, { type: string; subtype: string | null }> = {
  checking: { type: 'depository', subtype: 'checking' },
  savings: { type: 'depository', subtype: 'savings' },
  'credit card': { type: 'credit', subtype: 'credit card' },
  loan: { type: 'loan', subtype: null },
  cash: { type: 'other', subtype: 'cash' },
  investment: { type: 'investment', subtype: null },
};

export interface ManualAccountInput {
  readonly name: string;
  readonly type: StatementAccountType;
  readonly currency: string;
  readonly openingBalanceMinor: number;
}

/** Creates a manual account (no Plaid item): its balance is the opening balance until rows are imported. */
export async function createManualAccount(
  db: UserDb,
  userId: string,
  input: ManualAccountInput,
): Promise<string> {
  const shape = PLAID_SHAPE[input.type];
  const [id] = await insertAccounts(db, [
    {
      user_id: userId,
      item_id: null,
      plaid_account_id: null,
      source: 'manual',
      name: input.name,
      type: shape.type,
      subtype: shape.subtype,
      currency: input.currency,
      opening_balance_minor: input.openingBalanceMinor,
      current_minor: input.openingBalanceMinor,
      balance_updated_at: new Date(),
    },
  ]);
  return id!;
}

/** The statement-file view of an account's kind (for the CSV sign guess). */
export function statementTypeOf(account: {
  type: string;
  subtype: string | null;
}): StatementAccountType | null {
  if (account.type === 'credit') return 'credit card';
  if (account.type === 'loan') return 'loan';
  if (account.type === 'investment' || account.type === 'brokerage') return 'investment';
  if (account.subtype === 'cash') return 'cash';
  if (account.subtype === 'savings') return 'savings';
  if (account.type === 'depository') return 'checking';
  return null;
}

export { refreshManualBalance };
