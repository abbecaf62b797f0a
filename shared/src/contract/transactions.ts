import { z } from 'zod';
import { TRANSACTION_SORTS } from '../presentation/transaction-sorts.ts';
import { MAX_SPLIT_PARTS } from '../splits/check-split-parts.ts';
import { CurrencyCode, Id, IsoDate, MinorUnits, QueryBoolean, Timestamp } from './common.ts';
import { text } from './text.ts';

export const Transaction = z.object({
  id: Id,
  accountId: Id,
  itemId: Id.nullable(),
  amountMinor: MinorUnits,
  currency: z.string().nullable(),
  date: IsoDate,
  authorizedDate: IsoDate.nullable(),
  rawName: z.string(),
  merchantName: z.string().nullable(),
  payee: z.string().nullable(),
  pending: z.boolean(),
  paymentChannel: z.string().nullable(),
  pfcPrimary: z.string().nullable(),
  pfcDetailed: z.string().nullable(),
  categoryId: Id.nullable(),
  categorySource: z.enum(['user', 'rule', 'learned', 'plaid', 'none']),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  lockedFields: z.array(z.string()),
  isTransfer: z.boolean(),
  excludedFromReports: z.boolean(),
  needsReview: z.boolean(),
  updatedAt: Timestamp,
});
export type Transaction = z.infer<typeof Transaction>;

/** The list's order (presentation/transaction-sorts.ts). */
export const TransactionSort = z.enum(TRANSACTION_SORTS);
export type TransactionSort = z.infer<typeof TransactionSort>;

const amountParam = z.coerce.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/** A filter's date range and amount bounds are each in order (the list's query and a saved filter alike). */
export function checkFilterBounds(
  f: { from?: string | undefined; to?: string | undefined; amountMinMinor?: number; amountMaxMinor?: number },
  ctx: z.RefinementCtx,
): void {
  if (f.from && f.to && f.from > f.to)
    ctx.addIssue({ code: 'custom', message: 'from must not be after to', path: ['from'] });
  if (f.amountMinMinor !== undefined && f.amountMaxMinor !== undefined && f.amountMinMinor > f.amountMaxMinor)
    ctx.addIssue({
      code: 'custom',
      message: 'amountMinMinor must not exceed amountMaxMinor',
      path: ['amountMinMinor'],
    });
}

export const TransactionListQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    accountId: Id.optional(),
    /** A category id, or 'none' for uncategorized transactions. */
    categoryId: z.union([Id, z.literal('none')]).optional(),
    q: text().trim().min(1).max(100).optional(),
    amountMinMinor: amountParam.optional(),
    amountMaxMinor: amountParam.optional(),
    pending: QueryBoolean.optional(),
    /** true: the "to review" list (learned guesses below the confidence threshold, uncategorized). */
    needsReview: QueryBoolean.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    /** Default `-date`: newest first. */
    sort: TransactionSort.default('-date'),
    /** Opaque keyset cursor from the previous page's `nextCursor` (of the same sort order). */
    cursor: text().max(200).optional(),
  })
  .superRefine(checkFilterBounds);
export type TransactionListQuery = z.output<typeof TransactionListQuery>;

/** How many transactions a list's filter matches and their amounts summed per currency (positive: money out). */
export const TransactionTotals = z.object({
  count: z.number().int(),
  totals: z.array(z.object({ currency: z.string().nullable(), amountMinor: MinorUnits })),
});
export type TransactionTotals = z.infer<typeof TransactionTotals>;

/** A row of the transaction list: the transaction, and how many parts it is split into (0: not split). */
export const ListedTransaction = Transaction.extend({
  splitParts: z.number().int().min(0),
});
export type ListedTransaction = z.infer<typeof ListedTransaction>;

export const TransactionPage = z.object({
  transactions: z.array(ListedTransaction),
  nextCursor: z.string().nullable(),
});

const Tag = text().trim().min(1).max(50);

/**
 * Undo of a recategorization: the category the transaction was moved to (null: Uncategorized), the move being
 * undone. Only the
 * latest move, once, and only while the transaction still has that category (409 otherwise).
 */
export const CategoryUndo = z.object({ categoryId: Id.nullable() });

