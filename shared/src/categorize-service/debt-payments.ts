import { sql } from 'kysely';
import { LIABILITY_ACCOUNT_TYPES } from '../presentation/account-kinds.ts';

/**
 * SQL: the transaction (alias `t`) is money going out to pay one of the person's debts: a loan or credit-card
 * payment by Plaid's category, or a transfer paired with the inflow on a liability account. Such a payment
 * is a transfer for cash flow but still a bill: recurring series and bill status include it.
 */
export const paysDebtSql = sql<boolean>`(t.amount_minor > 0 AND (t.pfc_primary = 'LOAN_PAYMENTS' OR EXISTS (
  SELECT 1 FROM transactions p JOIN accounts pa ON pa.id = p.account_id
  WHERE p.id = t.transfer_pair_id AND pa.type IN (${sql.join(LIABILITY_ACCOUNT_TYPES)})
)))`;
