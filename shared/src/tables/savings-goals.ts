import { changedAny } from '../db/changed-any.ts';
import type { Db } from '../db/create-database.ts';
import type { NewRow, Row } from '../db/database.ts';
import { deleteUserRow, userRows } from '../db/user-row.ts';

/** Every query on savings_goals, savings_goal_accounts and goal_alerts (issue 18). */

export type GoalRow = Row<'savings_goals'> & { account_ids: string[] };

export async function userGoals(db: Db, userId: string, goalId?: string): Promise<GoalRow[]> {
  let q = db.selectFrom('savings_goals').selectAll().where('user_id', '=', userId);
  if (goalId !== undefined) q = q.where('id', '=', goalId);
  const goals = await q.orderBy('target_date').orderBy('id').execute();
  if (goals.length === 0) return [];
  const links = await db
    .selectFrom('savings_goal_accounts')
    .select(['goal_id', 'account_id'])
    .where(
      'goal_id',
      'in',
      goals.map((g) => g.id),
    )
    .orderBy('account_id')
    .execute();
  return goals.map((g) => ({
    ...g,
    account_ids: links.filter((l) => l.goal_id === g.id).map((l) => l.account_id),
  }));
}

export async function insertGoal(
  db: Db,
  row: NewRow<'savings_goals'> & { user_id: string },
  accountIds: readonly string[],
): Promise<string> {
  const { id } = await db.insertInto('savings_goals').values(row).returning('id').executeTakeFirstOrThrow();
  await linkGoalAccounts(db, row.user_id, id, accountIds);
  return id;
}

export async function updateGoalRow(
  db: Db,
  userId: string,
  goalId: string,
  change: Partial<Pick<Row<'savings_goals'>, 'name' | 'target_minor' | 'target_date' | 'alerts_enabled'>>,
  now: Date,
): Promise<boolean> {
  return changedAny(
    db
      .updateTable('savings_goals')
      .set({ ...change, updated_at: now })
      .where('user_id', '=', userId)
      .where('id', '=', goalId),
  );
}

export async function linkGoalAccounts(
  db: Db,
  userId: string,
  goalId: string,
  accountIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('savings_goal_accounts').where('goal_id', '=', goalId).execute();
  if (accountIds.length === 0) return;
  await db
    .insertInto('savings_goal_accounts')
    .values(accountIds.map((accountId) => ({ goal_id: goalId, account_id: accountId, user_id: userId })))
    .execute();
}

export async function deleteGoalRow(db: Db, userId: string, goalId: string): Promise<boolean> {
  return deleteUserRow(db, 'savings_goals', userId, goalId);
}

/** The months a goal was already reported behind in, of those given. */
export async function goalAlertMonths(db: Db, userId: string, month: string): Promise<Set<string>> {
  const rows = await userRows(db, 'goal_alerts', userId)
    .select('goal_id')
    .where('month', '=', month)
    .execute();
  return new Set(rows.map((r) => r.goal_id));
}

export async function recordGoalAlert(
  db: Db,
  row: { goalId: string; userId: string; month: string; notificationId: string },
): Promise<void> {
  await db
    .insertInto('goal_alerts')
    .values({
      goal_id: row.goalId,
      user_id: row.userId,
      month: row.month,
      notification_id: row.notificationId,
    })
    .onConflict((c) => c.columns(['goal_id', 'month']).doNothing())
    .execute();
}
