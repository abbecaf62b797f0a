import type { CategorySource } from '../db/database.ts';

/** The transaction fields categorization reads and writes; plain data, built from a row at the edge. */
export interface CategorizableTransaction {
  readonly id: string;
  readonly accountId: string;
  /** Minor units, Plaid's sign: positive = money out. */
  readonly amountMinor: number;
  readonly currency: string | null;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly rawName: string;
  readonly merchantName: string | null;
  readonly payee: string | null;
  readonly pending: boolean;
  readonly pfcPrimary: string | null;
  readonly pfcDetailed: string | null;
  /** Plaid's confidence level in its category (VERY_HIGH, HIGH, MEDIUM, LOW). */
  readonly pfcConfidence?: string | null | undefined;
  readonly categoryId: string | null;
  readonly categorySource: CategorySource;
  readonly notes: string | null;
  readonly tags: readonly string[];
  readonly isTransfer: boolean;
  readonly excludedFromReports: boolean;
  /** Fields the user edited; nothing automatic overwrites them ('categoryId', 'payee', 'notes', 'tags', ...). */
  readonly lockedFields: readonly string[];
}

/**
 * A transaction nobody has categorized, edited or locked yet, from what the bank says about it (at least
 * id, account, amount, date and description); every field not given starts empty.
 */
export function uncategorizedTransaction(
  fields: Pick<CategorizableTransaction, 'id' | 'accountId' | 'amountMinor' | 'date' | 'rawName'> &
    Partial<CategorizableTransaction>,
): CategorizableTransaction {
  return {
    currency: null,
    merchantName: null,
    payee: null,
    pending: false,
    pfcPrimary: null,
    pfcDetailed: null,
    categoryId: null,
    categorySource: 'none',
    notes: null,
    tags: [],
    isTransfer: false,
    excludedFromReports: false,
    lockedFields: [],
    ...fields,
  };
}

/** One part of a split, in minor units with the transaction's sign. */
export interface SplitLine {
  amountMinor: number;
  categoryId: string | null;
  notes: string | null;
}

/** Fields a rule action may change. */
export type WritableField =
  | 'categoryId'
  | 'payee'
  | 'notes'
  | 'tags'
  | 'isTransfer'
  | 'excludedFromReports'
  | 'splits';
