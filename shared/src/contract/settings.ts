import { z } from 'zod';
import { SWITCHABLE_NOTIFICATION_KINDS, wantsNotification } from '../notifications/notification-kind.ts';
import { text } from './text.ts';

/** IANA zone names; the API also checks the zone is known to the runtime. */
export const TimeZone = text()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/, 'expected an IANA time zone such as Europe/Paris');

/** The emails a user can switch (the worker's notification kinds); security notices always go out. */
export const NOTIFICATION_KEYS = SWITCHABLE_NOTIFICATION_KINDS;
export const NotificationKey = z.enum(NOTIFICATION_KEYS);
export type NotificationKey = z.infer<typeof NotificationKey>;

/** Every switch, as the worker applies it: report emails unless turned off, alerts only when turned on. */
export const NotificationPrefs = z.object(
  Object.fromEntries(NOTIFICATION_KEYS.map((k) => [k, z.boolean()])) as Record<NotificationKey, z.ZodBoolean>,
);

export function effectiveNotificationPrefs(
  stored: Record<string, boolean>,
): z.infer<typeof NotificationPrefs> {
  const prefs = {} as Record<NotificationKey, boolean>;
  for (const key of NOTIFICATION_KEYS) prefs[key] = wantsNotification(key, stored);
  return prefs;
}

export const Settings = z.object({
  timezone: z.string(),
  currency: z.string(),
  reportWeekday: z.number().int().min(0).max(6),
  reportSchedule: z.object({ weekly: z.boolean(), monthly: z.boolean() }),
  notificationPrefs: NotificationPrefs,
  /** The guided first run after sign-up was finished or skipped: it is not shown again. */
  firstRunDone: z.boolean(),
});

export const SettingsPatch = z
  .strictObject({
    timezone: TimeZone.optional(),
    reportWeekday: z.number().int().min(0).max(6).optional(),
    reportSchedule: z.strictObject({ weekly: z.boolean(), monthly: z.boolean() }).optional(),
    /** Only the switches sent change; the others keep their value. */
    notificationPrefs: z.partialRecord(NotificationKey, z.boolean()).optional(),
    /** true: the guided first run is over (finished or skipped); it cannot be undone. */
    firstRunDone: z.literal(true).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'expected at least one field' });
