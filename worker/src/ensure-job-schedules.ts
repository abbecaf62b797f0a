import type { Db, WorkerConfig } from '@finsync/shared';
import { standingSchedules, upsertJobSchedule } from '@finsync/shared/jobs';
import type { JobQueue } from '@finsync/shared/queue';
import { listActiveItemIds, scheduleItemSync } from '@finsync/shared/sync';
import { applyAllReportSchedules } from './reports/report-schedules.ts';

/**
 * Idempotently (re)creates every schedule as a process that runs jobs starts (the worker, or the demo's
 * in-process jobs): the standing ones (nightly catch-up, notification sweep), each active item's periodic
 * sync and each user's weekly/monthly reports in their time zone. Schedules are upserted by id, so any
 * number of workers may run this at start-up.
 */
export async function ensureJobSchedules(
  queue: Pick<JobQueue, 'upsertSchedule' | 'removeSchedule'>,
  db: Db,
  config: Pick<WorkerConfig, 'SYNC_INTERVAL_HOURS' | 'REPORT_LOCAL_HOUR'>,
): Promise<{ items: number; users: number }> {
  for (const schedule of standingSchedules) await upsertJobSchedule(queue, schedule);
  const ids = await listActiveItemIds(db);
  for (const itemId of ids) await scheduleItemSync(queue, itemId, config.SYNC_INTERVAL_HOURS);
  const users = await applyAllReportSchedules(db, queue, config.REPORT_LOCAL_HOUR);
  return { items: ids.length, users };
}
