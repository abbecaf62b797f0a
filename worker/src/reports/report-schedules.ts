import type { Database } from '@finsync/shared';
import type { Kysely } from 'kysely';
import { GENERATE_REPORT_JOB } from './generate-report.ts';

/**
 * The part of a BullMQ Queue the report schedules use (a `new Queue(name, { connection, prefix })` on the
 * worker's queue fits). Job schedulers carry the user's IANA timezone, so 07:00 stays 07:00 across DST.
 */
export interface ReportScheduler {
  upsertJobScheduler(
    id: string,
    repeat: { pattern: string; tz: string },
    template: { name: string; data: unknown; opts?: Record<string, unknown> },
  ): Promise<unknown>;
  removeJobScheduler(id: string): Promise<unknown>;
}

export interface ReportScheduleUser {
  id: string;
  timezone: string;
  report_weekday: number;
  report_schedule: { weekly: boolean; monthly: boolean };
}

export interface ReportSchedule {
  schedulerId: string;
  enabled: boolean;
  pattern: string;
  tz: string;
  data: { userId: string; kind: 'weekly' | 'monthly' };
}

/** Weekly on the user's weekday and monthly on the 1st, both at `localHour` (after the morning sync). */
export function reportSchedulesFor(user: ReportScheduleUser, localHour: number): ReportSchedule[] {
  return [
    {
      schedulerId: `report:weekly:${user.id}`,
      enabled: user.report_schedule.weekly,
      pattern: `0 ${localHour} * * ${user.report_weekday}`,
      tz: user.timezone,
      data: { userId: user.id, kind: 'weekly' },
    },
    {
      schedulerId: `report:monthly:${user.id}`,
      enabled: user.report_schedule.monthly,
      pattern: `0 ${localHour} 1 * *`,
      tz: user.timezone,
      data: { userId: user.id, kind: 'monthly' },
    },
  ];
}

/** Creates, moves or removes one user's report schedulers; call it when their settings change. */
export async function applyReportSchedules(
  scheduler: ReportScheduler,
  user: ReportScheduleUser,
  localHour: number,
): Promise<void> {
  for (const s of reportSchedulesFor(user, localHour)) {
    if (!s.enabled) await scheduler.removeJobScheduler(s.schedulerId);
    else {
      await scheduler.upsertJobScheduler(
        s.schedulerId,
        { pattern: s.pattern, tz: s.tz },
        {
          name: GENERATE_REPORT_JOB,
          data: s.data,
          opts: {
            attempts: 5,
            backoff: { type: 'exponential', delay: 60_000 },
            removeOnComplete: { count: 100 },
          },
        },
      );
    }
  }
}

/** Brings every user's schedulers in line with their settings (worker start-up). */
export async function applyAllReportSchedules(
  db: Kysely<Database>,
  scheduler: ReportScheduler,
  localHour: number,
): Promise<number> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'timezone', 'report_weekday', 'report_schedule'])
    .execute();
  for (const user of users) await applyReportSchedules(scheduler, user, localHour);
  return users.length;
}
