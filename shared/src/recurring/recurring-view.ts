import type { Kysely } from 'kysely';
import type { Cadence, Database } from '../db/database.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { Minor } from '../money/minor-units.ts';
import { localDateOf } from '../reports/local-date.ts';
import { amountBand, type UpcomingOccurrence, upcomingCalendar } from './upcoming-bills.ts';

export interface RecurringSeriesView {
  id: string;
  payee: string;
  categoryId: string | null;
  cadence: Cadence;
  direction: 'inflow' | 'outflow';
  currency: string | null;
  typicalAmountMinor: Minor;
  lowMinor: Minor;
  highMinor: Minor;
  lastAmountMinor: Minor;
  lastDate: string;
  nextExpectedDate: string;
  status: 'active' | 'late' | 'missed' | 'ended';
  source: 'detected' | 'plaid';
}

export interface RecurringView {
  series: RecurringSeriesView[];
  upcoming: {
    from: string;
    to: string;
    occurrences: UpcomingOccurrence[];
    outflowMinor: Minor;
    inflowMinor: Minor;
  };
}

/**
 * Every recurring series of the user (as refresh-recurring-series keeps them) with its amount band, and the
 * expected payments of the next `days` days from today in the user's zone, in the user's currency.
 */
export async function recurringView(
  db: Kysely<Database>,
  userId: string,
  now: Date,
  days: number,
): Promise<RecurringView> {
  const user = await db
    .selectFrom('users')
    .select(['timezone', 'currency'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new DomainError('UNAUTHENTICATED', 'the account no longer exists');
  const rows = await db
    .selectFrom('recurring_series')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('next_expected_date')
    .orderBy('payee')
    .execute();
  const series: RecurringSeriesView[] = rows.map((r) => ({
    id: r.id,
    payee: r.payee,
    categoryId: r.category_id,
    cadence: r.cadence,
    direction: r.direction,
    currency: r.currency,
    typicalAmountMinor: r.typical_amount_minor,
    ...amountBand(r.typical_amount_minor),
    lastAmountMinor: r.last_amount_minor,
    lastDate: r.last_date,
    nextExpectedDate: r.next_expected_date,
    status: r.status,
    source: r.source,
  }));
  const home = user.currency.toUpperCase();
  const upcoming = upcomingCalendar(
    series.filter((s) => s.currency === null || s.currency.toUpperCase() === home),
    localDateOf(now, user.timezone),
    days,
  );
  return { series, upcoming };
}
