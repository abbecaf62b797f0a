import { createBudget } from '@finsync/shared/budgets';
import { reportPeriod, sampleReportInput, seedSampleHousehold } from '@finsync/shared/reports';
import { describe, expect, it } from 'vitest';
import { useMailSink } from './mail-sink-harness.ts';

/*
 * Budget pace alerts through BullMQ, PostgreSQL and the emulator's SendGrid sink: a budget with alerts on that
 * reaches 80% sends one link-only email although the check-alerts job runs twice; reaching 100% sends one more;
 * a budget without alerts, and a transfer, send nothing.
 */
const TZ = 'America/New_York';
// 20 Nov 2026, 07:00 in New York.
const NOW = new Date('2026-11-20T12:00:00Z');
const mail = useMailSink();

const inbox = (email: string) => mail.inbox(email);

describe('budget pace alerts through the mail sink', () => {
  it('one email per threshold per month, however often the job runs; only for budgets with alerts on', async () => {
    const { t } = mail;
    const email = mail.newAddress('budget');
    const input = sampleReportInput(reportPeriod('weekly', new Date('2026-10-02T12:00:00Z'), TZ, 1), NOW);
    const { userId } = await seedSampleHousehold(t.db, input, { email, timezone: TZ });
    const account = await t.db
      .selectFrom('accounts')
      .select(['id', 'item_id'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    const expense = await t.db
      .selectFrom('categories')
      .select(['id', 'name'])
      .where('user_id', '=', userId)
      .where('kind', '=', 'expense')
      .where('is_group', '=', false)
      .orderBy('name')
      .limit(2)
      .execute();
    const [watched, quiet] = expense as [{ id: string; name: string }, { id: string; name: string }];
    let n = 0;
    const spend = (categoryId: string, amountMinor: number, extra: { is_transfer?: boolean } = {}) =>
      t.db
        .insertInto('transactions')
        .values({
          user_id: userId,
          item_id: account.item_id!,
          account_id: account.id,
          plaid_transaction_id: `budget-tx-${userId}-${n++}`,
          amount_minor: amountMinor,
          currency: 'USD',
          date: '2026-11-10',
          raw_name: `SHOP ${n}`,
          category_id: categoryId,
          ...extra,
        })
        .execute();
    await createBudget(
      t.db,
      userId,
      {
        month: '2026-11',
        kind: 'spending',
        categoryId: watched.id,
        limitMinor: 1000_00,
        alertsEnabled: true,
      },
      NOW,
    );
    await createBudget(
      t.db,
      userId,
      { month: '2026-11', kind: 'spending', categoryId: quiet.id, limitMinor: 100_00 },
      NOW,
    );
    await spend(watched.id, 850_00);
    await spend(quiet.id, 500_00); // 500% of a budget without alerts: no email
    await spend(watched.id, 900_00, { is_transfer: true }); // a transfer never counts

    const checks = await mail.startAlertChecks(userId, () => NOW);
    // The job twice, as a retry or a second sync would run it.
    await checks.checkTwice(1);
    let mine = await inbox(email);
    expect(mine).toHaveLength(1);
    const message = mine[0]!;
    expect(message.subject).toBe('A budget you watch needs a look');
    expect(message.attachments).toEqual([]);
    const body = message.content.map((c) => c.value).join('\n');
    expect(body).toContain('http://localhost:5173/budgets');
    // Only a link: no category name, no amount, no percentage.
    expect(body).not.toContain(watched.name);
    // The plain-text part, links left out (a signed token or an id may hold any digits).
    const plain = message.content.find((c) => c.type === 'text/plain')?.value ?? '';
    const words = plain.replace(/https?:\/\/\S+/g, '');
    expect(words).toContain('budgets');
    expect(words).not.toMatch(/\$|850|1,000|80|85|%/);

    // Past 100%: one more email (the 100% threshold), again only once.
    await spend(watched.id, 200_00);
    await checks.checkTwice(2);
    mine = await inbox(email);
    expect(mine).toHaveLength(2);
    const alerts = await t.db
      .selectFrom('budget_alerts')
      .select(['budget_id', 'month', 'threshold'])
      .where('user_id', '=', userId)
      .orderBy('threshold')
      .execute();
    expect(alerts.map((a) => [a.month, a.threshold])).toEqual([
      ['2026-11-01', 80],
      ['2026-11-01', 100],
    ]);
    const kinds = await t.db
      .selectFrom('notifications')
      .select(['kind', 'idempotency_key'])
      .where('user_id', '=', userId)
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(['budget_pace', 'budget_pace']);
  });
});
