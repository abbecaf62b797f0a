import type { Row } from '../db/database.ts';

export interface TransactionView {
  id: string;
  accountId: string;
  /** Null on a manual account's rows. */
  itemId: string | null;
  amountMinor: number;
  currency: string | null;
  date: string;
  authorizedDate: string | null;
  rawName: string;
  merchantName: string | null;
  payee: string | null;
  pending: boolean;
  paymentChannel: string | null;
  pfcPrimary: string | null;
  pfcDetailed: string | null;
  categoryId: string | null;
  categorySource: Row<'transactions'>['category_source'];
  notes: string | null;
  tags: string[];
  lockedFields: string[];
  isTransfer: boolean;
  excludedFromReports: boolean;
  needsReview: boolean;
  updatedAt: string;
}

export const transactionViewColumns = [
  'id',
  'account_id',
  'item_id',
  'amount_minor',
  'currency',
  'date',
  'authorized_date',
  'raw_name',
  'merchant_name',
  'payee',
  'pending',
  'payment_channel',
  'pfc_primary',
  'pfc_detailed',
  'category_id',
  'category_source',
  'notes',
  'tags',
  'locked_fields',
  'is_transfer',
  'excluded_from_reports',
  'needs_review',
  'updated_at',
] as const;

export type TransactionViewRow = Pick<Row<'transactions'>, (typeof transactionViewColumns)[number]>;

export function toTransactionView(r: TransactionViewRow): TransactionView {
  return {
    id: r.id,
    accountId: r.account_id,
    itemId: r.item_id,
    amountMinor: r.amount_minor,
    currency: r.currency,
    date: r.date,
    authorizedDate: r.authorized_date,
    rawName: r.raw_name,
    merchantName: r.merchant_name,
    payee: r.payee,
    pending: r.pending,
    paymentChannel: r.payment_channel,
    pfcPrimary: r.pfc_primary,
    pfcDetailed: r.pfc_detailed,
    categoryId: r.category_id,
    categorySource: r.category_source,
    notes: r.notes,
    tags: r.tags,
    lockedFields: r.locked_fields,
    isTransfer: r.is_transfer,
    excludedFromReports: r.excluded_from_reports,
    needsReview: r.needs_review,
    updatedAt: r.updated_at.toISOString(),
  };
}
