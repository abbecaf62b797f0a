import type { Kysely } from 'kysely';
import { merchantKey } from '../categorize/clean-payee.ts';
import { cadenceTolerance } from '../categorize/detect-recurring.ts';
import type { Database } from '../db/database.ts';
import { addDays, type LocalDate } from '../reports/local-date.ts';
import { type BillPayment, manualBillState } from './manual-bill-state.ts';

/** Whether a transaction's payee names the bill's payee ('Netflix' pays 'NETFLIX.COM 866-579' too). */
function paysPayee(billKey: string, transactionKey: string): boolean {
  return transactionKey === billKey || transactionKey.startsWith(`${billKey} `);
}

/**
 * Brings the user's bills added by hand up to `today` (the user's date): the payee's posted outgoing payments
 * (from the bill's account when it names one) pay its occurrences, and the first unpaid one sets the next
 * expected date and the status (late, missed, ended), which detection never does for them. The cadence is the
 * user's correction when there is one. Returns the bills that changed.
 */
export async function refreshManualBills(
  db: Kysely<Database>,
  userId: string,
  today: LocalDate,
): Promise<number> {
  const bills = await db
    .selectFrom('recurring_series as s')
    .leftJoin('recurring_decisions as d', (j) =>
      j.onRef('d.series_id', '=', 's.id').on('d.user_id', '=', userId),
    )
    .select(['s.id', 's.payee', 's.cadence', 's.next_expected_date', 's.status', 's.account_id'])
    .select('d.cadence as user_cadence')
    .where('s.user_id', '=', userId)
    .where('s.source', '=', 'manual')
    .where('s.direction', '=', 'outflow')
    .execute();
  let changed = 0;
  for (const bill of bills) {
    const cadence = bill.user_cadence ?? bill.cadence;
    const since = addDays(String(bill.next_expected_date), -cadenceTolerance(cadence));
    const rows = await db
      .selectFrom('transactions')
      .select(['date', 'amount_minor', 'payee', 'raw_name', 'merchant_name'])
      .where('user_id', '=', userId)
      .where('pending', '=', false)
      .where('amount_minor', '>', 0)
      .where('date', '>=', since)
      .where('date', '<=', today)
      .$if(bill.account_id !== null, (q) => q.where('account_id', '=', bill.account_id!))
      .execute();
    const key = merchantKey(bill.payee);
    const payments: BillPayment[] = rows
      .filter((r) => paysPayee(key, merchantKey(r.payee ?? r.raw_name, r.payee ? null : r.merchant_name)))
      .map((r) => ({ date: String(r.date), amountMinor: Number(r.amount_minor) }));
    const state = manualBillState(
      { cadence, nextExpectedDate: String(bill.next_expected_date) },
      payments,
      today,
    );
    if (state.nextExpectedDate === String(bill.next_expected_date) && state.status === bill.status) continue;
    await db
      .updateTable('recurring_series')
      .set({
        next_expected_date: state.nextExpectedDate,
        status: state.status,
        ...(state.lastPayment
          ? { last_date: state.lastPayment.date, last_amount_minor: state.lastPayment.amountMinor }
          : {}),
        updated_at: new Date(),
      })
      .where('id', '=', bill.id)
      .where('user_id', '=', userId)
      .execute();
    changed++;
  }
  return changed;
}
