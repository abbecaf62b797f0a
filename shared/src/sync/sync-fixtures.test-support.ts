import type { Transaction } from 'plaid';

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
