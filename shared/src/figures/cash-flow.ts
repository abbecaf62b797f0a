import type { CategoryKind } from '../db/database.ts';
import type { Minor } from '../money/minor-units.ts';
import { type LocalDate, localDateOf } from '../reports/local-date.ts';

/*
 * finsync's one definition of cash flow: which transactions count as spending or income, on which day, and
 * in which category. Every surface (dashboard, reports and their PDFs, exports, the prototype, alerts) asks
 * these functions, or runs SQL that a property test proves equal to them (cash-flow-agreement.db.test.ts).
 * The README's "What counts as spending and income" explains the choices. In SQL each rule has one definition
 * too (migrations 2026_11_30_1420 and _1500: cash_flow_counts, cash_flow_day, cash_flow_currency_key,
 * cash_flow_kind_counts, cash_flow_is_income, cash_flow_in_currency), which every query counting raw rows calls;
 * cash-flow-rules.db.test.ts proves them equal to these functions on the rows at their edges.
 *
 * Plaid's sign throughout the input: a positive amount is money out, a negative amount money in.
 */

/** A transaction as the definition needs it; amounts are exact minor units. */
export interface CashFlowTransaction {
  amountMinor: Minor;
  /** ISO code, or Plaid's unofficial code; null means the user's own currency. */
  currency: string | null;
  /** Plaid's calendar date (the posting date for posted rows). */
  date: LocalDate;
  /** The exact posting time when the bank gave one; it is placed on the user's wall clock. */
  datetime: Date | null;
  categoryId: string | null;
  isTransfer: boolean;
  excludedFromReports: boolean;
  pending: boolean;
  /** When present, these parts (summing to amountMinor) replace the transaction's own category. */
  splits?: readonly { categoryId: string | null; amountMinor: Minor }[] | undefined;
}

/** The columns of a stored transaction that the cash-flow definition reads. */
export interface StoredCashFlowColumns {
  amount_minor: Minor;
  currency: string | null;
  unofficial_currency: string | null;
  date: LocalDate;
  datetime: Date | null;
  category_id: string | null;
  is_transfer: boolean;
  excluded_from_reports: boolean;
  pending: boolean;
}

/** A stored transaction, with its split parts when it has any, as `countTransaction` takes it. */
export function cashFlowTransactionOf(
  row: StoredCashFlowColumns,
  splits: readonly { category_id: string | null; amount_minor: Minor }[] = [],
): CashFlowTransaction {
  return {
    amountMinor: row.amount_minor,
    currency: row.currency ?? row.unofficial_currency,
    date: row.date,
    datetime: row.datetime,
    categoryId: row.category_id,
    isTransfer: row.is_transfer,
    excludedFromReports: row.excluded_from_reports,
    pending: row.pending,
    ...(splits.length
      ? { splits: splits.map((s) => ({ categoryId: s.category_id, amountMinor: s.amount_minor })) }
      : {}),
  };
}

export interface CashFlowCategory {
  id: string;
  kind: CategoryKind;
}

/** Why a transaction is not counted at all. */
export type LeftOutReason = 'transfers' | 'excludedByUser' | 'pending' | 'otherCurrency';

/**
 * One counted piece of a transaction. `spentMinor` is spending (a refund in a spending category makes it
 * negative), `incomeMinor` income; at most one of them is non-zero. `categoryKey` is '' when uncategorized.
 */
export interface CountedLine {
  categoryKey: string;
  spentMinor: Minor;
  incomeMinor: Minor;
}

export type Counting = { counted: true; lines: CountedLine[] } | { counted: false; reason: LeftOutReason };

export interface CashFlowRules {
  /** The currency the figures are in; transactions in another currency are left out, never converted. */
  currency: string;
  categories: ReadonlyMap<string, CashFlowCategory>;
}

/**
 * The day a transaction counts on: the user's local day of its posting time when the bank gave one,
 * else Plaid's date. (The authorization time is not used: it can be days before the posting date.)
 */
export function countedDay(txn: Pick<CashFlowTransaction, 'date' | 'datetime'>, timezone: string): LocalDate {
  return txn.datetime ? localDateOf(txn.datetime, timezone) : txn.date;
}

