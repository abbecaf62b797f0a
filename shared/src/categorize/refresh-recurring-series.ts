import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { inTransaction } from './categorization-store.ts';
import { cleanPayee } from './clean-payee.ts';
import { type DetectedSeries, detectRecurringSeries } from './detect-recurring.ts';

/**
 * Re-detects the user's recurring series from their posted, non-transfer transactions and upserts
 * recurring_series (status late/missed/ended as of `today`, the user's local date). Returns what it found,
 * including price changes, for notifications.
 */
export async function refreshRecurringSeries(
  db: Kysely<Database>,
  userId: string,
  today: string,
): Promise<DetectedSeries[]> {
  return inTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom('transactions')
      .select(['id', 'date', 'amount_minor', 'currency', 'payee', 'raw_name', 'merchant_name', 'category_id'])
      .where('user_id', '=', userId)
      .where('pending', '=', false)
      .where('is_transfer', '=', false)
      .execute();
    const series = detectRecurringSeries(
      rows.map((r) => ({
        id: r.id,
        date: String(r.date),
        amountMinor: Number(r.amount_minor),
        currency: r.currency,
        payee: r.payee ?? cleanPayee(r.raw_name, r.merchant_name),
        categoryId: r.category_id,
      })),
      today,
    );
    for (const s of series) {
      const values = {
        payee: s.payee,
        category_id: s.categoryId,
        cadence: s.cadence,
        direction: s.direction,
        typical_amount_minor: s.typicalAmountMinor,
        last_amount_minor: s.lastAmountMinor,
        currency: s.currency,
        last_date: s.lastDate,
        next_expected_date: s.nextExpectedDate,
        status: s.status,
        updated_at: new Date(),
      };
      await trx
        .insertInto('recurring_series')
        .values({ user_id: userId, series_key: s.seriesKey, source: 'detected', ...values })
        .onConflict((oc) => oc.columns(['user_id', 'series_key']).doUpdateSet(values))
        .execute();
    }
    return series;
  });
}
