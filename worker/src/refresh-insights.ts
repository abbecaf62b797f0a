import type { Db, JobQueue } from '@finsync/shared';
import { matchTransfers, refreshRecurringSeries } from '@finsync/shared/categorize-service';
import type { TokenCipher } from '@finsync/shared/crypto';
import type { JobData } from '@finsync/shared/jobs';
import { localDateOf } from '@finsync/shared/reports';
import { loadBankRecurringStreams } from '@finsync/shared/sync';
import type { PlaidApi } from 'plaid';

/**
 * After every sync (the first historical one included): pair transfers between the user's own accounts over
 * their whole history (so they leave spending and income in every month); refresh recurring series (bills
 * due, late or missed, price changes) on the user's calendar, with the bank's own recurring streams as a
 * second signal when a Plaid client is given; then queue the user's alerts check and the refresh of stored
 * reports, which read the pairing and the bills just computed.
 */
export function createRefreshInsightsProcessor(deps: {
  db: Db;
  now: () => Date;
  /** Where the alerts check and the stored reports' refresh are queued once pairing and bills are done. */
  queue?: Pick<JobQueue, 'enqueue'>;
  /** For the bank's recurring streams; without it bill status rests on finsync's detection alone. */
  plaid?: Pick<PlaidApi, 'transactionsRecurringGet'>;
  cipher?: TokenCipher;
}) {
  return async ({ userId }: JobData<'refresh-insights'>) => {
    const user = await deps.db
      .selectFrom('users')
      .select('timezone')
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) return { skipped: 'user gone' };
    const today = localDateOf(deps.now(), user.timezone);
    const transfers = await matchTransfers(deps.db, userId, { now: deps.now() });
    const bank =
      deps.plaid && deps.cipher
        ? await loadBankRecurringStreams({ db: deps.db, plaid: deps.plaid, cipher: deps.cipher }, userId)
        : { streams: [], unavailable: 0 };
    const series = await refreshRecurringSeries(deps.db, userId, today, bank.streams);
    for (const job of ['check-alerts', 'refresh-reports'] as const)
      await deps.queue?.enqueue(job, { userId }, { dedupeId: `${job}:${userId}` });
    return {
      transferPairs: transfers.pairs.length,
      transfersUnpaired: transfers.unpaired,
      transfersMarkedByCategory: transfers.markedByCategory,
      recurringSeries: series.length,
      bankStreams: bank.streams.length,
      bankStreamsUnavailable: bank.unavailable,
    };
  };
}
