import { type Kysely, sql } from 'kysely';
import { nextDate } from '../categorize/detect-recurring.ts';
import type { Cadence, Database } from '../db/database.ts';
import { deleteUserRow, userRow } from '../db/user-row.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import type { Minor } from '../money/minor-units.ts';
import { localDateOf } from '../reports/local-date.ts';
import { userRepository } from '../users/user-repository.ts';
import type { SeriesPriceChange } from './price-change.ts';
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
  source: 'detected' | 'plaid' | 'manual';
  /** The account the series is paid from (its latest payment's, or the one named when added by hand). */
  accountId: string | null;
  /** The user's word: confirmed, dismissed (left out of the calendar), or not said yet. */
  decision: 'confirmed' | 'dismissed' | null;
  /** Whether the cadence or the typical amount is the user's correction rather than detection's. */
  edited: boolean;
  /** The last payment moved off the steady amount (an outgoing series only); null otherwise. */
  priceChange: SeriesPriceChange | null;
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
  const user = await userRepository.zoneAndCurrency(db, userId);
  const series = await seriesViews(db, userId);
  const home = user.currency.toUpperCase();
  const upcoming = upcomingCalendar(
    series.filter(
      (s) => s.decision !== 'dismissed' && (s.currency === null || s.currency.toUpperCase() === home),
    ),
    localDateOf(now, user.timezone),
    days,
  );
  return { series, upcoming };
}

/** The user's series with their decisions applied (a corrected cadence moves the next expected date). */
async function seriesViews(
  db: Kysely<Database>,
  userId: string,
  seriesId?: string,
): Promise<RecurringSeriesView[]> {
  const rows = await db
    .selectFrom('recurring_series as s')
    .leftJoin('recurring_decisions as d', (j) =>
      j.onRef('d.series_id', '=', 's.id').on('d.user_id', '=', userId),
    )
    .selectAll('s')
    .select(['d.decision', 'd.cadence as user_cadence', 'd.amount_minor as user_amount_minor'])
    .where('s.user_id', '=', userId)
    .$if(seriesId !== undefined, (q) => q.where('s.id', '=', seriesId!))
    .orderBy('s.next_expected_date')
    .orderBy('s.payee')
    .execute();
  return rows.map((r) => {
    const cadence = r.user_cadence ?? r.cadence;
    const typical = r.user_amount_minor ?? r.typical_amount_minor;
    return {
      id: r.id,
      payee: r.payee,
      categoryId: r.category_id,
      cadence,
      direction: r.direction,
      currency: r.currency,
      typicalAmountMinor: typical,
      ...amountBand(typical),
      lastAmountMinor: r.last_amount_minor,
      lastDate: r.last_date,
      // A bill added by hand keeps its own schedule (refreshManualBills moves it as it is paid).
      nextExpectedDate:
        r.user_cadence && r.source !== 'manual'
          ? nextDate(r.last_date, r.user_cadence)
          : r.next_expected_date,
      status: r.status,
      source: r.source,
      decision: r.decision ?? null,
      edited: r.user_cadence !== null || r.user_amount_minor !== null,
      accountId: r.account_id,
      // Detection's verdict: a steady amount that moved on the last payment (never a bill that varies anyway).
      priceChange:
        r.previous_amount_minor === null
          ? null
          : { previousMinor: r.previous_amount_minor, currentMinor: r.last_amount_minor },
    };
  });
}

export interface RecurringDecisionPatch {
  decision?: 'confirmed' | 'dismissed' | null | undefined;
  cadence?: Cadence | null | undefined;
  typicalAmountMinor?: Minor | null | undefined;
}

/** Confirms, dismisses or corrects one of the user's series (null clears a field); returns the series as shown. */
export async function decideRecurring(
  db: Kysely<Database>,
  userId: string,
  seriesId: string,
  patch: RecurringDecisionPatch,
): Promise<RecurringSeriesView> {
  const exists = await userRow(db, 'recurring_series', userId, seriesId).select('id').executeTakeFirst();
  if (!exists) throw new NotFoundError('recurring series', seriesId);
  const set = {
    ...(patch.decision !== undefined ? { decision: patch.decision } : {}),
    ...(patch.cadence !== undefined ? { cadence: patch.cadence } : {}),
    ...(patch.typicalAmountMinor !== undefined ? { amount_minor: patch.typicalAmountMinor } : {}),
    updated_at: new Date(),
  };
  await db
    .insertInto('recurring_decisions')
    .values({ series_id: seriesId, user_id: userId, ...set })
    .onConflict((c) => c.column('series_id').doUpdateSet(set))
    .execute();
  const [view] = await seriesViews(db, userId, seriesId);
  return view!;
}

export interface SeriesByHand {
  payee: string;
  cadence: Cadence;
  direction: 'inflow' | 'outflow';
  amountMinor: Minor;
  /** The next date it is expected on. */
  nextDate: string;
  accountId?: string | null | undefined;
}

/**
 * Adds a series detection did not find (a yearly fee, a new lease): source 'manual', which detection never
 * rewrites or ends. Paid from the named account (which must be the user's), in its currency.
 */
export async function addSeriesByHand(
  db: Kysely<Database>,
  userId: string,
  input: SeriesByHand,
  now: Date,
): Promise<RecurringSeriesView> {
  const user = await userRepository.zoneAndCurrency(db, userId);
  let currency = user.currency;
  if (input.accountId) {
    const account = await userRow(db, 'accounts', userId, input.accountId)
      .select(['currency', 'unofficial_currency'])
      .executeTakeFirst();
    if (!account) throw new NotFoundError('account', input.accountId);
    currency = account.currency ?? account.unofficial_currency ?? currency;
  }
  const row = await db
    .insertInto('recurring_series')
    .values({
      user_id: userId,
      series_key: sql<string>`'manual:' || gen_random_uuid()`,
      payee: input.payee,
      cadence: input.cadence,
      direction: input.direction,
      typical_amount_minor: input.amountMinor,
      last_amount_minor: input.amountMinor,
      currency,
      // Nothing was paid yet as far as finsync knows: "last" is the day it was added.
      last_date: localDateOf(now, user.timezone),
      next_expected_date: input.nextDate,
      source: 'manual',
      account_id: input.accountId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [view] = await seriesViews(db, userId, row.id);
  return view!;
}

/** Deletes a series added by hand; a detected one is dismissed instead (detection would bring it back). */
export async function deleteSeriesByHand(
  db: Kysely<Database>,
  userId: string,
  seriesId: string,
): Promise<void> {
  const row = await userRow(db, 'recurring_series', userId, seriesId).select('source').executeTakeFirst();
  if (!row) throw new NotFoundError('recurring series', seriesId);
  if (row.source !== 'manual')
    throw new DomainError('CONFLICT', 'only a series added by hand can be deleted; dismiss a detected one');
  await deleteUserRow(db, 'recurring_series', userId, seriesId);
}
