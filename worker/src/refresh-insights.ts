import type { Db, JobQueue } from '@finsync/shared';
import { matchTransfers, refreshRecurringSeries } from '@finsync/shared/categorize';
import { localDateOf } from '@finsync/shared/reports';
import { z } from 'zod';
import { REFRESH_REPORTS_JOB } from './reports/refresh-stored-reports.ts';

export const REFRESH_INSIGHTS_JOB = 'refresh-insights';
export const refreshInsightsData = z.object({ userId: z.uuid() });

/**
 * After every sync (the first historical one included): pair transfers between the user's own accounts over
 * their whole history (so they leave spending and income in every month) and refresh recurring series (bills due, missed, price changes), both on the user's calendar.
 */
export function createRefreshInsightsProcessor(deps: {
  db: Db;
  now: () => Date;
  /** Where the stored reports' refresh is queued once the ledger under them may have changed. */
  queue?: Pick<JobQueue, 'enqueue'>;
}) {
  return async (raw: unknown) => {
    const { userId } = refreshInsightsData.parse(raw);
    const user = await deps.db
      .selectFrom('users')
      .select('timezone')
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) return { skipped: 'user gone' };
    const today = localDateOf(deps.now(), user.timezone);
    const transfers = await matchTransfers(deps.db, userId, { now: deps.now() });
    const series = await refreshRecurringSeries(deps.db, userId, today);
    await deps.queue?.enqueue(
      REFRESH_REPORTS_JOB,
      { userId },
      { dedupeId: `${REFRESH_REPORTS_JOB}:${userId}` },
    );
    return {
      transferPairs: transfers.pairs.length,
      transfersUnpaired: transfers.unpaired,
      transfersMarkedByCategory: transfers.markedByCategory,
      recurringSeries: series.length,
    };
  };
}