/** The fields a person may set; each one set is locked against later rules and syncs. */
export const TransactionPatch = z
  .strictObject({
    categoryId: Id.nullable().optional(),
    payee: text().trim().min(1).max(200).nullable().optional(),
    notes: text().max(2000).nullable().optional(),
    tags: z.array(Tag).max(20).optional(),
    /**
     * true: a movement between the person's own accounts, left out of spending and income everywhere.
     * false: not a transfer; unmarking one side of a detected pair unpairs both, and automatic pairing
     * never marks it again.
     */
    isTransfer: z.boolean().optional(),
    /** true: left out of every figure (dashboard, reports, exports) while staying in the ledger. */
    excludedFromReports: z.boolean().optional(),
    /** true: the person has looked at it; it leaves the "to review" list with its category as it is (no lock). */
    reviewed: z.literal(true).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'expected at least one field' });
export type TransactionPatch = z.infer<typeof TransactionPatch>;

/**
 * One part of a split transaction: its category and amount (Plaid's sign, like the transaction's). Whether the
 * parts make a split (how many, each non-zero and in the transaction's direction, adding up to it exactly) is
 * checked against the transaction by splits/check-split-parts.ts, the rule the SPA's editor uses too.
 */
export const SplitPart = z.strictObject({
  categoryId: Id.nullable(),
  amountMinor: MinorUnits,
  notes: text().trim().max(200).nullable().optional(),
});

/** A transaction's parts, replaced whole: two or more that add up to its amount exactly, or none to unsplit. */
export const SplitsReplace = z.strictObject({
  splits: z.array(SplitPart).max(MAX_SPLIT_PARTS, `A split has at most ${MAX_SPLIT_PARTS} parts.`),
});

export const TransactionSplits = z.object({
  transactionId: Id,
  amountMinor: MinorUnits,
  currency: z.string().nullable(),
  /** Empty: not split, the whole amount counts in the transaction's category. */
  splits: z.array(
    z.object({ categoryId: Id.nullable(), amountMinor: MinorUnits, notes: z.string().nullable() }),
  ),
});
export type TransactionSplits = z.infer<typeof TransactionSplits>;

export const BulkTransactionUpdate = z.strictObject({
  ids: z.array(Id).min(1).max(500),
  patch: TransactionPatch,
});

export const BulkTransactionResult = z.object({ updated: z.number().int() });

export const Category = z.object({
  id: Id,
  key: z.string(),
  name: z.string(),
  parentId: Id.nullable(),
  kind: z.enum(['income', 'expense', 'transfer']),
  isSystem: z.boolean(),
  isGroup: z.boolean(),
  hidden: z.boolean(),
  sortOrder: z.number().int(),
});

export const CategoryList = z.object({ categories: z.array(Category) });

export const ExportQuery = z.object({ format: z.enum(['csv', 'json']).default('json') });

export const DashboardQuery = z
  .object({ from: IsoDate, to: IsoDate, currency: CurrencyCode.optional() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 5 * 86_400_000, {
    message: 'period longer than five years',
    path: ['to'],
  });

export const DashboardSummary = z.object({
  period: z.object({ from: IsoDate, to: IsoDate }),
  currency: z.string(),
  /**
   * Spending by finsync's one cash-flow definition (README, "What counts as spending and income"): no
   * transfers, pending rows, excluded rows or other currencies; refunds lower it.
   */
  spentMinor: MinorUnits,
  /** Income by the same definition, positive when money came in. */
  incomeMinor: MinorUnits,
  netMinor: MinorUnits,
  transactionCount: z.number().int(),
  /** Spending per category (negative when refunds outweigh it); the parts sum to spentMinor. null: uncategorized. */
  byCategory: z.array(
    z.object({
      categoryId: Id.nullable(),
      name: z.string(),
      spentMinor: MinorUnits,
      count: z.number().int(),
    }),
  ),
  /** Per day for periods up to 62 days, else per month (bucket is the first day). */
  trend: z.object({
    granularity: z.enum(['day', 'month']),
    points: z.array(z.object({ bucket: IsoDate, spentMinor: MinorUnits, incomeMinor: MinorUnits })),
  }),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;
