import { z } from 'zod';
import { Id, IsoDate } from './common.ts';
import { text } from './text.ts';

/** Monthly budgets (issue 18): tracking-style limits per category or group, and the month's income. Browser-safe. */

/** A budget month, 'YYYY-MM', from 1970 to 9999. */
export const BudgetMonth = text()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')
  .refine((s) => s >= '1970-01', 'expected a month from 1970');

/** A non-negative limit in minor units; at most 10^13 (a hundred billion in a two-decimal currency). */
export const BudgetLimitMinor = z.number().int().min(0).max(10_000_000_000_000);

export const RolloverMode = z.enum(['none', 'surplus', 'surplusAndDeficit']);

export const BudgetMonthQuery = z.object({ month: BudgetMonth.optional() }).strict();

export const BudgetCreate = z
  .object({
    month: BudgetMonth,
    kind: z.enum(['spending', 'income']).default('spending'),
    /** The spending category or group; omitted or null for the income budget. */
    categoryId: Id.nullable().optional(),
    limitMinor: BudgetLimitMinor,
    rollover: RolloverMode.optional(),
    alertsEnabled: z.boolean().optional(),
  })
  .strict();

export const BudgetPatch = z
  .object({
    /** The month whose limit changes (set if it had none). */
    month: BudgetMonth,
    limitMinor: BudgetLimitMinor.optional(),
    rollover: RolloverMode.optional(),
    alertsEnabled: z.boolean().optional(),
  })
  .strict();

export const BudgetCopyRequest = z.object({ month: BudgetMonth }).strict();
export const BudgetCopyResult = z.object({ copied: z.number().int().min(0) });

export const BudgetPace = z.object({
  daysElapsed: z.number().int(),
  daysInMonth: z.number().int(),
  daysLeft: z.number().int(),
  expectedMinor: z.number().int(),
  percentUsed: z.number().int().nullable(),
  leftPerDayMinor: z.number().int(),
  status: z.enum(['underPace', 'onPace', 'overPace', 'overBudget']),
});

export const Budget = z.object({
  id: Id,
  kind: z.enum(['spending', 'income']),
  categoryId: Id.nullable(),
  name: z.string(),
  isGroup: z.boolean(),
  rollover: RolloverMode,
  alertsEnabled: z.boolean(),
  month: z.string(),
  limitMinor: z.number().int(),
  carryInMinor: z.number().int(),
  availableMinor: z.number().int(),
  /** Counted spending on the category or group this month (counted income for the income budget). */
  actualMinor: z.number().int(),
  remainingMinor: z.number().int(),
  pace: BudgetPace,
});

export const BudgetMonthView = z.object({
  month: z.string(),
  today: IsoDate,
  currency: z.string(),
  budgets: z.array(Budget),
  spentMinor: z.number().int(),
  incomeMinor: z.number().int(),
  plannedIncomeMinor: z.number().int(),
  leftToSpendMinor: z.number().int(),
  leftToBudgetMinor: z.number().int(),
});

export const BudgetSuggestion = z.object({
  kind: z.enum(['spending', 'income']),
  categoryId: Id.nullable(),
  name: z.string(),
  monthlyMinor: z.array(z.number().int()),
  suggestedMinor: z.number().int(),
  budgetId: Id.nullable(),
});

export const BudgetSuggestionList = z.object({ month: z.string(), suggestions: z.array(BudgetSuggestion) });
