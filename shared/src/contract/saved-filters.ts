import { z } from 'zod';
import { Id, IsoDate, MinorUnits, Timestamp } from './common.ts';
import { text } from './text.ts';
import { checkFilterBounds, TransactionSort } from './transactions.ts';

/** Saved transaction filters (issue 17). Browser-safe. */

/** What a saved filter holds: the transactions page's filter, as the list query takes it, in JSON types. */
export const SavedFilterSpec = z
  .strictObject({
    q: text().trim().min(1).max(100).optional(),
    accountId: Id.optional(),
    /** A category id, or 'none' for uncategorized transactions. */
    categoryId: z.union([Id, z.literal('none')]).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    amountMinMinor: MinorUnits.optional(),
    amountMaxMinor: MinorUnits.optional(),
    pending: z.boolean().optional(),
    /** true: the "to review" list. */
    needsReview: z.boolean().optional(),
    sort: TransactionSort.optional(),
  })
  .superRefine(checkFilterBounds);
export type SavedFilterSpec = z.infer<typeof SavedFilterSpec>;

/** One name per user, whatever its case. */
const FilterName = text().trim().min(1).max(60);

export const SavedFilterCreate = z.strictObject({ name: FilterName, filter: SavedFilterSpec });

export const SavedFilterPatch = z
  .strictObject({ name: FilterName.optional(), filter: SavedFilterSpec.optional() })
  .refine((p) => p.name !== undefined || p.filter !== undefined, { message: 'expected name or filter' });

export const SavedFilter = z.object({
  id: Id,
  name: z.string(),
  filter: SavedFilterSpec,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SavedFilter = z.infer<typeof SavedFilter>;

export const SavedFilterList = z.object({ filters: z.array(SavedFilter) });
