import { z } from 'zod';
import { Id, IsoDate, Timestamp } from './common.ts';
import { ReportSummary } from './report-summary.ts';
import { text } from './text.ts';

export const ReportListItem = z.object({
  id: Id,
  kind: z.enum(['weekly', 'monthly', 'custom']),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  timezone: z.string(),
  currency: z.string(),
  pdfBytes: z.number().int().nullable(),
  generatedAt: Timestamp,
});

export const ReportList = z.object({ reports: z.array(ReportListItem) });

/** Every figure of the report, in integer minor units (report-summary.ts). */
export const Report = ReportListItem.extend({ summary: ReportSummary });

/** Any range up to a year, in your time zone and currency: the report's figures for it, computed now, not stored. */
export const PeriodSummaryQuery = z
  .object({ start: IsoDate, end: IsoDate })
  .refine((r) => r.start <= r.end, { message: 'start must not be after end', path: ['start'] })
  .refine((r) => Date.parse(r.end) - Date.parse(r.start) <= 366 * 86_400_000, {
    message: 'period longer than a year',
    path: ['end'],
  });

export const PeriodSummary = z.object({
  periodStart: IsoDate,
  periodEnd: IsoDate,
  currency: z.string(),
  summary: ReportSummary,
});

/** `t` is the signed token of an email link; it is checked in addition to the session, never instead of it. */
export const ReportQuery = z.object({ t: text().max(200).optional() });

export const ReportRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.enum(['weekly', 'monthly']),
    /** The period containing this moment (default now), in your time zone. */
    asOf: Timestamp.optional(),
  }),
  z
    .strictObject({ kind: z.literal('custom'), start: IsoDate, end: IsoDate })
    .refine((r) => r.start <= r.end, { message: 'start must not be after end', path: ['start'] })
    .refine((r) => Date.parse(r.end) - Date.parse(r.start) <= 366 * 86_400_000, {
      message: 'period longer than a year',
      path: ['end'],
    }),
]);

export const ReportQueued = z.object({ jobId: z.string() });
