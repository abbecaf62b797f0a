import type { PlaidApi } from 'plaid';
import type { BankRecurringStream } from '../categorize-service/refresh-recurring-series.ts';
import type { TokenCipher } from '../crypto/token-cipher.ts';
import type { Db } from '../db/create-database.ts';
import { userItemTokens } from '../tables/plaid-items.ts';

/**
 * The bank's own recurring streams (`/transactions/recurring/get`) for each of the user's live connections:
 * the second signal for bill status. A connection that cannot answer (an error, a product not enabled) is
 * counted in `unavailable` and left out; bill status then rests on finsync's own detection alone.
 */
export async function loadBankRecurringStreams(
  deps: { db: Db; plaid: Pick<PlaidApi, 'transactionsRecurringGet'>; cipher: TokenCipher },
  userId: string,
): Promise<{ streams: BankRecurringStream[]; unavailable: number }> {
  return bankStreamsOf(await userItemTokens(deps.db, userId, 'active'), deps);
}

/** The streams of these connections (asked one after another, outside any database transaction). */
export async function bankStreamsOf(
  items: readonly { access_token_encrypted: string }[],
  deps: { plaid: Pick<PlaidApi, 'transactionsRecurringGet'>; cipher: TokenCipher },
): Promise<{ streams: BankRecurringStream[]; unavailable: number }> {
  const streams: BankRecurringStream[] = [];
  let unavailable = 0;
  for (const item of items) {
    try {
      const { data } = await deps.plaid.transactionsRecurringGet({
        access_token: deps.cipher.decrypt(item.access_token_encrypted),
      });
      for (const [direction, list] of [
        ['inflow', data.inflow_streams],
        ['outflow', data.outflow_streams],
      ] as const) {
        for (const s of list) {
          streams.push({
            description: s.description,
            merchantName: s.merchant_name ?? null,
            direction,
            lastDate: s.last_date,
            isActive: s.is_active,
          });
        }
      }
    } catch {
      unavailable++;
    }
  }
  return { streams, unavailable };
}
