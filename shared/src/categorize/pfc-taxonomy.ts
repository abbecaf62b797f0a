// Plaid's personal-finance-category taxonomy v2 (pfc-taxonomy-v2.csv, 123 detailed codes), kept as data in
// pfc-taxonomy.json: each primary with its detailed codes (the part after the primary's own prefix) and their
// human names, the kind every code of the primary has, and the odd code out (`kindOf`).
// Human names and kinds are finsync's; the codes and the v1 → v2 crosswalk are Plaid's.
import { z } from 'zod';
import type { CategoryKind } from '../db/database.ts';
import taxonomy from './pfc-taxonomy.json' with { type: 'json' };

export interface PfcPrimary {
  code: string;
  name: string;
}

export interface PfcDetailed {
  primary: string;
  code: string;
  name: string;
  kind: CategoryKind;
}

const kind = z.enum(['income', 'expense', 'transfer']) satisfies z.ZodType<CategoryKind>;
const primaries = z
  .array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind,
      detailed: z.record(z.string(), z.string()),
      kindOf: z.record(z.string(), kind).optional(),
    }),
  )
  .parse(taxonomy);

export const pfcPrimaries: readonly PfcPrimary[] = primaries.map(({ code, name }) => ({ code, name }));

export const pfcDetailed: readonly PfcDetailed[] = primaries.flatMap((p) =>
  Object.entries(p.detailed).map(([suffix, name]) => ({
    primary: p.code,
    code: `${p.code}_${suffix}`,
    name,
    kind: p.kindOf?.[suffix] ?? p.kind,
  })),
);

/** PFCv1 detailed codes that were renamed in v2 (identical codes are omitted). */
export const pfcV1ToV2: Readonly<Record<string, string>> = {
  INCOME_WAGES: 'INCOME_SALARY',
  INCOME_OTHER_INCOME: 'INCOME_OTHER',
  TRANSFER_IN_CASH_ADVANCES_AND_LOANS: 'LOAN_DISBURSEMENTS_OTHER_DISBURSEMENT',
};
