import { type Kysely, sql } from 'kysely';
import { cleanPayee, merchantKey } from '../categorize/clean-payee.ts';
import {
  type DetectedSeries,
  detectRecurringSeries,
  seriesStateAsOf,
} from '../categorize/detect-recurring.ts';
import { seriesKeyColumns, transactionSeriesKey } from '../categorize/transaction-series-key.ts';
import type { Database } from '../db/database.ts';
import { storeSeriesKeys } from '../tables/transactions.ts';
import { inTransaction } from './categorization-store.ts';
import { paysDebtSql } from './debt-payments.ts';

/**
 * What the bank's own recurring detection (Plaid /transactions/recurring/get) says about one stream: a
 * second signal next to ours. A later payment it saw, or a stream it calls inactive, overrides a late or
 * missed verdict of ours.
 */
export interface BankRecurringStream {
  description: string;
  merchantName: string | null;
  direction: 'inflow' | 'outflow';
  lastDate: string;
  isActive: boolean;
}

/**
 * Re-detects the user's recurring series from their posted transactions (transfers left out, except debt
 * payments: a card or loan payment is a bill) and upserts recurring_series (status late/missed/ended as of
 * `today`, the user's local date), checked against the bank's own streams when given. Returns what it
 * found, including price changes, for notifications.
 */
export async function refreshRecurringSeries(
  db: Kysely<Database>,
  userId: string,
  today: string,
  bankStreams: readonly BankRecurringStream[] = [],
): Promise<DetectedSeries[]> {
  return inTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom('transactions as t')
      .select(['t.id', 't.account_id', 't.date', 't.category_id', 't.series_key', ...seriesKeyColumns])
      .select(paysDebtSql.as('pays_debt'))
      .where('t.user_id', '=', userId)
      .where('t.pending', '=', false)
      .where((eb) => eb.or([eb('t.is_transfer', '=', false), eb(paysDebtSql, '=', sql<boolean>`true`)]))
      .execute();
    const series = detectRecurringSeries(
      rows.map((r) => ({
        id: r.id,
        date: String(r.date),
        amountMinor: Number(r.amount_minor),
        currency: r.currency,
        payee: r.payee ?? cleanPayee(r.raw_name, r.merchant_name),
        categoryId: r.category_id,
        paysDebt: r.pays_debt,
      })),
      today,
    ).map((s) => withBankSignal(s, bankStreams, today));
    // Each row's series key as stored for the reports (issue 16): the rows synced since the last refresh, and
    // any whose key an edit cleared, get theirs.
    await storeSeriesKeys(
      trx,
      userId,
      rows.flatMap((r) => {
        const seriesKey = transactionSeriesKey({ ...r, amount_minor: Number(r.amount_minor) });
        return seriesKey === r.series_key ? [] : [{ id: r.id, seriesKey }];
      }),
    );
    const accountOf = new Map(rows.map((r) => [r.id, r.account_id]));
    for (const s of series) {
      const values = {
        // The account of the latest payment (transactionIds are the series' payments, oldest first).
        account_id: accountOf.get(s.transactionIds.at(-1) ?? '') ?? null,
        previous_amount_minor: s.priceChange?.fromMinor ?? null,
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
    // A series no longer detected (its payments were re-marked, or it stopped long ago) is not left behind
    // with a stale late or missed status.
    const keys = series.map((s) => s.seriesKey);
    await trx
      .updateTable('recurring_series')
      .set({ status: 'ended', updated_at: new Date() })
      .where('user_id', '=', userId)
      .where('source', '=', 'detected')
      .where('status', '<>', 'ended')
      .$if(keys.length > 0, (q) => q.where('series_key', 'not in', keys))
      .execute();
    return series;
  });
}

/** Our verdict, corrected by the bank's stream for the same merchant and direction when it knows better. */
function withBankSignal(
  s: DetectedSeries,
  streams: readonly BankRecurringStream[],
  today: string,
): DetectedSeries {
  if (s.status !== 'late' && s.status !== 'missed') return s;
  const key = s.seriesKey.split('|')[0];
  const stream = streams.find(
    (b) => b.direction === s.direction && merchantKey(b.description, b.merchantName) === key,
  );
  if (!stream) return s;
  if (!stream.isActive) return { ...s, status: 'ended' };
  if (stream.lastDate <= s.lastDate) return s;
  const state = seriesStateAsOf(s.cadence, stream.lastDate, today);
  return { ...s, lastDate: stream.lastDate, ...state };
}
