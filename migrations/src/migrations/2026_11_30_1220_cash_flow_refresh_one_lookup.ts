import type { Kysely } from 'kysely';
import { editFunctionText, reversed, type TextEdit } from '../function-text.ts';

// Frozen: this file keeps meaning what it meant when written.
//
// 1210 gave the rollups' recompute a map of the user's category kinds; each row looked its category up in it
// once per use (whether it is the user's, its kind in the filter and in both amounts): six lookups a row,
// and where the categories' statistics were never gathered (PostgreSQL then looked them up by index, row by
// row), the recompute of a 50k-row history took 0.33 CPU seconds against 0.28 before 1210. Now each row looks
// its category up once, in a subquery kept apart (OFFSET 0, so it is not inlined into every use): a
// category's kind is never null, so a row whose category is not the user's is the one with no kind. That
// recompute: 0.27 s with the categories' statistics (0.55 before 1210) and 0.28 s without.

const EDITS: readonly TextEdit[] = [
  [
    `    CROSS JOIN LATERAL (
      SELECT CASE WHEN kinds ? p.category_id::text THEN p.category_id END AS id,
             kinds ->> p.category_id::text AS kind
    ) c`,
    `    CROSS JOIN LATERAL (SELECT kinds ->> p.category_id::text AS kind OFFSET 0) k
    CROSS JOIN LATERAL (SELECT CASE WHEN k.kind IS NOT NULL THEN p.category_id END AS id, k.kind) c`,
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  await editFunctionText(db, 'cash_flow_refresh(uuid, date[])', EDITS);
}

export async function down(db: Kysely<any>): Promise<void> {
  await editFunctionText(db, 'cash_flow_refresh(uuid, date[])', reversed(EDITS));
}
