import { testContext, useTestDatabase } from '@finsync/test-support';
import { describe, expect, it } from 'vitest';
import { recordBalanceSnapshots } from './balance-snapshots.ts';

/*
 * A balance snapshot is dated by the user's calendar, not UTC's: a sync at 03:00 UTC is still the evening before
 * in Los Angeles, and one at 20:00 UTC is already the next morning in Tokyo. Net worth over time reads these
 * dates next to the transactions' own local dates, so a UTC date put the day's balance on the wrong day.
 */
const file = useTestDatabase();

describe('recordBalanceSnapshots', () => {
  it("dates the snapshot in the user's time zone, across the day boundary both ways", async () => {
    const ctx = testContext(file.t.db);
    const dated = async (timezone: string, at: string) => {
      const user = await ctx.newUser({ timezone });
      const linked = await ctx.newLinkedItem(user.id, { account: { current_minor: 123_45 } });
      await recordBalanceSnapshots(file.t.db, linked.itemId, new Date(at));
      const rows = await file.t.db
        .selectFrom('balance_snapshots')
        .select(['date', 'current_minor'])
        .where('account_id', '=', linked.accountId)
        .execute();
      return rows.map((r) => ({ date: String(r.date), current: Number(r.current_minor) }));
    };
    expect(await dated('America/Los_Angeles', '2026-11-29T03:00:00Z')).toEqual([
      { date: '2026-11-28', current: 123_45 },
    ]);
    expect(await dated('Asia/Tokyo', '2026-11-29T20:00:00Z')).toEqual([
      { date: '2026-11-30', current: 123_45 },
    ]);
    expect(await dated('UTC', '2026-11-29T20:00:00Z')).toEqual([{ date: '2026-11-29', current: 123_45 }]);
  });
});
