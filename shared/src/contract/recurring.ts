import { z } from 'zod';
import { Id, IsoDate } from './common.ts';
import { text } from './text.ts';

/** Recurring series and upcoming bills (issue 18). Browser-safe. */

export const RecurringQuery = z.object({ days: z.coerce.number().int().min(1).max(92).default(30) }).strict();

/** How often a recurring series comes back. */
export const Cadence = z.enum(['weekly', 'biweekly', 'semimonthly', 'monthly', 'quarterly', 'yearly']);

export const RecurringSeries = z.object({
  id: Id,
  payee: z.string(),
  categoryId: Id.nullable(),
  cadence: Cadence,
  direction: z.enum(['inflow', 'outflow']),
  currency: z.string().nullable(),
  typicalAmountMinor: z.number().int(),
  lowMinor: z.number().int(),
  highMinor: z.number().int(),
  lastAmountMinor: z.number().int(),
  lastDate: IsoDate,
  nextExpectedDate: IsoDate,
  status: z.enum(['active', 'late', 'missed', 'ended']),
  source: z.enum(['detected', 'plaid', 'manual']),
  /** The account it is paid from: its latest payment's, or the one named when it was added by hand. */
  accountId: Id.nullable(),
  decision: z.enum(['confirmed', 'dismissed']).nullable(),
  edited: z.boolean(),
  /** "Netflix went from $15.49 to $17.99": the last payment moved off the steady amount (outgoing only). */
  priceChange: z.object({ previousMinor: z.number().int(), currentMinor: z.number().int() }).nullable(),
});

/** The user's word on a series: confirm or dismiss it, correct its cadence or typical amount (null clears). */
export const RecurringPatch = z
  .object({
    decision: z.enum(['confirmed', 'dismissed']).nullable().optional(),
    cadence: Cadence.nullable().optional(),
    typicalAmountMinor: z.number().int().min(1).max(10_000_000_000_000).nullable().optional(),
  })
  .strict();

/** A series added by hand (one detection did not find). */
export const RecurringCreate = z
  .object({
    payee: text().min(1).max(100),
    cadence: Cadence,
    direction: z.enum(['inflow', 'outflow']).default('outflow'),
    amountMinor: z.number().int().min(1).max(10_000_000_000_000),
    nextDate: IsoDate,
    accountId: Id.nullable().optional(),
  })
  .strict();

/** The bank's own recurring streams (Plaid /transactions/recurring/get), each with the series finsync found. */
export const BankRecurringCheck = z.object({
  streams: z.array(
    z.object({
      description: z.string(),
      merchantName: z.string().nullable(),
      direction: z.enum(['inflow', 'outflow']),
      lastDate: IsoDate,
      isActive: z.boolean(),
      /** finsync's series for the same merchant and direction; null when only the bank sees it. */
      seriesId: Id.nullable(),
    }),
  ),
  /** Connections that could not answer (an error, the product not enabled). */
  unavailable: z.number().int(),
});

export const UpcomingOccurrence = z.object({
  seriesId: Id,
  payee: z.string(),
  date: IsoDate,
  direction: z.enum(['inflow', 'outflow']),
  expectedMinor: z.number().int(),
  overdue: z.boolean(),
});

export const RecurringView = z.object({
  series: z.array(RecurringSeries),
  upcoming: z.object({
    from: IsoDate,
    to: IsoDate,
    occurrences: z.array(UpcomingOccurrence),
    outflowMinor: z.number().int(),
    inflowMinor: z.number().int(),
  }),
});
