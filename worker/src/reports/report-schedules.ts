import type { Database, JobQueue } from '@finsync/shared';
import { type ReportScheduleUser, reportSchedulesFor, upsertJobSchedule } from '@finsync/shared/jobs';
import type { Kysely } from 'kysely';

/** Creates, moves or removes one user's report schedules; call it when their settings change. */
export async function applyReportSchedules(
  queue: Pick<JobQueue, 'upsertSchedule' | 'removeSchedule'>,
  user: ReportScheduleUser,
  localHour: number,
): Promise<void> {
  for (const s of reportSchedulesFor(user, localHour)) {
    if (!s.enabled) await queue.removeSchedule(s.id);
    else await upsertJobSchedule(queue, s);
  }
}

/** Brings every user's report schedules in line with their settings (start-up). */
export async function applyAllReportSchedules(
  db: Kysely<Database>,
  queue: Pick<JobQueue, 'upsertSchedule' | 'removeSchedule'>,
  localHour: number,
): Promise<number> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'timezone', 'report_weekday', 'report_schedule'])
    .execute();
  for (const user of users) await applyReportSchedules(queue, user, localHour);
  return users.length;
}
