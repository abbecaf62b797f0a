import type { PlaidApi } from 'plaid';
import { merchantKey } from '../categorize/clean-payee.ts';
import type { BankRecurringStream } from '../categorize-service/refresh-recurring-series.ts';
import type { TokenCipher } from '../crypto/token-cipher.ts';
import type { Db } from '../db/create-database.ts';
import { bankStreamsOf } from '../sync/bank-recurring-streams.ts';
import { userItemTokens } from '../tables/plaid-items.ts';

export interface BankStreamCheck {
  description: string;
  merchantName: string | null;
  direction: 'inflow' | 'outflow';
  lastDate: string;
  isActive: boolean;
  /** finsync's series for the same merchant and direction; null when finsync did not find it. */
  seriesId: string | null;
}

/**
 * Pairs the bank's streams with finsync's series by merchant and direction (the rule detection uses to take the
 * bank's word on status): what both see, what only the bank sees. Pure.
 */
export function crossCheckStreams(
  streams: readonly BankRecurringStream[],
  series: readonly { id: string; seriesKey: string; direction: 'inflow' | 'outflow' }[],
): BankStreamCheck[] {
  return streams
    .map((s) => {
      const key = merchantKey(s.description, s.merchantName);
      const match = series.find((x) => x.direction === s.direction && x.seriesKey.split('|')[0] === key);
      return { ...s, seriesId: match?.id ?? null };
    })
    .sort((a, b) => a.direction.localeCompare(b.direction) || a.description.localeCompare(b.description));
}

/**
 * The bank's own recurring streams (Plaid /transactions/recurring/get) for the user's live connections, each
 * with the finsync series it matches; `unavailable` counts the connections that could not answer. `read` runs
 * the two short reads (as the user); Plaid is asked after it returns, so no transaction waits on the network.
 */
export async function bankRecurringCrossCheck(
  deps: {
    read: <T>(fn: (db: Db) => Promise<T>) => Promise<T>;
    plaid: Pick<PlaidApi, 'transactionsRecurringGet'>;
    cipher: TokenCipher;
  },
  userId: string,
): Promise<{ streams: BankStreamCheck[]; unavailable: number }> {
  const { items, series } = await deps.read(async (db) => ({
    items: await userItemTokens(db, userId, 'active'),
    series: await db
      .selectFrom('recurring_series')
      .select(['id', 'series_key as seriesKey', 'direction'])
      .where('user_id', '=', userId)
      .execute(),
  }));
  const { streams, unavailable } = await bankStreamsOf(items, deps);
  return { streams: crossCheckStreams(streams, series), unavailable };
}
