import { testContext, useTestDatabase } from '@finsync/test-support';
import { describe, expect, it } from 'vitest';
import { recordAlerts } from '../src/notifications/record-alerts.ts';
import { renderNotificationEmail } from '../src/notifications/render-notification-email.ts';

/*
 * "A bill is due in N days" (issue 18), opt-in: one notification per bill and expected date, whatever how often
 * the check runs; a dismissed, incoming, ended or further-off series is not told about; off unless switched on.
 */
const NOW = new Date('2026-11-29T12:00:00Z');
const file = useTestDatabase();

describe('bill due alerts', () => {
  it('once per bill and expected date within the next 3 days, only when switched on', async () => {
    const { t } = file;
    const ctx = testContext(t.db);
    const on = await ctx.newUser({ timezone: 'UTC', notification_prefs: JSON.stringify({ bill_due: true }) });
    const off = await ctx.newUser({ timezone: 'UTC' });
    const series = (userId: string, payee: string, next: string, over: Record<string, unknown> = {}) => ({
      user_id: userId,
      series_key: `k-${payee}`,
      payee,
      cadence: 'monthly' as const,
      direction: 'outflow' as const,
      typical_amount_minor: 10_00,
      last_amount_minor: 10_00,
      currency: 'USD',
      last_date: '2026-11-01',
      next_expected_date: next,
      ...over,
    });
    const rows = await t.db
      .insertInto('recurring_series')
      .values([
        series(on.id, 'Rent', '2026-12-01'),
        series(on.id, 'Today', '2026-11-29'),
        series(on.id, 'Far', '2026-12-03'),
        series(on.id, 'Salary', '2026-11-30', { direction: 'inflow' }),
        series(on.id, 'Ended', '2026-11-30', { status: 'ended' }),
        series(on.id, 'Dismissed', '2026-11-30'),
        series(off.id, 'Rent', '2026-12-01'),
      ])
      .returning(['id', 'payee', 'user_id'])
      .execute();
    const dismissed = rows.find((r) => r.payee === 'Dismissed')!;
    await t.db
      .insertInto('recurring_decisions')
      .values({ series_id: dismissed.id, user_id: on.id, decision: 'dismissed' })
      .execute();
    const options = { now: NOW, since: new Date(NOW.getTime() - 3_600_000) };
    const first = await recordAlerts(t.db, on.id, options);
    const again = await recordAlerts(t.db, on.id, options);
    expect(again.sort()).toEqual([...first].sort());
    const stored = await t.db
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'payload'])
      .where('kind', '=', 'bill_due')
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r.payee]));
    expect(stored.map((n) => byId.get((n.payload as { seriesId: string }).seriesId)).sort()).toEqual([
      'Rent',
      'Today',
    ]);
    expect(stored.every((n) => n.user_id === on.id)).toBe(true);
    expect(await recordAlerts(t.db, off.id, options)).toEqual([]);
  });

  it('emails only a link to the bills page', () => {
    const email = renderNotificationEmail('bill_due', {
      action: 'https://app.example/recurring',
      preferences: 'https://app.example/settings/notifications',
      unsubscribe: 'https://app.example/unsubscribe?t=x',
      oneClick: null,
    });
    expect(email.subject).toBe('A bill is due soon');
    expect(email.text).toContain('https://app.example/recurring');
    expect(email.text).not.toMatch(/\$|Rent|10\.00/);
  });
});
