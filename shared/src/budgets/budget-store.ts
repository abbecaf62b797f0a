import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { deleteUserRow, userRow, userRows } from '../db/user-row.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import { dashboardSummary } from '../ledger/dashboard-summary.ts';
import { currencyExponent } from '../money/currency.ts';
import type { Minor } from '../money/minor-units.ts';
import { userRepository } from '../users/user-repository.ts';
import {
  type BudgetMonth,
  carryInto,
  firstDayOf,
  lastDayOf,
  leftToSpend,
  type Pace,
  paceOf,
  type RolloverMode,
  shiftMonth,
  spentOnTarget,
  suggestLimit,
  todayIn,
} from './budget-math.ts';

/*
 * Owner of the budgets, budget_months and budget_alerts tables. Every function runs inside the caller's
 * user-scoped transaction (withUser), so row-level security holds as well as the user_id filters.
 * Spending comes only from dashboardSummary (the cash-flow definition in SQL) for each calendar month.
 */

/** Rollover is carried at most this many months back: older months no longer change a carry. */
export const ROLLOVER_MONTHS = 12;

export interface BudgetLine {
  id: string;
  kind: 'spending' | 'income';
  categoryId: string | null;
  name: string;
  isGroup: boolean;
  rollover: RolloverMode;
  alertsEnabled: boolean;
  month: BudgetMonth;
  limitMinor: Minor;
  carryInMinor: Minor;
  /** Limit plus what rolled in. */
  availableMinor: Minor;
  /** Spending on the category or group (income for the income budget) counted this month. */
  actualMinor: Minor;
  remainingMinor: Minor;
  pace: Pace;
}

export interface BudgetMonthView {
  month: BudgetMonth;
  today: string;
  currency: string;
  budgets: BudgetLine[];
  spentMinor: Minor;
  incomeMinor: Minor;
  plannedIncomeMinor: Minor;
  leftToSpendMinor: Minor;
  leftToBudgetMinor: Minor;
}

type Db = Kysely<Database>;

interface MonthTotals {
  spentByCategory: Map<string, Minor>;
  spentMinor: Minor;
  incomeMinor: Minor;
}

/** The current month in the user's time zone. */
export async function currentMonth(db: Db, userId: string, now: Date): Promise<BudgetMonth> {
  const { timezone } = await userRepository.zoneAndCurrency(db, userId);
  return todayIn(now, timezone).slice(0, 7);
}

async function monthTotals(
  db: Db,
  userId: string,
  month: BudgetMonth,
  through?: string,
): Promise<MonthTotals> {
  const last = lastDayOf(month);
  const to = through !== undefined && through < last ? through : last;
  const s = await dashboardSummary(db, userId, { from: firstDayOf(month), to });
  const spentByCategory = new Map<string, Minor>();
  for (const c of s.byCategory) spentByCategory.set(c.categoryId ?? '', c.spentMinor);
  return { spentByCategory, spentMinor: s.spentMinor, incomeMinor: s.incomeMinor };
}

async function parentMap(db: Db, userId: string) {
  const rows = await userRows(db, 'categories', userId)
    .select(['id', 'parent_id', 'name', 'is_group', 'kind'])
    .execute();
  return {
    rows,
    parentOf: new Map(rows.map((r) => [r.id, r.parent_id] as const)),
  };
}

/**
 * Every budget with a limit in `month`, with spending, carry and pace, and the month's left to spend. With
 * `through` (a report's last day), spending and pace are as of that day; earlier months always count whole.
 */
