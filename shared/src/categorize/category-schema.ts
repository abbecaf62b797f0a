// Category create/update bodies as the API accepts them. Imported by the SPA too: zod only.
import { z } from 'zod';
import { text } from '../contract/text.ts';

export const categoryCreateSchema = z.object({
  name: text().trim().min(1).max(100),
  kind: z.enum(['income', 'expense', 'transfer']).default('expense'),
  parentId: z.uuid().nullable().default(null),
  isGroup: z.boolean().default(false),
});
export type CategoryCreate = z.output<typeof categoryCreateSchema>;

export const categoryUpdateSchema = z.object({
  name: text().trim().min(1).max(100).optional(),
  parentId: z.uuid().nullable().optional(),
  hidden: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
});
export type CategoryUpdate = z.output<typeof categoryUpdateSchema>;

export const categoryDeleteSchema = z.object({
  /** Where the category's transactions go; null leaves them uncategorized, to review. */
  reassignTo: z.uuid().nullable().default(null),
});
