import { z } from 'zod';

const userJob = z.object({ userId: z.uuid() });

/** What a sync job carries: which item, and why it runs (kept on the sync run for the user to see). */
export const syncItemJobData = z.object({
  itemId: z.uuid(),
  trigger: z.enum(['initial', 'webhook', 'schedule', 'manual', 'catch_up']),
});
export type SyncItemJobData = z.infer<typeof syncItemJobData>;

export const generateReportJobData = z.discriminatedUnion('kind', [
  z.object({
    userId: z.uuid(),
    kind: z.enum(['weekly', 'monthly']),
    /** The moment the report is "as of"; default the job's run time. */
    asOf: z.iso.datetime().optional(),
    notify: z.boolean().default(true),
  }),
  z.object({
    userId: z.uuid(),
    kind: z.literal('custom'),
    start: z.iso.date(),
    end: z.iso.date(),
    notify: z.boolean().default(false),
  }),
]);
export type GenerateReportJobData = z.input<typeof generateReportJobData>;

/**
 * Every job finsync runs, by name, with the schema of its payload: the one list producers (API, sync
 * service, worker) enqueue from and the worker registers against. The queue validates a payload when it is
 * enqueued and parses it again before the handler sees it.
 */
export const jobMap = {
  /** One item's sync (deduplicated per item). */
  'sync-item': syncItemJobData,
  /** What an item's periodic schedule emits; it funnels into the deduplicated 'sync-item'. */
  'schedule-sync': syncItemJobData,
  /** Nightly: a sync of every active item, in case webhooks were missed. */
  'sync-catch-up': z.object({}),
  /** After a sync: transfer pairing and recurring series, then alerts and the stored reports' refresh. */
  'refresh-insights': userJob,
  /** Records and queues the user's opted-in alerts for rows since `since` (default: the last day). */
  'check-alerts': userJob.extend({ since: z.iso.datetime().optional() }),
  /** Every few minutes: queues a send for every pending notification, whoever recorded it. */
  'dispatch-notifications': z.object({}),
  /** Sends one notification email (at most once per row). */
  'send-notification': z.object({ notificationId: z.uuid() }),
  /** Emails a pending sign-up its link (the account is created when the link is followed). */
  'send-signup-link': z.object({ signupId: z.uuid() }),
  /** Builds, renders and stores one report (weekly, monthly or a custom period). */
  'generate-report': generateReportJobData,
  /** Brings the user's stored reports back in line with their ledger. */
  'refresh-reports': userJob,
} as const satisfies Record<string, z.ZodType>;

export type JobMap = typeof jobMap;
export type JobName = keyof JobMap;
/** What a producer passes to `enqueue` (defaults may be left out). */
export type JobPayload<K extends JobName> = z.input<JobMap[K]>;
/** What a handler receives: the payload parsed by the job's schema. */
export type JobData<K extends JobName> = z.output<JobMap[K]>;

export const jobNames = Object.keys(jobMap) as JobName[];
