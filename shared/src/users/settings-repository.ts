import { type Kysely, sql } from 'kysely';
import { effectiveNotificationPrefs, type NotificationKey } from '../contract/settings.ts';
import type { Database } from '../db/database.ts';

type Executor = Kysely<Database>;

export interface SettingsView {
  timezone: string;
  currency: string;
  reportWeekday: number;
  reportSchedule: { weekly: boolean; monthly: boolean };
  notificationPrefs: Record<NotificationKey, boolean>;
  firstRunDone: boolean;
}

export interface SettingsChange {
  timezone?: string | undefined;
  reportWeekday?: number | undefined;
  reportSchedule?: { weekly: boolean; monthly: boolean } | undefined;
  notificationPrefs?: Partial<Record<NotificationKey, boolean>> | undefined;
  firstRunDone?: true | undefined;
}

const columns = [
  'timezone',
  'currency',
  'report_weekday',
  'report_schedule',
  'notification_prefs',
  'first_run_done_at',
] as const;

export const settingsRepository = {
  async get(db: Executor, userId: string): Promise<SettingsView | undefined> {
    const row = await db.selectFrom('users').select(columns).where('id', '=', userId).executeTakeFirst();
    return row && toView(row);
  },

  async update(
    db: Executor,
    userId: string,
    change: SettingsChange,
    now: Date,
  ): Promise<SettingsView | undefined> {
    const row = await db
      .updateTable('users')
      .set({
        ...(change.timezone !== undefined ? { timezone: change.timezone } : {}),
        ...(change.reportWeekday !== undefined ? { report_weekday: change.reportWeekday } : {}),
        ...(change.reportSchedule !== undefined
          ? { report_schedule: JSON.stringify(change.reportSchedule) }
          : {}),
        // Preferences merge: a client sending one switch keeps the others.
        ...(change.notificationPrefs !== undefined
          ? {
              notification_prefs: sql<
                Record<string, boolean>
              >`notification_prefs || ${JSON.stringify(change.notificationPrefs)}::jsonb`,
            }
          : {}),
        // Done once: a second 'done' keeps the first moment.
        ...(change.firstRunDone ? { first_run_done_at: sql<Date>`coalesce(first_run_done_at, ${now})` } : {}),
        updated_at: now,
      })
      .where('id', '=', userId)
      .returning(columns)
      .executeTakeFirst();
    return row && toView(row);
  },
};

function toView(row: {
  timezone: string;
  currency: string;
  report_weekday: number;
  report_schedule: { weekly: boolean; monthly: boolean };
  notification_prefs: Record<string, boolean>;
  first_run_done_at: Date | null;
}): SettingsView {
  return {
    timezone: row.timezone,
    currency: row.currency,
    reportWeekday: row.report_weekday,
    reportSchedule: row.report_schedule,
    notificationPrefs: effectiveNotificationPrefs(row.notification_prefs),
    firstRunDone: row.first_run_done_at !== null,
  };
}
