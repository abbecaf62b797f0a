import type { AccountBase, Transaction } from 'plaid';
import { type Minor, toMinor } from '../money/index.ts';

/** The Plaid-owned fields of a transaction, in storage units (minor units, ISO dates). */
export interface SyncedTransaction {
  plaidTransactionId: string;
  plaidAccountId: string;
  amountMinor: Minor;
  currency: string | null;
  unofficialCurrency: string | null;
  date: string;
  authorizedDate: string | null;
  datetime: string | null;
  authorizedDatetime: string | null;
  rawName: string;
  merchantName: string | null;
  pending: boolean;
  pendingTransactionId: string | null;
  paymentChannel: string | null;
  pfcPrimary: string | null;
  pfcDetailed: string | null;
  pfcConfidence: string | null;
}

export interface SyncedAccount {
  plaidAccountId: string;
  name: string;
  officialName: string | null;
  mask: string | null;
  type: string;
  subtype: string | null;
  currency: string | null;
  unofficialCurrency: string | null;
  currentMinor: Minor | null;
  availableMinor: Minor | null;
  limitMinor: Minor | null;
}

export function toSyncedTransaction(t: Transaction): SyncedTransaction {
  const currency = t.iso_currency_code ?? null;
  const unofficial = t.unofficial_currency_code ?? null;
  return {
    plaidTransactionId: t.transaction_id,
    plaidAccountId: t.account_id,
    // Plaid's sign convention is kept: positive = money out of the account.
    amountMinor: toMinor(t.amount, currency ?? unofficial),
    currency,
    unofficialCurrency: unofficial,
    date: t.date,
    authorizedDate: t.authorized_date ?? null,
    datetime: t.datetime ?? null,
    authorizedDatetime: t.authorized_datetime ?? null,
    rawName: t.original_description ?? t.name ?? '',
    merchantName: t.merchant_name ?? null,
    pending: t.pending,
    pendingTransactionId: t.pending_transaction_id ?? null,
    paymentChannel: t.payment_channel ?? null,
    pfcPrimary: t.personal_finance_category?.primary ?? null,
    pfcDetailed: t.personal_finance_category?.detailed ?? null,
    pfcConfidence: t.personal_finance_category?.confidence_level ?? null,
  };
}

export function toSyncedAccount(a: AccountBase): SyncedAccount {
  const currency = a.balances.iso_currency_code ?? null;
  const unofficial = a.balances.unofficial_currency_code ?? null;
  const minor = (v: number | null | undefined) =>
    v === null || v === undefined ? null : toMinor(v, currency ?? unofficial);
  return {
    plaidAccountId: a.account_id,
    name: a.name,
    officialName: a.official_name ?? null,
    mask: a.mask ?? null,
    type: String(a.type),
    subtype: a.subtype ? String(a.subtype) : null,
    currency,
    unofficialCurrency: unofficial,
    currentMinor: minor(a.balances.current),
    availableMinor: minor(a.balances.available),
    limitMinor: minor(a.balances.limit),
  };
}
