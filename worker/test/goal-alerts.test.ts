import { createGoal } from '@finsync/shared/goals';
import { testContext } from '@finsync/test-support';
import { describe, expect, it } from 'vitest';
import { useMailSink } from './mail-sink-harness.ts';

/*
 * Savings-goal alerts through BullMQ, PostgreSQL and the emulator's SendGrid sink: a goal with alerts on that
 * falls behind its plan sends one link-only email although the check-alerts job runs twice, and again only in a
 * later month; a goal already reached or without alerts sends nothing.
 */
const SET = new Date('2026-09-01T12:00:00Z');
const NOW = new Date('2026-11-20T12:00:00Z');
const mail = useMailSink();

describe('savings goal alerts through the mail sink', () => {
  it('one email per behind goal per month, however often the job runs; only for goals with alerts on', async () => {
    const { t } = mail;
    const email = mail.newAddress('goal');
    const ctx = testContext(t.db);
    const user = await ctx.newUser({ email, timezone: 'UTC' });
    const savings = await ctx.newLinkedItem(user.id, {
      account: { name: 'Savings', current_minor: 1000_00 },
    });
    // Set on 1 Sep with 1,000.00 saved: 13,000.00 by 1 Sep 2027 is 1,000.00 a month.
    const plan = { targetMinor: 13_000_00, targetDate: '2027-09-01', accountIds: [savings.accountId] };
    const behind = await createGoal(t.db, user.id, { ...plan, name: 'Holiday', alertsEnabled: true }, SET);
    await createGoal(t.db, user.id, { ...plan, name: 'Quiet' }, SET);
    await createGoal(
      t.db,
      user.id,
      { ...plan, name: 'Reached', targetMinor: 1000_00, alertsEnabled: true },
      SET,
    );

    let now = NOW;
    const alerts = await mail.startAlertChecks(user.id, () => now);

    // Still 1,000.00 in November: behind the line (about 3,600.00 by now).
    await alerts.checkTwice(1);
    let mine = await mail.inbox(email);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe('A savings goal needs a look');
    const plain = mine[0]!.content.find((c) => c.type === 'text/plain')?.value ?? '';
    expect(plain).toContain('http://localhost:5173/goals');
    // Only a link: no goal name, no amount.
    const words = plain.replace(/https?:\/\/\S+/g, '');
    expect(words).not.toMatch(/Holiday|\$|1,000|13,000|%/);
    const rows = await t.db.selectFrom('goal_alerts').select(['goal_id', 'month']).execute();
    expect(rows).toEqual([{ goal_id: behind.id, month: '2026-11-01' }]);

    // December: still behind, one more.
    now = new Date('2026-12-02T12:00:00Z');
    await alerts.checkTwice(2);
    mine = await mail.inbox(email);
    expect(mine).toHaveLength(2);
  });
});
