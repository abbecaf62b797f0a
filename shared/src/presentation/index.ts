/**
 * Browser-safe presentation shared by the SPA, the PDF and the prototype: how money, dates and periods read,
 * which accounts are debts, and the report summary's type. Imports nothing that needs Node or a database.
 */

// Types only: the summary's zod schema lives with the API contract, so the SPA's bundle carries no zod.
export type * from '../contract/report-summary.ts';
export { type DayRange, periodBefore } from '../reports/period-before.ts';
export {
  type AccountSide,
  accountSide,
  LIABILITY_ACCOUNT_TYPES,
  MANUAL_ACCOUNT_TYPES,
  type ManualAccountType,
} from './account-kinds.ts';
export { type BasisPointsFormat, formatBasisPoints } from './basis-points.ts';
export {
  type ComparedWith,
  type ComparisonFormat,
  comparisonLabel,
  countedSentence,
  describeComparison,
  percentIsMeaningful,
} from './comparison-wording.ts';
export { formatDate, formatDayMonth, formatPeriod, monthLabel, monthName, weekLabel } from './dates.ts';
export { formatMoney, type MoneyFormatOptions } from './money.ts';
export { TRANSACTION_SORTS, type TransactionSort } from './transaction-sorts.ts';
