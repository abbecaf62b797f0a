import type { Db } from '@finsync/shared';
import { matchTransfers, refreshRecurringSeries } from '@finsync/shared/categorize';
import { addDays, localDateOf } from '@finsync/shared/reports';
import { z } from 'zod';

export const REFRESH_INSIGHTS_JOB = 'refresh-insights';
export const refreshInsightsData = z.object({ userId: z.uuid() });

/** How far back a sync's new rows can pair with an earlier transfer leg. */
const TRANSFER_LOOKBACK_DAYS = 60;

/**
 * After a sync: pair transfers between the user's own accounts (so they leave spending and income) and
 * refresh recurring series (bills due, missed, price changes), both on the user's calendar.
 */
export function createRefreshInsightsProcessor(deps: { db: Db; now: () => Date }) {
  return async (raw: unknown) => {
    const { userId } = refreshInsightsData.parse(raw);
    const user = await deps.db
      .selectFrom('users')
      .select('timezone')
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) return { skipped: 'user gone' };
    const today = localDateOf(deps.now(), user.timezone);
    const pairs = await matchTransfers(deps.db, userId, { since: addDays(today, -TRANSFER_LOOKBACK_DAYS) });
    const series = await refreshRecurringSeries(deps.db, userId, today);
    return { transferPairs: pairs.length, recurringSeries: series.length };
  };
}
