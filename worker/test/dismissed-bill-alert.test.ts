import { reportPeriod, sampleReportInput, seedSampleHousehold } from '@finsync/shared/reports';
import { useTestDatabase } from '@finsync/test-support';
import { describe, expect, it } from 'vitest';
import { recordAlerts } from '../src/notifications/record-alerts.ts';

const asOf = new Date('2026-11-02T12:00:00Z');
const file = useTestDatabase();

describe('missed-bill alerts and the bills page', () => {
  it('a series the user dismissed raises no missed-bill alert; undoing the dismissal brings it back', async () => {
    const { t } = file;
    const input = sampleReportInput(reportPeriod('weekly', asOf, 'America/New_York', 1), asOf);
    const { userId } = await seedSampleHousehold(t.db, input, { notificationPrefs: { missed_bill: true } });
    const options = { now: asOf, since: new Date(asOf.getTime() - 3_600_000) };
    const late = await t.db
      .selectFrom('recurring_series')
      .select('id')
      .where('user_id', '=', userId)
      .where('status', 'in', ['late', 'missed'])
      .where('direction', '=', 'outflow')
      .execute();
    expect(late.length).toBeGreaterThan(0);
    await t.db
      .insertInto('recurring_decisions')
      .values(late.map((s) => ({ series_id: s.id, user_id: userId, decision: 'dismissed' as const })))
      .execute();
    await recordAlerts(t.db, userId, options);
    const kinds = async () =>
      (await t.db.selectFrom('notifications').select('kind').where('user_id', '=', userId).execute()).map(
        (n) => n.kind,
      );
    expect(await kinds()).not.toContain('missed_bill');

    await t.db
      .updateTable('recurring_decisions')
      .set({ decision: null })
      .where('user_id', '=', userId)
      .execute();
    await recordAlerts(t.db, userId, options);
    expect((await kinds()).filter((k) => k === 'missed_bill')).toHaveLength(late.length);
  });
});
