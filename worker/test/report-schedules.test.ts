import { randomUUID } from 'node:crypto';
import { createBullJobQueue, createRedis } from '@finsync/shared';
import { reportSchedulesFor } from '@finsync/shared/jobs';
import { addDays, localDateOf, startOfLocalDay, weekdayOf } from '@finsync/shared/reports';
import { testEnvironment } from '@finsync/test-support';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { applyReportSchedules } from '../src/reports/report-schedules.ts';

const prefix = `finsync-test-reports-${randomUUID()}`;
const redis = createRedis(testEnvironment(process.env).redisUrl);
// The worker's own queue (the JobQueue port on BullMQ) sets the schedules; BullMQ's Queue reads them back.
const jobs = createBullJobQueue({ redis, prefix });
const queue = new Queue('finsync', { connection: redis, prefix });

afterAll(async () => {
  await queue.obliterate({ force: true });
  await jobs.close();
  await queue.close();
  await redis.quit();
});

/** The next `weekday` at `hour`:00 on the wall clock of `tz`, after now. */
function nextLocal(tz: string, weekday: number | null, dayOfMonth: number | null, hour: number): number {
  const now = Date.now();
  let day = localDateOf(new Date(now), tz);
  for (let i = 0; i < 400; i++, day = addDays(day, 1)) {
    if (weekday !== null && weekdayOf(day) !== weekday) continue;
    if (dayOfMonth !== null && Number(day.slice(8)) !== dayOfMonth) continue;
    const at = startOfLocalDay(day, tz).getTime() + hour * 3_600_000;
    if (at > now) return at;
  }
  throw new Error('no next run');
}

describe('report schedules', () => {
  const user = {
    id: randomUUID(),
    timezone: 'Pacific/Auckland',
    report_weekday: 3,
    report_schedule: { weekly: true, monthly: true },
  };

  it('describe a weekly run on the user weekday and a monthly run on the 1st at the local hour', () => {
    expect(reportSchedulesFor(user, 7).map((s) => [s.id, s.schedule, s.job.data.kind])).toEqual([
      [`report:weekly:${user.id}`, { pattern: '0 7 * * 3', tz: 'Pacific/Auckland' }, 'weekly'],
      [`report:monthly:${user.id}`, { pattern: '0 7 1 * *', tz: 'Pacific/Auckland' }, 'monthly'],
    ]);
  });

  it('become BullMQ job schedulers that fire at 07:00 in the user timezone', async () => {
    await applyReportSchedules(jobs, user, 7);
    const weekly = await queue.getJobScheduler(`report:weekly:${user.id}`);
    const monthly = await queue.getJobScheduler(`report:monthly:${user.id}`);
    expect(weekly).toMatchObject({ pattern: '0 7 * * 3', tz: 'Pacific/Auckland', name: 'generate-report' });
    expect(weekly?.template?.data).toEqual({ userId: user.id, kind: 'weekly' });
    expect(weekly?.next).toBe(nextLocal('Pacific/Auckland', 3, null, 7));
    expect(monthly?.next).toBe(nextLocal('Pacific/Auckland', null, 1, 7));
  });

  it('are moved when the weekday changes and removed when the user turns a report off', async () => {
    await applyReportSchedules(
      jobs,
      { ...user, report_weekday: 5, report_schedule: { weekly: true, monthly: false } },
      7,
    );
    expect((await queue.getJobScheduler(`report:weekly:${user.id}`))?.pattern).toBe('0 7 * * 5');
    expect(await queue.getJobScheduler(`report:monthly:${user.id}`)).toBeUndefined();
  });
});
