export {
  type CashFlowCategory,
  type CashFlowRules,
  type CashFlowTransaction,
  type CountedLine,
  type Counting,
  countedAmounts,
  countedAs,
  countedDay,
  countTransaction,
  type LeftOutReason,
} from './cash-flow.ts';
