/**
 * Browser-safe presentation shared by the SPA, the PDF and the prototype: how money, dates and periods read,
 * which accounts are debts, and the report summary's schema. Imports nothing that needs Node or a database.
 */
export {
  type AccountSide,
  accountSide,
  LIABILITY_ACCOUNT_TYPES,
  MANUAL_ACCOUNT_TYPES,
  type ManualAccountType,
} from './account-kinds.ts';
export { formatDate, formatPeriod, monthLabel, monthName, weekLabel } from './dates.ts';
export { formatMoney, type MoneyFormatOptions } from './money.ts';
export * from './report-summary.ts';
