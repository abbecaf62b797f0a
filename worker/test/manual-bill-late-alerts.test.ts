import { addSeriesByHand } from '@finsync/shared/recurring';
import { testContext, until } from '@finsync/test-support';
import { describe, expect, it } from 'vitest';
import { useMailSink } from './mail-sink-harness.ts';

/*
 * "Bill late" for a bill added by hand (issue 18), through BullMQ, PostgreSQL and the emulator's SendGrid sink:
 * detection never judges such a bill, so before this it stayed 'active' forever and no late alert ever went out.
 * Now, unpaid past its date plus the grace, it sends one link-only email although check-alerts runs twice; paid,
 * it moves to its next date and sends nothing; unpaid again next month, one more email.
 */
const mail = useMailSink();

describe('late alerts for bills added by hand, through the mail sink', () => {
  it('one email per unpaid period, however often the job runs; none once it is paid', async () => {
    const { t } = mail;
    const email = mail.newAddress('bill');
    const ctx = testContext(t.db);
    const user = await ctx.newUser({
      email,
      timezone: 'UTC',
      notification_prefs: JSON.stringify({ missed_bill: true }),
    });
    const checking = await ctx.newLinkedItem(user.id, { account: { name: 'Checking' } });
    const bill = await addSeriesByHand(
      t.db,
      user.id,
      {
        payee: 'City Water',
        cadence: 'monthly',
        direction: 'outflow',
        amountMinor: 45_00,
        nextDate: '2026-11-10',
        accountId: checking.accountId,
      },
      new Date('2026-11-01T12:00:00Z'),
    );
    let now = new Date('2026-11-20T12:00:00Z');
    const alerts = await mail.startAlertChecks(user.id, () => now, 'missed_bill');

    // 20 November, nothing paid since the bill was due on the 10th: late.
    await alerts.checkTwice(1);
    let mine = await mail.inbox(email);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe('An expected bill did not arrive');
    const plain = mine[0]!.content.find((c) => c.type === 'text/plain')?.value ?? '';
    expect(plain.replace(/https?:\/\/\S+/g, '')).not.toMatch(/City Water|\$|45\.00/);
    expect(await alerts.sent()).toEqual([`missed_bill:${bill.id}:2026-11-10`]);

    // Paid on the 21st: November's occurrence is paid, the bill is next due on 10 December, nothing more to say.
    await ctx.newTransactions(user.id, checking, [
      { date: '2026-11-21', amount_minor: 45_00, raw_name: 'CITY WATER 8004561234', merchant_name: null },
    ]);
    now = new Date('2026-12-12T12:00:00Z');
    await alerts.checkTwice();
    await until(async () => {
      const row = await t.db
        .selectFrom('recurring_series')
        .select(['next_expected_date', 'status', 'last_date'])
        .where('id', '=', bill.id)
        .executeTakeFirstOrThrow();
      return String(row.next_expected_date) === '2026-12-10' ? row : undefined;
    }).then((row) => expect(row).toMatchObject({ status: 'active', last_date: '2026-11-21' }));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await mail.inbox(email)).toHaveLength(1);

    // 20 December, December's not paid: one more email, for that period.
    now = new Date('2026-12-20T12:00:00Z');
    await alerts.checkTwice(2);
    mine = await mail.inbox(email);
    expect(mine).toHaveLength(2);
    expect((await alerts.sent()).sort()).toEqual([
      `missed_bill:${bill.id}:2026-11-10`,
      `missed_bill:${bill.id}:2026-12-10`,
    ]);
  });
});
