import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { userRows } from '../db/user-row.ts';
import type { NotificationKind } from '../notifications/notification-kind.ts';
import { recordNotification } from '../tables/notifications.ts';
import { reachedThresholds, todayIn } from './budget-math.ts';
import { budgetMonth } from './budget-store.ts';

/** The notifications.kind of a budget pace alert. */
export const BUDGET_PACE_KIND = 'budget_pace' satisfies NotificationKind;

/**
 * Records pace alerts for the budgets the user opted into (alerts_enabled), for the current month in the
 * user's zone: once a budget's counted spending reaches a threshold (80%, 100% of what is available), one
 * notification, at most once per budget, threshold and month. budget_alerts remembers each threshold reached;
 * when several are reached at once, one notification names the highest. The notification's idempotency key
 * repeats that rule, so a run that stopped half way records nothing twice. Returns the ids still pending.
 */
export async function recordBudgetAlerts(db: Kysely<Database>, userId: string, now: Date): Promise<string[]> {
  const enabled = await userRows(db, 'budgets', userId)
    .select('id')
    .where('alerts_enabled', '=', true)
    .where('kind', '=', 'spending')
    .execute();
  if (enabled.length === 0) return [];
  const user = await db.selectFrom('users').select('timezone').where('id', '=', userId).executeTakeFirst();
  if (!user) return [];
  const month = todayIn(now, user.timezone).slice(0, 7);
  const view = await budgetMonth(db, userId, month, now);
  const sent = await db
    .selectFrom('budget_alerts')
    .select(['budget_id', 'threshold'])
    .where('user_id', '=', userId)
    .where('month', '=', `${month}-01`)
    .execute();
  const pending: string[] = [];
  for (const b of view.budgets) {
    if (b.kind !== 'spending' || !b.alertsEnabled) continue;
    const fresh = reachedThresholds(b.availableMinor, b.actualMinor).filter(
      (t) => !sent.some((s) => s.budget_id === b.id && s.threshold === t),
    );
    const highest = fresh.at(-1);
    if (highest === undefined) continue;
    const n = await recordNotification(db, {
      userId,
      kind: BUDGET_PACE_KIND,
      idempotencyKey: `${BUDGET_PACE_KIND}:${b.id}:${month}:${highest}`,
      payload: { budgetId: b.id, month, threshold: String(highest) },
    });
    await db
      .insertInto('budget_alerts')
      .values(
        fresh.map((threshold) => ({
          budget_id: b.id,
          user_id: userId,
          month: `${month}-01`,
          threshold,
          notification_id: n.id,
        })),
      )
      .onConflict((c) => c.columns(['budget_id', 'month', 'threshold']).doNothing())
      .execute();
    if (n.status === 'pending') pending.push(n.id);
  }
  return pending;
}
