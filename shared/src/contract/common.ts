import { z } from 'zod';

/** Shapes shared by several routes. Browser-safe: this folder imports only zod. */

export const Id = z.uuid();

export const IdParams = z.object({ id: Id });

/** A calendar date, 'YYYY-MM-DD', that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'expected a real calendar date');

export const Timestamp = z.iso.datetime({ offset: true });

/** Integer minor units (cents); Plaid's sign: positive is money out. */
export const MinorUnits = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code');

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Field paths of a validation failure, as sent in `error.details` with code VALIDATION_FAILED. */
export const ValidationIssue = z.object({ path: z.string(), message: z.string() });

export const Ok = z.object({ ok: z.literal(true) });

/** Query-string booleans arrive as text. */
export const QueryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');
