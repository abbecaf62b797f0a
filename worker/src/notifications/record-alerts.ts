import type { Database } from '@finsync/shared';
import { currencyExponent } from '@finsync/shared';
import { recordBudgetAlerts } from '@finsync/shared/budgets';
import { cashFlowTransactionOf, countedAmounts, countTransaction } from '@finsync/shared/figures';
import { recordGoalAlerts } from '@finsync/shared/goals';
import { type NotificationKind, wantsNotification } from '@finsync/shared/notifications';
import { refreshManualBills } from '@finsync/shared/recurring';
import { addDays, localDateOf } from '@finsync/shared/reports';
import { recordNotification } from '@finsync/shared/sync';
import { failingItems, lowBalanceAccountIds } from '@finsync/shared/tables';
import type { Kysely } from 'kysely';

/** Thresholds in major units of the user's currency (500 = $500.00, ¥500). */
export interface AlertThresholds {
  largeTransaction: number;
  lowBalance: number;
  syncFailingHours: number;
  /** "A bill is due in N days": how many days ahead (default 3). */
  billDueDays?: number;
}

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  largeTransaction: 500,
  lowBalance: 100,
  syncFailingHours: 24,
};

/**
 * Records the alert notifications a user opted into, each under a key that makes it fire once per event:
 * a large purchase once per transaction, a low balance once per account and day, a missed bill once per
 * expected date, a failing connection once per outage. Re-authentication is recorded by the sync engine
 * when an item changes status. Returns the ids of notifications still pending (new or earlier).
 */
export async function recordAlerts(
  db: Kysely<Database>,
  userId: string,
  options: { now: Date; since: Date; thresholds?: AlertThresholds },
): Promise<string[]> {
  const t = options.thresholds ?? DEFAULT_ALERT_THRESHOLDS;
  const user = await db
    .selectFrom('users')
    .select(['id', 'currency', 'timezone', 'notification_prefs'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return [];
  const prefs = user.notification_prefs ?? {};
  const unit = 10 ** currencyExponent(user.currency);
  const found: { kind: NotificationKind; key: string; payload: Record<string, string> }[] = [];

  if (wantsNotification('large_transaction', prefs)) {
    // A large purchase is one whose counted spending (the one cash-flow definition) reaches the threshold:
    // no transfers (flagged or by category), pending, excluded or foreign-currency rows, no refunds.
    const candidates = await db
      .selectFrom('transactions')
      .select([
        'id',
        'amount_minor',
        'currency',
        'unofficial_currency',
        'date',
        'datetime',
        'category_id',
        'is_transfer',
        'excluded_from_reports',
        'pending',
      ])
      .where('user_id', '=', userId)
      .where('created_at', '>=', options.since)
      .where('amount_minor', '>=', t.largeTransaction * unit)
      .execute();
    if (candidates.length) {
      const [categories, splits] = await Promise.all([
        db.selectFrom('categories').select(['id', 'kind']).where('user_id', '=', userId).execute(),
        db
          .selectFrom('transaction_splits')
          .select(['transaction_id', 'category_id', 'amount_minor'])
          .where('user_id', '=', userId)
          .where(
            'transaction_id',
            'in',
            candidates.map((c) => c.id),
          )
          .execute(),
      ]);
      const rules = { currency: user.currency, categories: new Map(categories.map((c) => [c.id, c])) };
      for (const r of candidates) {
        const parts = splits.filter((s) => s.transaction_id === r.id);
        const counting = countTransaction(cashFlowTransactionOf(r, parts), rules);
        if (countedAmounts(counting).spentMinor < t.largeTransaction * unit) continue;
        found.push({
          kind: 'large_transaction',
          key: `large_transaction:${r.id}`,
          payload: { transactionId: r.id },
        });
      }
    }
  }
  if (wantsNotification('low_balance', prefs)) {
    const today = localDateOf(options.now, user.timezone);
    for (const id of await lowBalanceAccountIds(db, userId, t.lowBalance * unit))
      found.push({ kind: 'low_balance', key: `low_balance:${id}:${today}`, payload: { accountId: id } });
  }
  if (wantsNotification('bill_due', prefs) || wantsNotification('missed_bill', prefs)) {
    // Bills added by hand are judged here, as of today (detection judges the ones it found after each sync).
    await refreshManualBills(db, userId, localDateOf(options.now, user.timezone));
  }
  if (wantsNotification('bill_due', prefs)) {
    // Once per bill and expected date: an outgoing series not dismissed, expected within the next N days.
    const today = localDateOf(options.now, user.timezone);
    const rows = await undismissedBills(db, userId)
      .where('status', '=', 'active')
      .where('next_expected_date', '>=', today)
      .where('next_expected_date', '<=', addDays(today, t.billDueDays ?? 3))
      .execute();
    for (const r of rows)
      found.push({
        kind: 'bill_due',
        key: `bill_due:${r.id}:${r.next_expected_date}`,
        payload: { seriesId: r.id },
      });
  }
  if (wantsNotification('missed_bill', prefs)) {
    const rows = await undismissedBills(db, userId).where('status', 'in', ['late', 'missed']).execute();
    for (const r of rows) {
      found.push({
        kind: 'missed_bill',
        key: `missed_bill:${r.id}:${r.next_expected_date}`,
        payload: { seriesId: r.id },
      });
    }
  }
  if (wantsNotification('sync_failing', prefs)) {
    const cutoff = new Date(options.now.getTime() - t.syncFailingHours * 3_600_000);
    const rows = await failingItems(db, userId, cutoff);
    for (const r of rows) {
      // The outage is named by the last good sync, so it alerts once until a sync succeeds again.
      const since = (r.last_synced_at ?? r.created_at).toISOString();
      found.push({ kind: 'sync_failing', key: `sync_failing:${r.id}:${since}`, payload: { itemId: r.id } });
    }
  }

  const pending: string[] = [];
  if (wantsNotification('budget_pace', prefs))
    pending.push(...(await recordBudgetAlerts(db, userId, options.now)));
  if (wantsNotification('goal_behind', prefs))
    pending.push(...(await recordGoalAlerts(db, userId, options.now)));
  for (const f of found) {
    const n = await recordNotification(db, {
      userId,
      kind: f.kind,
      idempotencyKey: f.key,
      payload: f.payload,
    });
    if (n.status === 'pending') pending.push(n.id);
  }
  return pending;
}

/** The user's outgoing recurring series that they have not dismissed on the bills page (a dismissed series is
 * not a bill to be told about), with their next expected date. */
function undismissedBills(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('recurring_series')
    .select(['id', 'next_expected_date'])
    .where('user_id', '=', userId)
    .where('direction', '=', 'outflow')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('recurring_decisions as d')
            .select('d.series_id')
            .whereRef('d.series_id', '=', 'recurring_series.id')
            .where('d.decision', '=', 'dismissed'),
        ),
      ),
    );
}