/**
 * Whether and how a transaction counts:
 * - pending rows, rows the user excluded, and rows in another currency are left out;
 * - a transfer between the user's own accounts is left out, whether flagged (`isTransfer`, set by pairing or
 *   by the user) or because every part is in a transfer-kind category (the user's choice or Plaid's TRANSFER_*
 *   and loan-disbursement categories; cash withdrawals are TRANSFER_OUT_WITHDRAWAL);
 * - a part in an income category is income (negative when money went back out);
 * - an uncategorized part is income when money came in, spending when it went out;
 * - any other part is spending in its category, so a refund (money in) lowers that category's spending.
 * Parts of a split transaction that are in a transfer-kind category are dropped; the rest count.
 */
export function countTransaction(txn: CashFlowTransaction, rules: CashFlowRules): Counting {
  if (txn.pending) return LEFT_OUT.pending;
  if (txn.excludedFromReports) return LEFT_OUT.excludedByUser;
  if (
    txn.currency !== null &&
    txn.currency !== rules.currency &&
    txn.currency.toUpperCase() !== rules.currency.toUpperCase()
  )
    return LEFT_OUT.otherCurrency;
  // Most transactions have no parts: counted as their one part without building a list of parts (a report
  // counts ~17k rows).
  if (!txn.splits?.length) {
    const kind = kindOf(txn.categoryId, rules);
    if (txn.isTransfer || kind === 'transfer') return LEFT_OUT.transfers;
    return { counted: true, lines: [countedLine(txn.categoryId, txn.amountMinor, kind, rules)] };
  }
  const parts = txn.splits;
  if (txn.isTransfer || parts.every((p) => kindOf(p.categoryId, rules) === 'transfer'))
    return LEFT_OUT.transfers;
  const lines: CountedLine[] = [];
  for (const part of parts) {
    const kind = kindOf(part.categoryId, rules);
    if (kind === 'transfer') continue;
    lines.push(countedLine(part.categoryId, part.amountMinor, kind, rules));
  }
  return { counted: true, lines };
}

/** The answers for left-out transactions, one of each (callers only read them). */
const LEFT_OUT: { readonly [R in LeftOutReason]: Counting } = {
  transfers: Object.freeze({ counted: false, reason: 'transfers' }),
  excludedByUser: Object.freeze({ counted: false, reason: 'excludedByUser' }),
  pending: Object.freeze({ counted: false, reason: 'pending' }),
  otherCurrency: Object.freeze({ counted: false, reason: 'otherCurrency' }),
};

function kindOf(categoryId: string | null, rules: CashFlowRules): CategoryKind | undefined {
  return categoryId ? rules.categories.get(categoryId)?.kind : undefined;
}

/** One part (kind: its category's, undefined when uncategorized or unknown) as a counted line. */
function countedLine(
  categoryId: string | null,
  amountMinor: Minor,
  kind: CategoryKind | undefined,
  rules: CashFlowRules,
): CountedLine {
  const categoryKey = categoryId && rules.categories.has(categoryId) ? categoryId : '';
  const asIncome = kind === 'income' || (kind === undefined && amountMinor < 0);
  return asIncome
    ? { categoryKey, spentMinor: 0, incomeMinor: -amountMinor }
    : { categoryKey, spentMinor: amountMinor, incomeMinor: 0 };
}

/** Spent and income of one counted transaction (the sums of its lines). */
export function countedAmounts(counting: Counting): { spentMinor: Minor; incomeMinor: Minor } {
  if (!counting.counted) return { spentMinor: 0, incomeMinor: 0 };
  let spentMinor = 0;
  let incomeMinor = 0;
  for (const line of counting.lines) {
    spentMinor += line.spentMinor;
    incomeMinor += line.incomeMinor;
  }
  return { spentMinor, incomeMinor };
}

/** How a surface labels a transaction's place in the figures (export column, explanations). */
export function countedAs(counting: Counting): 'spending' | 'income' | 'spending and income' | LeftOutReason {
  if (!counting.counted) return counting.reason;
  const spends = counting.lines.some((l) => l.spentMinor !== 0);
  const earns = counting.lines.some((l) => l.incomeMinor !== 0);
  if (spends && earns) return 'spending and income';
  return earns ? 'income' : 'spending';
}
