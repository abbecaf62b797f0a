import { randomUUID } from 'node:crypto';
import { startEmulator } from '@finsync/emulator';
import { createBullJobQueue, createRedis, type JobQueue } from '@finsync/shared';
import { createGoal } from '@finsync/shared/goals';
import { createTestDatabase, type TestDatabase, testContext, testEnvironment } from '@finsync/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSendgridTransport } from '../src/mail/sendgrid-transport.ts';
import { createCheckAlertsProcessor } from '../src/notifications/dispatch-notifications.ts';
import { createSendNotificationProcessor } from '../src/notifications/send-notification.ts';
import { sinkInbox, until } from './mail-sink.ts';

/*
 * Savings-goal alerts through BullMQ, PostgreSQL and the emulator's SendGrid sink: a goal with alerts on that
 * falls behind its plan sends one link-only email although the check-alerts job runs twice, and again only in a
 * later month; a goal already reached or without alerts sends nothing.
 */
const SET = new Date('2026-09-01T12:00:00Z');
const NOW = new Date('2026-11-20T12:00:00Z');
let t: TestDatabase;
let emulator: Awaited<ReturnType<typeof startEmulator>>;
let redis: Redis;
let queue: JobQueue;

beforeAll(async () => {
  t = await createTestDatabase(inject('pgTemplate'));
  emulator = await startEmulator({ port: 0 });
  redis = createRedis(testEnvironment(process.env).redisUrl);
});
afterAll(async () => {
  await queue?.close();
  await redis?.quit();
  await emulator?.close();
  await t?.drop();
});

describe('savings goal alerts through the mail sink', () => {
  it('one email per behind goal per month, however often the job runs; only for goals with alerts on', async () => {
    const email = `goal-${randomUUID()}@example.test`;
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

    queue = createBullJobQueue({ redis, prefix: `finsync-test-goal-${randomUUID()}`, concurrency: 2 });
    let now = NOW;
    queue.register('check-alerts', createCheckAlertsProcessor({ db: t.db, queue, now: () => now }));
    queue.register(
      'send-notification',
      createSendNotificationProcessor({
        db: t.db,
        transport: createSendgridTransport({ apiKey: 'SG.test-key', baseUrl: emulator.url }),
        from: 'alerts@finsync.local',
        appUrl: 'http://localhost:5173',
        linkSecret: 'goal-alert-secret-0123456789abcdefghijk',
        linkTtlDays: 14,
        now: () => now,
      }),
    );
    await queue.start();
    const sent = async () =>
      (
        await t.db
          .selectFrom('notifications')
          .select(['kind', 'payload'])
          .where('user_id', '=', user.id)
          .where('status', '=', 'sent')
          .execute()
      ).length;

    // Still 1,000.00 in November: behind the line (about 3,600.00 by now).
    await queue.enqueue('check-alerts', { userId: user.id });
    await queue.enqueue('check-alerts', { userId: user.id });
    await until(async () => ((await sent()) === 1 ? true : undefined));
    await new Promise((r) => setTimeout(r, 1_500)); // time for a wrongful second send to show up
    let mine = await sinkInbox(emulator.url, email);
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
    await queue.enqueue('check-alerts', { userId: user.id });
    await queue.enqueue('check-alerts', { userId: user.id });
    await until(async () => ((await sent()) === 2 ? true : undefined));
    await new Promise((r) => setTimeout(r, 1_500));
    mine = await sinkInbox(emulator.url, email);
    expect(mine).toHaveLength(2);
  });
});