export async function budgetMonth(
  db: Db,
  userId: string,
  month: BudgetMonth,
  now: Date,
  options: { through?: string } = {},
): Promise<BudgetMonthView> {
  const user = await userRepository.zoneAndCurrency(db, userId);
  const today = options.through ?? todayIn(now, user.timezone);
  const from = firstDayOf(shiftMonth(month, -ROLLOVER_MONTHS));
  const budgets = await db
    .selectFrom('budgets as b')
    .leftJoin('categories as c', (j) => j.onRef('c.id', '=', 'b.category_id').on('c.user_id', '=', userId))
    .select(['b.id', 'b.kind', 'b.category_id', 'b.rollover', 'b.alerts_enabled', 'c.name', 'c.is_group'])
    .where('b.user_id', '=', userId)
    .execute();
  const limits = await db
    .selectFrom('budget_months')
    .select(['budget_id', 'month', 'limit_minor'])
    .where('user_id', '=', userId)
    .where('month', '>=', from)
    .where('month', '<=', firstDayOf(month))
    .execute();
  const limitOf = new Map(limits.map((l) => [`${l.budget_id}|${l.month.slice(0, 7)}`, l.limit_minor]));
  const { parentOf } = await parentMap(db, userId);

  const totals = new Map<BudgetMonth, MonthTotals>();
  const totalsOf = async (m: BudgetMonth) => {
    let t = totals.get(m);
    if (!t) {
      t = await monthTotals(db, userId, m);
      totals.set(m, t);
    }
    return t;
  };
  const actualOf = (b: (typeof budgets)[number], t: MonthTotals) =>
    b.kind === 'income' ? t.incomeMinor : spentOnTarget(t.spentByCategory, b.category_id!, parentOf);

  const current = await monthTotals(db, userId, month, options.through);
  const lines: BudgetLine[] = [];
  for (const b of budgets) {
    const limitMinor = limitOf.get(`${b.id}|${month}`);
    if (limitMinor === undefined) continue;
    let carryInMinor = 0;
    if (b.rollover !== 'none' && b.kind === 'spending') {
      // The unbroken run of earlier months with a limit, oldest first, ending in this month.
      const chain: { month: BudgetMonth; limitMinor: Minor | null; spentMinor: Minor }[] = [];
      for (let back = 1; back <= ROLLOVER_MONTHS; back++) {
        const m = shiftMonth(month, -back);
        const limit = limitOf.get(`${b.id}|${m}`);
        if (limit === undefined) break;
        chain.unshift({ month: m, limitMinor: limit, spentMinor: actualOf(b, await totalsOf(m)) });
      }
      chain.push({ month, limitMinor, spentMinor: 0 });
      carryInMinor = carryInto(b.rollover, chain);
    }
    const availableMinor = limitMinor + carryInMinor;
    const actualMinor = actualOf(b, current);
    lines.push({
      id: b.id,
      kind: b.kind,
      categoryId: b.category_id,
      name: b.kind === 'income' ? 'Income' : (b.name ?? 'Unknown'),
      isGroup: b.is_group ?? false,
      rollover: b.rollover,
      alertsEnabled: b.alerts_enabled,
      month,
      limitMinor,
      carryInMinor,
      availableMinor,
      actualMinor,
      remainingMinor: availableMinor - actualMinor,
      pace: paceOf(month, today, availableMinor, actualMinor),
    });
  }
  lines.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'income' ? -1 : 1));
  const income = lines.find((l) => l.kind === 'income');
  const totalsLeft = leftToSpend(
    income?.limitMinor ?? null,
    current.incomeMinor,
    current.spentMinor,
    lines.filter((l) => l.kind === 'spending').map((l) => l.limitMinor),
  );
  return {
    month,
    today,
    currency: user.currency.toUpperCase(),
    budgets: lines,
    spentMinor: current.spentMinor,
    incomeMinor: current.incomeMinor,
    ...totalsLeft,
  };
}

export interface BudgetCreate {
  month: BudgetMonth;
  kind: 'spending' | 'income';
  categoryId?: string | null | undefined;
  limitMinor: Minor;
  rollover?: RolloverMode | undefined;
  alertsEnabled?: boolean | undefined;
}

async function lineOf(
  db: Db,
  userId: string,
  id: string,
  month: BudgetMonth,
  now: Date,
): Promise<BudgetLine> {
  const view = await budgetMonth(db, userId, month, now);
  const line = view.budgets.find((b) => b.id === id);
  if (!line) throw new NotFoundError('budget', id);
  return line;
}

