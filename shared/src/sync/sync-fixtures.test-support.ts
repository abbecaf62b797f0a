import type { AccountBase, Transaction, TransactionsSyncResponse } from 'plaid';
import type { SyncPage } from './apply-sync-page.ts';
import type { SyncPlaidPort } from './sync-item.ts';

/** A minimal Plaid transaction for pure tests. */
export function plaidTxn(id: string, overrides: Partial<Transaction> = {}): Transaction {
  return {
    transaction_id: id,
    account_id: 'acc-1',
    amount: 12.34,
    iso_currency_code: 'USD',
    unofficial_currency_code: null,
    date: '2026-11-20',
    authorized_date: null,
    datetime: null,
    authorized_datetime: null,
    name: `Shop ${id}`,
    merchant_name: 'Shop',
    pending: false,
    pending_transaction_id: null,
    payment_channel: 'in store',
    personal_finance_category: { primary: 'GENERAL_MERCHANDISE', detailed: 'GENERAL_MERCHANDISE_OTHER' },
    ...overrides,
  } as Transaction;
}

export const account = {
  account_id: 'acc-1',
  name: 'Checking',
  official_name: null,
  mask: '0000',
  type: 'depository',
  subtype: 'checking',
  balances: {
    current: 1000.5,
    available: 900.25,
    limit: null,
    iso_currency_code: 'USD',
    unofficial_currency_code: null,
  },
} as unknown as AccountBase;

/** A scripted Plaid: pages per cursor; a step can be an error to throw instead. */
export function scriptedPlaid(
  pages: Record<string, (SyncPage | { throw: unknown })[]>,
): SyncPlaidPort & { calls: number } {
  const fake = {
    calls: 0,
    transactionsSync: async (req: { cursor?: string }) => {
      fake.calls++;
      const queue = pages[req.cursor ?? ''];
      const step = queue?.shift();
      if (!step) throw new Error(`no scripted page for cursor "${req.cursor ?? ''}"`);
      if ('throw' in step) throw step.throw;
      return { data: { accounts: [account], ...step } as unknown as TransactionsSyncResponse };
    },
    accountsGet: async () => ({
      data: { accounts: [account, { ...account, account_id: 'acc-new', name: 'New card' }] },
    }),
  };
  return fake as unknown as SyncPlaidPort & { calls: number };
}

export const page = (next: string, more: boolean, p: Partial<SyncPage> = {}): SyncPage => ({
  added: [],
  modified: [],
  removed: [],
  next_cursor: next,
  has_more: more,
  ...p,
});
