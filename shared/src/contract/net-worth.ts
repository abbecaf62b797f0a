import { z } from 'zod';
import { Id, IsoDate, MinorUnits } from './common.ts';

/** Net worth over time (issue 18): balances walked back from today's, replaced by bank snapshots. Browser-safe. */

/** At most ten years in one request. */
export const NET_WORTH_MAX_DAYS = 3660;

export const NetWorthQuery = z
  .object({ from: IsoDate.optional(), to: IsoDate.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine(
    (q) =>
      !q.from ||
      !q.to ||
      (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000 < NET_WORTH_MAX_DAYS,
    { message: `at most ${NET_WORTH_MAX_DAYS} days`, path: ['to'] },
  );

export const NetWorthBalancePoint = z.object({
  date: IsoDate,
  /** Held for an asset, owed for a card or loan (a debt: subtracted in net worth). */
  balanceMinor: MinorUnits,
  /** True when walked back through the transactions; false on a day the bank reported the balance. */
  estimated: z.boolean(),
});

export const NetWorthAccount = z.object({
  accountId: Id,
  name: z.string(),
  type: z.string(),
  side: z.enum(['asset', 'liability']),
  currency: z.string(),
  points: z.array(NetWorthBalancePoint),
});

export const NetWorthDay = z.object({
  date: IsoDate,
  assetsMinor: MinorUnits,
  /** What is owed on cards and loans, positive. */
  liabilitiesMinor: MinorUnits,
  netMinor: MinorUnits,
  estimated: z.boolean(),
});

export const NetWorthTotal = z.object({ currency: z.string(), points: z.array(NetWorthDay) });

export const NetWorthHistory = z.object({
  from: IsoDate,
  to: IsoDate,
  /** The user's today: the day the current balances are true for. */
  today: IsoDate,
  /** True when any point is an estimate. */
  estimated: z.boolean(),
  accounts: z.array(NetWorthAccount),
  /** One per currency (never added together), the currency with the most accounts first. */
  totals: z.array(NetWorthTotal),
});
export type NetWorthHistory = z.infer<typeof NetWorthHistory>;
