export {
  type CashFlowCategory,
  type CashFlowRules,
  type CashFlowTransaction,
  type CountedLine,
  type Counting,
  cashFlowTransactionOf,
  countedAmounts,
  countedAs,
  countedDay,
  countTransaction,
  type LeftOutReason,
  type StoredCashFlowColumns,
} from './cash-flow.ts';
