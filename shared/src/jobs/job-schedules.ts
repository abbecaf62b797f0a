import type { JobQueue, Schedule, ScheduledJob } from '../queue/job-queue.ts';
import type { JobMap, JobName } from './job-map.ts';

/** A repeatable job: its scheduler id (upserted by id, so any number of processes may set it), when, what. */
export interface JobSchedule<K extends JobName = JobName> {
  id: string;
  schedule: Schedule;
  job: ScheduledJob<JobMap, K>;
}
type AnyJobSchedule = { [K in JobName]: JobSchedule<K> }[JobName];

/**
 * The schedules every process that runs jobs keeps, whoever its users are (the worker, and the demo's
 * in-process jobs alike): the nightly catch-up sync at 03:15 UTC, in case webhooks were missed, and the
 * sweep every 5 minutes that queues the sends of pending notifications (including the rows the sync engine
 * and the API record).
 */
export const standingSchedules: readonly AnyJobSchedule[] = [
  {
    id: 'nightly-sync-catch-up',
    schedule: { pattern: '15 3 * * *', tz: 'UTC' },
    job: { name: 'sync-catch-up', data: {} },
  },
  {
    id: 'notifications:dispatch',
    schedule: { everyMs: 5 * 60_000 },
    job: { name: 'dispatch-notifications', data: {} },
  },
];

/** An item's periodic sync; its runs funnel into the deduplicated 'sync-item'. */
export function itemSyncSchedule(itemId: string, intervalHours: number): JobSchedule<'schedule-sync'> {
  return {
    id: `sync-schedule-${itemId}`,
    schedule: { everyMs: intervalHours * 3_600_000 },
    job: { name: 'schedule-sync', data: { itemId, trigger: 'schedule' } },
  };
}

export interface ReportScheduleUser {
  id: string;
  timezone: string;
  report_weekday: number;
  report_schedule: { weekly: boolean; monthly: boolean };
}

/**
 * A user's report schedules: weekly on their weekday and monthly on the 1st, both at `localHour` (after the
 * morning sync) on the wall clock of their time zone. `enabled` is false for a report they turned off.
 */
export function reportSchedulesFor(
  user: ReportScheduleUser,
  localHour: number,
): (JobSchedule<'generate-report'> & { enabled: boolean })[] {
  const retry = { attempts: 5, backoffMs: 60_000 };
  return [
    {
      id: `report:weekly:${user.id}`,
      enabled: user.report_schedule.weekly,
      schedule: { pattern: `0 ${localHour} * * ${user.report_weekday}`, tz: user.timezone },
      job: { name: 'generate-report', data: { userId: user.id, kind: 'weekly' }, options: retry },
    },
    {
      id: `report:monthly:${user.id}`,
      enabled: user.report_schedule.monthly,
      schedule: { pattern: `0 ${localHour} 1 * *`, tz: user.timezone },
      job: { name: 'generate-report', data: { userId: user.id, kind: 'monthly' }, options: retry },
    },
  ];
}

/** Creates or replaces one schedule on the queue. */
export function upsertJobSchedule<K extends JobName>(
  queue: Pick<JobQueue, 'upsertSchedule'>,
  schedule: JobSchedule<K>,
): Promise<void> {
  return queue.upsertSchedule(schedule.id, schedule.schedule, schedule.job);
}
