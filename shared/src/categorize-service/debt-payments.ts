import { sql } from 'kysely';
import { LIABILITY_ACCOUNT_TYPES } from '../presentation/account-kinds.ts';

/**
 * SQL: the transaction (alias `t`) is money going out to pay one of the person's debts: a loan or credit-card
 * payment by Plaid's category, or a transfer paired with the inflow on a liability account. Such a payment
 * is a transfer for cash flow but still a bill: recurring series and bill status include it.
 * The pair is read by a scalar subquery (its primary key, at most one row): an EXISTS here let the planner,
 * once the table had statistics, hash every transaction of every user to answer it for a report's rows
 * (a 100k-transaction user's monthly report: 445 ms for this query instead of 67). A row without a pair (most
 * rows) is false without running the subquery, which finds no row for a null id anyway: a report's 17k rows
 * ran it 16.6k times for nothing.
 */
export const paysDebtSql = sql<boolean>`(t.amount_minor > 0 AND (t.pfc_primary = 'LOAN_PAYMENTS' OR (t.transfer_pair_id IS NOT NULL AND coalesce((
  SELECT pa.type IN (${sql.join(LIABILITY_ACCOUNT_TYPES)})
  FROM transactions p JOIN accounts pa ON pa.id = p.account_id
  WHERE p.id = t.transfer_pair_id
), false))))`;
