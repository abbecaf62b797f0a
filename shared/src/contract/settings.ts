import { z } from 'zod';

/** IANA zone names; the API also checks the zone is known to the runtime. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/, 'expected an IANA time zone such as Europe/Paris');

export const Settings = z.object({
  timezone: z.string(),
  currency: z.string(),
  reportWeekday: z.number().int().min(0).max(6),
  reportSchedule: z.object({ weekly: z.boolean(), monthly: z.boolean() }),
  notificationPrefs: z.record(z.string(), z.boolean()),
});

export const SettingsPatch = z
  .strictObject({
    timezone: TimeZone.optional(),
    reportWeekday: z.number().int().min(0).max(6).optional(),
    reportSchedule: z.strictObject({ weekly: z.boolean(), monthly: z.boolean() }).optional(),
    notificationPrefs: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.boolean()).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'expected at least one field' });