/**
 * Sets a limit for a month: a new budget for its category (or the income budget), or the month's limit of the
 * existing one. A month that already has a limit for that category is a conflict (PATCH changes it).
 */
export async function createBudget(
  db: Db,
  userId: string,
  input: BudgetCreate,
  now: Date,
): Promise<BudgetLine> {
  const categoryId = input.kind === 'income' ? null : (input.categoryId ?? null);
  if (input.kind === 'spending') {
    if (!categoryId)
      throw new DomainError('VALIDATION_FAILED', 'a spending budget needs a category', [
        { path: 'body.categoryId', message: 'required for a spending budget' },
      ]);
    const category = await userRow(db, 'categories', userId, categoryId).select(['kind']).executeTakeFirst();
    if (!category) throw new NotFoundError('category', categoryId);
    if (category.kind !== 'expense')
      throw new DomainError('VALIDATION_FAILED', 'only spending categories can have a spending budget', [
        {
          path: 'body.categoryId',
          message: `${category.kind === 'income' ? 'an income' : 'a transfer'} category is never counted as spending`,
        },
      ]);
  }
  let query = db
    .selectFrom('budgets')
    .select(['id'])
    .where('user_id', '=', userId)
    .where('kind', '=', input.kind);
  if (categoryId) query = query.where('category_id', '=', categoryId);
  let budget = await query.executeTakeFirst();
  if (!budget) {
    budget = await db
      .insertInto('budgets')
      .values({
        user_id: userId,
        kind: input.kind,
        category_id: categoryId,
        rollover: input.kind === 'income' ? 'none' : (input.rollover ?? 'none'),
        alerts_enabled: input.alertsEnabled ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  } else {
    await db
      .updateTable('budgets')
      .set({
        ...(input.rollover && input.kind === 'spending' ? { rollover: input.rollover } : {}),
        ...(input.alertsEnabled !== undefined ? { alerts_enabled: input.alertsEnabled } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', budget.id)
      .execute();
  }
  const inserted = await db
    .insertInto('budget_months')
    .values({
      budget_id: budget.id,
      user_id: userId,
      month: firstDayOf(input.month),
      limit_minor: input.limitMinor,
    })
    .onConflict((c) => c.columns(['budget_id', 'month']).doNothing())
    .returning('budget_id')
    .executeTakeFirst();
  if (!inserted)
    throw new DomainError(
      'CONFLICT',
      `this budget already has a limit for ${input.month}; change it instead`,
      {
        id: budget.id,
      },
    );
  return lineOf(db, userId, budget.id, input.month, now);
}

export interface BudgetPatch {
  month: BudgetMonth;
  limitMinor?: Minor | undefined;
  rollover?: RolloverMode | undefined;
  alertsEnabled?: boolean | undefined;
}

/** Changes one month's limit (setting it if the month had none) and the budget's rollover and alerts. */
export async function updateBudget(
  db: Db,
  userId: string,
  id: string,
  patch: BudgetPatch,
  now: Date,
): Promise<BudgetLine> {
  const budget = await userRow(db, 'budgets', userId, id).select(['id', 'kind']).executeTakeFirst();
  if (!budget) throw new NotFoundError('budget', id);
  if (patch.rollover && patch.rollover !== 'none' && budget.kind === 'income')
    throw new DomainError('VALIDATION_FAILED', 'the income budget does not roll over', [
      { path: 'body.rollover', message: 'only spending budgets roll over' },
    ]);
  await db
    .updateTable('budgets')
    .set({
      ...(patch.rollover ? { rollover: patch.rollover } : {}),
      ...(patch.alertsEnabled !== undefined ? { alerts_enabled: patch.alertsEnabled } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
  if (patch.limitMinor !== undefined) {
    await db
      .insertInto('budget_months')
      .values({
        budget_id: id,
        user_id: userId,
        month: firstDayOf(patch.month),
        limit_minor: patch.limitMinor,
      })
      .onConflict((c) => c.columns(['budget_id', 'month']).doUpdateSet({ limit_minor: patch.limitMinor! }))
      .execute();
  }
  return lineOf(db, userId, id, patch.month, now);
}

/** Deletes a budget with all its months and sent alerts. */
export async function deleteBudget(db: Db, userId: string, id: string): Promise<void> {
  if (!(await deleteUserRow(db, 'budgets', userId, id))) throw new NotFoundError('budget', id);
}

/** Gives every budget that had a limit last month and has none in `month` last month's limit. */
export async function copyLastMonth(db: Db, userId: string, month: BudgetMonth): Promise<{ copied: number }> {
  const previous = await db
    .selectFrom('budget_months')
    .select(['budget_id', 'limit_minor'])
    .where('user_id', '=', userId)
    .where('month', '=', firstDayOf(shiftMonth(month, -1)))
    .execute();
  if (previous.length === 0) return { copied: 0 };
  const inserted = await db
    .insertInto('budget_months')
    .values(
      previous.map((p) => ({
        budget_id: p.budget_id,
        user_id: userId,
        month: firstDayOf(month),
        limit_minor: p.limit_minor,
      })),
    )
    .onConflict((c) => c.columns(['budget_id', 'month']).doNothing())
    .returning('budget_id')
    .execute();
  return { copied: inserted.length };
}

export interface BudgetSuggestion {
  kind: 'spending' | 'income';
  categoryId: string | null;
  name: string;
  /** Counted spending (income) of each of the 3 months before, oldest first. */
  monthlyMinor: Minor[];
  suggestedMinor: Minor;
  /** The budget already set for the month, if any. */
  budgetId: string | null;
}

/**
 * Suggestions for `month` from the 3 months before it: the income, and every spending category with spending
 * then, each at the average rounded up to a whole currency unit.
 */
export async function suggestBudgets(
  db: Db,
  userId: string,
  month: BudgetMonth,
): Promise<BudgetSuggestion[]> {
  const user = await userRepository.zoneAndCurrency(db, userId);
  const unit = 10 ** currencyExponent(user.currency);
  const months = [3, 2, 1].map((back) => shiftMonth(month, -back));
  const totals: MonthTotals[] = [];
  for (const m of months) totals.push(await monthTotals(db, userId, m));
  const { rows } = await parentMap(db, userId);
  const existing = await db
    .selectFrom('budget_months as m')
    .innerJoin('budgets as b', 'b.id', 'm.budget_id')
    .select(['b.id', 'b.kind', 'b.category_id'])
    .where('m.user_id', '=', userId)
    .where('m.month', '=', firstDayOf(month))
    .execute();
  const budgetFor = (kind: string, categoryId: string | null) =>
    existing.find((e) => e.kind === kind && e.category_id === categoryId)?.id ?? null;
  const suggestions: BudgetSuggestion[] = [];
  const incomes = totals.map((t) => t.incomeMinor);
  if (incomes.some((v) => v > 0))
    suggestions.push({
      kind: 'income',
      categoryId: null,
      name: 'Income',
      monthlyMinor: incomes,
      // Income is planned low rather than high: the average rounded down to a whole unit.
      suggestedMinor:
        Math.floor(
          Math.max(
            0,
            incomes.reduce((a, b) => a + b, 0),
          ) /
            3 /
            unit,
        ) * unit,
      budgetId: budgetFor('income', null),
    });
  for (const c of rows) {
    if (c.kind !== 'expense' || c.is_group) continue;
    const monthlyMinor = totals.map((t) => t.spentByCategory.get(c.id) ?? 0);
    const suggestedMinor = suggestLimit(monthlyMinor, unit);
    if (suggestedMinor <= 0) continue;
    suggestions.push({
      kind: 'spending',
      categoryId: c.id,
      name: c.name,
      monthlyMinor,
      suggestedMinor,
      budgetId: budgetFor('spending', c.id),
    });
  }
  return suggestions.sort((a, b) =>
    a.kind === b.kind
      ? b.suggestedMinor - a.suggestedMinor || a.name.localeCompare(b.name)
      : a.kind === 'income'
        ? -1
        : 1,
  );
}
