/** The role an account plays in generated history; the fixture below mirrors Plaid Sandbox's `user_good` accounts. */
export type AccountRole =
  | 'checking'
  | 'savings'
  | 'cd'
  | 'credit'
  | 'money market'
  | 'ira'
  | '401k'
  | 'student'
  | 'mortgage';

export interface AccountFixture {
  role: AccountRole;
  name: string;
  official_name: string | null;
  mask: string;
  type: 'depository' | 'credit' | 'loan' | 'investment';
  subtype: string;
  availableCents: number | null;
  currentCents: number;
  limitCents: number | null;
}

export const SANDBOX_ACCOUNTS: readonly AccountFixture[] = [
  acct(
    'checking',
    'Plaid Checking',
    'Plaid Gold Standard 0% Interest Checking',
    '0000',
    'depository',
    'checking',
    10000,
    11000,
    null,
  ),
  acct(
    'savings',
    'Plaid Saving',
    'Plaid Silver Standard 0.1% Interest Saving',
    '1111',
    'depository',
    'savings',
    20000,
    21000,
    null,
  ),
  acct(
    'cd',
    'Plaid CD',
    'Plaid Bronze Standard 0.2% Interest CD',
    '2222',
    'depository',
    'cd',
    null,
    100000,
    null,
  ),
  acct(
    'credit',
    'Plaid Credit Card',
    'Plaid Diamond 12.5% APR Interest Credit Card',
    '3333',
    'credit',
    'credit card',
    null,
    41000,
    200000,
  ),
  acct(
    'money market',
    'Plaid Money Market',
    'Plaid Platinum Standard 1.85% Interest Money Market',
    '4444',
    'depository',
    'money market',
    4320000,
    4320000,
    null,
  ),
  acct('ira', 'Plaid IRA', null, '5555', 'investment', 'ira', null, 32000000, null),
  acct('401k', 'Plaid 401k', null, '6666', 'investment', '401k', null, 2363198, null),
  acct('student', 'Plaid Student Loan', null, '7777', 'loan', 'student', null, 6526200, null),
  acct('mortgage', 'Plaid Mortgage', null, '8888', 'loan', 'mortgage', null, 5600000, null),
];

/** Accounts whose transactions /transactions/sync reports (investment accounts use another product). */
export function hasSyncedTransactions(fixture: AccountFixture): boolean {
  return fixture.type !== 'investment';
}

function acct(
  role: AccountRole,
  name: string,
  official_name: string | null,
  mask: string,
  type: AccountFixture['type'],
  subtype: string,
  availableCents: number | null,
  currentCents: number,
  limitCents: number | null,
): AccountFixture {
  return { role, name, official_name, mask, type, subtype, availableCents, currentCents, limitCents };
}
