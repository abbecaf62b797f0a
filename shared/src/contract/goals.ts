import { z } from 'zod';
import { Id, IsoDate, MinorUnits } from './common.ts';
import { text } from './text.ts';

/** Savings goals (issue 18): a target by a date, saved in one or more of the user's accounts. Browser-safe. */

/** A positive target in minor units; at most 10^13 (a hundred billion in a two-decimal currency). */
export const GoalTargetMinor = z.number().int().min(1).max(10_000_000_000_000);

export const GoalCreate = z
  .object({
    name: text().min(1).max(100),
    targetMinor: GoalTargetMinor,
    targetDate: IsoDate,
    /** The accounts whose balances are what is saved (a card or loan counts as what is owed, negative). */
    accountIds: z.array(Id).min(1).max(20),
    alertsEnabled: z.boolean().optional(),
  })
  .strict();

export const GoalPatch = z
  .object({
    name: text().min(1).max(100).optional(),
    targetMinor: GoalTargetMinor.optional(),
    targetDate: IsoDate.optional(),
    accountIds: z.array(Id).min(1).max(20).optional(),
    alertsEnabled: z.boolean().optional(),
  })
  .strict();

export const GoalProgress = z.object({
  savedMinor: MinorUnits,
  remainingMinor: MinorUnits,
  percent: z.number().int(),
  monthsLeft: z.number().int(),
  monthlyNeededMinor: MinorUnits,
  expectedMinor: MinorUnits,
  status: z.enum(['achieved', 'onTrack', 'behind', 'overdue']),
});

export const Goal = z.object({
  id: Id,
  name: z.string(),
  currency: z.string(),
  targetMinor: MinorUnits,
  targetDate: IsoDate,
  startMinor: MinorUnits,
  startDate: IsoDate,
  accountIds: z.array(Id),
  alertsEnabled: z.boolean(),
  progress: GoalProgress,
});
export type Goal = z.infer<typeof Goal>;

export const GoalList = z.object({ today: IsoDate, goals: z.array(Goal) });
