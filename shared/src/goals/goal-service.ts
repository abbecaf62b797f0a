import type { z } from 'zod';
import type { Goal, GoalCreate, GoalPatch } from '../contract/goals.ts';
import type { Db } from '../db/create-database.ts';
import type { Row } from '../db/database.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import { type Minor, sumMinor } from '../money/minor-units.ts';
import { accountSide } from '../presentation/account-kinds.ts';
import { type LocalDate, localDateOf } from '../reports/local-date.ts';
import { userAccounts } from '../tables/accounts.ts';
import { recordNotification } from '../tables/notifications.ts';
import {
  deleteGoalRow,
  type GoalRow,
  goalAlertMonths,
  insertGoal,
  linkGoalAccounts,
  recordGoalAlert,
  updateGoalRow,
  userGoals,
} from '../tables/savings-goals.ts';
import { userRepository } from '../users/user-repository.ts';
import { goalProgress } from './goal-math.ts';

/** The notifications.kind of a goal that fell behind. */
export const GOAL_BEHIND_KIND = 'goal_behind';

interface UserDay {
  today: LocalDate;
  currency: string;
}

async function userDay(db: Db, userId: string, now: Date): Promise<UserDay> {
  const user = await userRepository.zoneAndCurrency(db, userId);
  return { today: localDateOf(now, user.timezone), currency: user.currency };
}

const invalid = (path: string, message: string) =>
  new DomainError('VALIDATION_FAILED', message, [{ path, message }]);

/** What the accounts hold towards a goal: an asset's balance, less what is owed on a card or loan. */
function savedIn(accounts: readonly Row<'accounts'>[]): Minor {
  return sumMinor(
    accounts.map((a) => (a.current_minor ?? 0) * (accountSide(a.type) === 'liability' ? -1 : 1)),
  );
}

/** The user's accounts with these ids, all in one currency; NOT_FOUND for an id that is not theirs. */
async function goalAccounts(
  db: Db,
  userId: string,
  ids: readonly string[],
  fallbackCurrency: string,
): Promise<{ accounts: Row<'accounts'>[]; currency: string }> {
  const all = await userAccounts(db, userId);
  const accounts = [...new Set(ids)].map((id) => {
    const a = all.find((x) => x.id === id);
    if (!a) throw new NotFoundError('account', id);
    return a;
  });
  const currencies = new Set(accounts.map((a) => a.currency ?? a.unofficial_currency ?? fallbackCurrency));
  if (currencies.size > 1) throw invalid('accountIds', 'a goal’s accounts must all be in one currency');
  return { accounts, currency: [...currencies][0] ?? fallbackCurrency };
}

function view(goal: GoalRow, accounts: readonly Row<'accounts'>[], today: LocalDate): Goal {
  const linked = accounts.filter((a) => goal.account_ids.includes(a.id));
  return {
    id: goal.id,
    name: goal.name,
    currency: goal.currency,
    targetMinor: goal.target_minor,
    targetDate: goal.target_date,
    startMinor: goal.start_minor,
    startDate: goal.start_date,
    accountIds: goal.account_ids,
    alertsEnabled: goal.alerts_enabled,
    progress: goalProgress(
      {
        targetMinor: goal.target_minor,
        targetDate: goal.target_date,
        startMinor: goal.start_minor,
        startDate: goal.start_date,
      },
      savedIn(linked),
      today,
    ),
  };
}

export async function listGoals(
  db: Db,
  userId: string,
  now: Date,
): Promise<{ today: LocalDate; goals: Goal[] }> {
  const { today } = await userDay(db, userId, now);
  const [goals, accounts] = await Promise.all([userGoals(db, userId), userAccounts(db, userId)]);
  return { today, goals: goals.map((g) => view(g, accounts, today)) };
}

async function oneGoal(db: Db, userId: string, goalId: string, today: LocalDate): Promise<Goal> {
  const [goal] = await userGoals(db, userId, goalId);
  if (!goal) throw new NotFoundError('goal', goalId);
  return view(goal, await userAccounts(db, userId), today);
}

/** Sets a goal; what its accounts hold today is where its plan starts. */
export async function createGoal(
  db: Db,
  userId: string,
  input: z.output<typeof GoalCreate>,
  now: Date,
): Promise<Goal> {
  const { today, currency: userCurrency } = await userDay(db, userId, now);
  if (input.targetDate <= today) throw invalid('targetDate', 'the target date must be after today');
  const { accounts, currency } = await goalAccounts(db, userId, input.accountIds, userCurrency);
  const id = await insertGoal(
    db,
    {
      user_id: userId,
      name: input.name,
      target_minor: input.targetMinor,
      currency,
      target_date: input.targetDate,
      start_date: today,
      start_minor: savedIn(accounts),
      alerts_enabled: input.alertsEnabled ?? false,
    },
    accounts.map((a) => a.id),
  );
  return oneGoal(db, userId, id, today);
}

export async function updateGoal(
  db: Db,
  userId: string,
  goalId: string,
  patch: z.output<typeof GoalPatch>,
  now: Date,
): Promise<Goal> {
  const { today, currency: userCurrency } = await userDay(db, userId, now);
  const [goal] = await userGoals(db, userId, goalId);
  if (!goal) throw new NotFoundError('goal', goalId);
  if (patch.targetDate !== undefined && patch.targetDate <= goal.start_date)
    throw invalid('targetDate', 'the target date must be after the day the goal was set');
  if (patch.accountIds !== undefined) {
    const { accounts, currency } = await goalAccounts(db, userId, patch.accountIds, userCurrency);
    if (currency !== goal.currency) throw invalid('accountIds', `the goal is in ${goal.currency}`);
    await linkGoalAccounts(
      db,
      userId,
      goalId,
      accounts.map((a) => a.id),
    );
  }
  await updateGoalRow(
    db,
    userId,
    goalId,
    {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.targetMinor !== undefined ? { target_minor: patch.targetMinor } : {}),
      ...(patch.targetDate !== undefined ? { target_date: patch.targetDate } : {}),
      ...(patch.alertsEnabled !== undefined ? { alerts_enabled: patch.alertsEnabled } : {}),
    },
    now,
  );
  return oneGoal(db, userId, goalId, today);
}

export async function deleteGoal(db: Db, userId: string, goalId: string): Promise<void> {
  if (!(await deleteGoalRow(db, userId, goalId))) throw new NotFoundError('goal', goalId);
}

/**
 * Records a goal_behind notification for each goal with alerts on that is behind its plan today, at most once
 * per goal and month (goal_alerts remembers it; the idempotency key repeats the rule, so a run that stopped half
 * way records nothing twice). The email carries only a link. Returns the ids still pending.
 */
export async function recordGoalAlerts(db: Db, userId: string, now: Date): Promise<string[]> {
  const { goals, today } = await listGoals(db, userId, now);
  const behind = goals.filter((g) => g.alertsEnabled && g.progress.status === 'behind');
  if (behind.length === 0) return [];
  const month = `${today.slice(0, 7)}-01`;
  const sent = await goalAlertMonths(db, userId, month);
  const pending: string[] = [];
  for (const g of behind) {
    if (sent.has(g.id)) continue;
    const n = await recordNotification(db, {
      userId,
      kind: GOAL_BEHIND_KIND,
      idempotencyKey: `${GOAL_BEHIND_KIND}:${g.id}:${month}`,
      payload: { goalId: g.id },
    });
    await recordGoalAlert(db, { goalId: g.id, userId, month, notificationId: n.id });
    if (n.status === 'pending') pending.push(n.id);
  }
  return pending;
}
